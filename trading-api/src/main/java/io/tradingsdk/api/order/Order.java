package io.tradingsdk.api.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of an order as the executor (broker) knows it.
 *
 * @param brokerOrderId      the broker's id, or {@code null} before the broker assigned one
 * @param filledQuantity     cumulative filled quantity, zero or more
 * @param averageFillPrice   volume-weighted average fill price, or {@code null} when nothing filled
 */
public record Order(OrderRequest request, String brokerOrderId, OrderStatus status, BigDecimal filledQuantity,
                    BigDecimal averageFillPrice, Instant updatedAt) {
    public Order {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (filledQuantity.signum() < 0) {
            throw new IllegalArgumentException("filledQuantity must not be negative, was " + filledQuantity);
        }
    }

    public String clientOrderId() {
        return request.clientOrderId();
    }

    public String symbol() {
        return request.symbol();
    }
}
