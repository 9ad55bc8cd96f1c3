package io.tradingsdk.api.market;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which historical bars to replay.
 *
 * @param symbols   symbols to include; not empty
 * @param timeframe bar length wanted, or {@code null} for the source's native timeframe per symbol
 * @param from      inclusive lower bound on bar start, or {@code null} for the earliest
 * @param to        exclusive upper bound on bar start, or {@code null} for the latest
 */
public record BarQuery(Set<String> symbols, Timeframe timeframe, Instant from, Instant to) {
    public BarQuery {
        symbols = Set.copyOf(Objects.requireNonNull(symbols, "symbols"));
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a bar query needs at least one symbol");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("bar query 'from' " + from + " is not before 'to' " + to);
        }
    }

    public boolean contains(Instant start) {
        return (from == null || !start.isBefore(from)) && (to == null || start.isBefore(to));
    }
}
