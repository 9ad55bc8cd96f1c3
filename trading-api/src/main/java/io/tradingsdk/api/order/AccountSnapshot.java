package io.tradingsdk.api.order;

import io.tradingsdk.api.portfolio.Position;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The broker's explicit report of an account: the truth the engine reconciles against at start.
 * A snapshot that could not be read is an exception, never an empty (flat) snapshot.
 *
 * @param cash          the account's cash; negative on a margin account that borrowed
 * @param positions     one per symbol, signed quantities
 * @param openOrders    open orders the executor can represent (this SDK's and compatible ones)
 * @param time          when the broker was read
 * @param foreignOrders open orders the executor cannot represent; reported, never fatal
 */
public record AccountSnapshot(BigDecimal cash, List<Position> positions, List<Order> openOrders, Instant time,
                              List<ForeignOrder> foreignOrders) {
    public AccountSnapshot {
        Objects.requireNonNull(cash, "cash");
        positions = List.copyOf(positions);
        openOrders = List.copyOf(openOrders);
        Objects.requireNonNull(time, "time");
        foreignOrders = List.copyOf(foreignOrders);
    }

    /** A snapshot without foreign orders. */
    public AccountSnapshot(BigDecimal cash, List<Position> positions, List<Order> openOrders, Instant time) {
        this(cash, positions, openOrders, time, List.of());
    }
}
