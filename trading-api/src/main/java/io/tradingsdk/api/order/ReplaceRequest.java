package io.tradingsdk.api.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * New terms for an open order. Fields left {@code null} keep their value. The replacement gets its
 * own client order id (brokers require a new one), deterministic like any other.
 */
public record ReplaceRequest(String newClientOrderId, BigDecimal quantity, BigDecimal limitPrice, BigDecimal stopPrice,
                             TimeInForce timeInForce) {
    public ReplaceRequest {
        Objects.requireNonNull(newClientOrderId, "newClientOrderId");
        for (BigDecimal v : new BigDecimal[] {quantity, limitPrice, stopPrice}) {
            if (v != null && v.signum() <= 0) {
                throw new IllegalArgumentException("replace values must be positive, was " + v.toPlainString());
            }
        }
    }
}
