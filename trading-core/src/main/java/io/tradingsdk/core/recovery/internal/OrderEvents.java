package io.tradingsdk.core.recovery.internal;

import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;

/** Events the engine makes from what the broker answered. */
public final class OrderEvents {
    private OrderEvents() {
    }

    /** A cumulative-only event (no execution attached) carrying the broker's status and filled quantity. */
    public static OrderEvent fromOrder(Order o, String reason) {
        OrderEventType type = OrderEventType.NEW;
        for (OrderEventType t : OrderEventType.values()) {
            if (t.resultingStatus() == o.status()) {
                type = t;
                break;
            }
        }
        return new OrderEvent(type, o.clientOrderId(), o.brokerOrderId(), o.symbol(), o.request().side(),
                o.filledQuantity(), o.averageFillPrice(), null, o.updatedAt(), reason);
    }
}
