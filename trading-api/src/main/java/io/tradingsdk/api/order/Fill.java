package io.tradingsdk.api.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution of part or all of an order.
 *
 * @param fillId unique per execution (the broker's execution id, or a derived
 *               {@code clientOrderId#cumulativeQty} when the broker gives none); fills are applied
 *               once per id
 * @param fee    commission and fees charged for this fill, zero or positive
 */
public record Fill(String fillId, String clientOrderId, String symbol, OrderSide side, BigDecimal quantity,
                   BigDecimal price, BigDecimal fee, Instant time) {
    public Fill {
        Objects.requireNonNull(fillId, "fillId");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(fee, "fee");
        Objects.requireNonNull(time, "time");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("fill quantity must be positive, was " + quantity.toPlainString());
        }
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("fill price must be positive, was " + price.toPlainString());
        }
        if (fee.signum() < 0) {
            throw new IllegalArgumentException("fill fee must not be negative, was " + fee.toPlainString());
        }
    }

    /** Quantity times price, exact. */
    public BigDecimal notional() {
        return quantity.multiply(price);
    }
}
