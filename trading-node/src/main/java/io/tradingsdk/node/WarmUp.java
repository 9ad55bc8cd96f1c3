package io.tradingsdk.node;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.strategy.TradingStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads recent history for the strategies' warm-up: per symbol, the most bars any strategy of that
 * symbol asks for ({@link TradingStrategy#warmUpBars()}), complete bars only (ended by {@code now}),
 * handed on in start-time order (ties by symbol). The node hands them to
 * {@link io.tradingsdk.core.engine.TradingEngine#warmUp}, so they reach the strategies and nothing
 * else, and no signal from them goes out.
 *
 * <p>Runs on the caller's thread (the node's start); reads history through the source's
 * {@link MarketDataSource#history}.
 */
public final class WarmUp {
    /** More bars than this per strategy is taken as a mistake. */
    public static final int MAX_BARS = 100_000;

    private WarmUp() {
    }

    /**
     * What warm-up fed.
     *
     * @param wanted   bars wanted per symbol
     * @param fed      bars fed per symbol
     * @param lastStart start of the last bar fed per symbol; live bars starting at or before it are duplicates
     */
    public record Report(Map<String, Integer> wanted, Map<String, Integer> fed, Map<String, Instant> lastStart) {
        public Report {
            wanted = Map.copyOf(wanted);
            fed = Map.copyOf(fed);
            lastStart = Map.copyOf(lastStart);
        }

        /** Symbols that got fewer bars than wanted (history too short, or the lookback too small). */
        public Map<String, Integer> shortfall() {
            Map<String, Integer> out = new TreeMap<>();
            wanted.forEach((s, w) -> {
                int got = fed.getOrDefault(s, 0);
                if (got < w) {
                    out.put(s, w - got);
                }
            });
            return out;
        }
    }

    /**
     * The bars wanted per symbol: the largest {@link TradingStrategy#warmUpBars()} among the strategies
     * trading it.
     *
     * @param strategies strategy id to its symbols and instance
     * @throws IllegalArgumentException naming the strategy when it asks for a negative or absurd number
     */
    public static Map<String, Integer> wanted(Map<String, Map.Entry<List<String>, TradingStrategy>> strategies) {
        Map<String, Integer> out = new TreeMap<>();
        strategies.forEach((id, e) -> {
            int n = e.getValue().warmUpBars();
            if (n < 0 || n > MAX_BARS) {
                throw new IllegalArgumentException("strategy '" + id + "' asks for " + n
                        + " warm-up bars; must be between 0 and " + MAX_BARS);
            }
            for (String symbol : e.getKey()) {
                out.merge(symbol, n, Math::max);
            }
        });
        out.values().removeIf(n -> n == 0);
        return out;
    }

    /**
     * How far back to read when the node file does not say: twice the bars' span plus five days
     * (weekends, holidays and the hours the market is closed).
     */
    public static Duration defaultLookback(int bars, Timeframe timeframe) {
        return timeframe.duration().multipliedBy(2L * bars).plusDays(5);
    }

    /**
     * Reads {@code [now - lookback, now)} and feeds the last {@code wanted} complete bars of each symbol
     * to {@code sink}, merged in start-time order.
     */
    public static Report run(MarketDataSource source, Map<String, Integer> wanted, Timeframe timeframe, Instant now,
                             Duration lookback, Consumer<Bar> sink) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timeframe, "timeframe");
        Map<String, Integer> fed = new HashMap<>();
        Map<String, Instant> lastStart = new HashMap<>();
        if (wanted.isEmpty()) {
            return new Report(wanted, fed, lastStart);
        }
        Map<String, ArrayDeque<Bar>> recent = new HashMap<>();
        try (BarCursor cursor = source.history(new BarQuery(wanted.keySet(), timeframe, now.minus(lookback), now))) {
            while (cursor.hasNext()) {
                Bar bar = cursor.next();
                Integer n = wanted.get(bar.symbol());
                if (n == null || bar.end().isAfter(now)) {
                    continue; // another symbol, or a bar still forming
                }
                ArrayDeque<Bar> q = recent.computeIfAbsent(bar.symbol(), k -> new ArrayDeque<>());
                q.addLast(bar);
                if (q.size() > n) {
                    q.removeFirst();
                }
            }
        }
        List<Bar> all = new ArrayList<>();
        recent.values().forEach(all::addAll);
        all.sort(Comparator.comparing(Bar::start).thenComparing(Bar::symbol));
        for (Bar bar : all) {
            sink.accept(bar);
            fed.merge(bar.symbol(), 1, Integer::sum);
            lastStart.merge(bar.symbol(), bar.start(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return new Report(wanted, fed, lastStart);
    }
}
