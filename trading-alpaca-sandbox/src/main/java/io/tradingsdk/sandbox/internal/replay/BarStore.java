package io.tradingsdk.sandbox.internal.replay;

import io.tradingsdk.api.market.Bar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bars replayed so far, per symbol in time order: what the market data REST API can answer. */
public final class BarStore {
    private final Map<String, List<Bar>> bySymbol = new HashMap<>();
    private long count;

    public synchronized void add(Bar bar) {
        bySymbol.computeIfAbsent(bar.symbol(), k -> new ArrayList<>()).add(bar);
        count++;
    }

    /** How many bars were replayed. */
    public synchronized long count() {
        return count;
    }

    /** Bars of one symbol with {@code from <= start <= to} (either bound may be null), in time order. */
    public synchronized List<Bar> range(String symbol, Instant from, Instant to) {
        List<Bar> out = new ArrayList<>();
        for (Bar b : bySymbol.getOrDefault(symbol, List.of())) {
            if ((from == null || !b.start().isBefore(from)) && (to == null || !b.start().isAfter(to))) {
                out.add(b);
            }
        }
        return out;
    }
}
