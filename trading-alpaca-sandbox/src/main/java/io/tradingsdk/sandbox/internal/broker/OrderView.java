package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;
import java.time.Instant;

/** An immutable copy of an order's state, as the REST API and the trade stream show it. */
public record OrderView(String id, String clientOrderId, Instant createdAt, Instant updatedAt, Instant submittedAt,
                        Instant filledAt, Instant expiredAt, Instant canceledAt, Instant replacedAt, String replacedBy,
                        String replaces, String symbol, BigDecimal quantity, BigDecimal notional,
                        BigDecimal filledQuantity, BigDecimal filledAveragePrice, String type, String side,
                        String timeInForce, BigDecimal limitPrice, String status, boolean extendedHours) {

    /** Statuses in which an order can still fill or be canceled. */
    public boolean open() {
        return BrokerOrder.OPEN.contains(status);
    }
}
