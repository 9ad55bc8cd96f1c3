package io.tradingsdk.api.order;

import io.tradingsdk.api.portfolio.Position;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The broker's explicit report of an account: the truth the engine reconciles against at start.
 * A snapshot that could not be read is an exception, never an empty (flat) snapshot.
 */
public record AccountSnapshot(BigDecimal cash, List<Position> positions, List<Order> openOrders, Instant time) {
    public AccountSnapshot {
        Objects.requireNonNull(cash, "cash");
        positions = List.copyOf(positions);
        openOrders = List.copyOf(openOrders);
        Objects.requireNonNull(time, "time");
    }
}
