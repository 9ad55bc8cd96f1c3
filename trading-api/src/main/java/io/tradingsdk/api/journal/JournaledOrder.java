package io.tradingsdk.api.journal;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderStatus;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the journal knows of one order: its intent, the status its last journaled event left it in,
 * and the part of it that journaled fills explain.
 *
 * @param lastStatus     the status of the last journaled order event, {@link OrderStatus#CREATED}
 *                       when none was journaled (the intent was durable; whether the order reached
 *                       the broker is for a lookup by client order id to tell)
 * @param filledQuantity the sum of the order's journaled fills; they cover the order's first
 *                       {@code filledQuantity} (fills of one order are journaled in the order of
 *                       their cumulative quantity)
 * @param filledNotional the sum of quantity times price of those fills
 * @param brokerOrderId  from the journaled events, or {@code null}
 */
public record JournaledOrder(OrderIntent intent, OrderStatus lastStatus, BigDecimal filledQuantity,
                             BigDecimal filledNotional, String brokerOrderId) {
    public JournaledOrder {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(filledNotional, "filledNotional");
    }

    public String clientOrderId() {
        return intent.clientOrderId();
    }

    /** Whether the journal saw the order end (filled, canceled, expired, replaced, rejected, denied). */
    public boolean finished() {
        return lastStatus.isTerminal();
    }
}
