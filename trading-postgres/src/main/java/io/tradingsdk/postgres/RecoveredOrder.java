package io.tradingsdk.postgres;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderStatus;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order the journal last saw open: its intent and its last journaled state.
 *
 * @param status           {@link OrderStatus#CREATED} when no event was journaled (the intent was
 *                         durable; whether the order reached the broker is for a lookup by client
 *                         order id to tell)
 * @param filledQuantity   cumulative filled quantity journaled so far
 * @param averageFillPrice or {@code null} when nothing filled
 * @param brokerOrderId    or {@code null} when no event carried one
 */
public record RecoveredOrder(OrderIntent intent, OrderStatus status, BigDecimal filledQuantity,
                             BigDecimal averageFillPrice, String brokerOrderId) {
    public RecoveredOrder {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
    }

    public String clientOrderId() {
        return intent.clientOrderId();
    }
}
