package io.tradingsdk.core.metrics;

import io.tradingsdk.api.risk.DenialReason;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable copy of {@link TradingMetrics} at one moment: totals over all strategies and the same
 * figures per strategy id. Counters are cumulative since the metrics object was created. Safe to keep,
 * share and read from any thread.
 *
 * @param overall    the sum over all strategies (latency percentiles over all recorded values)
 * @param strategies per strategy id, sorted by id; immutable
 */
public record MetricsSnapshot(Stats overall, Map<String, Stats> strategies) {

    public MetricsSnapshot {
        Objects.requireNonNull(overall, "overall");
        strategies = Collections.unmodifiableMap(new TreeMap<>(strategies));
    }

    /** The figures of one strategy, or {@link Stats#EMPTY} when it recorded nothing. */
    public Stats strategy(String strategyId) {
        return strategies.getOrDefault(strategyId, Stats.EMPTY);
    }

    /**
     * Counters and latency of one strategy (or of all).
     *
     * @param signals           signals produced by the strategy
     * @param approvals         signals the risk check approved
     * @param denials           signals denied, all reasons together
     * @param denialsByReason   denials per reason; only reasons that occurred; an immutable EnumMap copy
     * @param ordersSubmitted   orders handed to the executor
     * @param ordersFilled      orders that ended completely filled
     * @param ordersRejected    orders the broker (or the executor) rejected
     * @param strategyErrors    exceptions thrown by the strategy's callbacks
     * @param successRate       {@code ordersFilled / ordersSubmitted}, or {@code NaN} when nothing was submitted
     * @param signalToOrderLatency time from a signal to its order's submission
     */
    public record Stats(long signals, long approvals, long denials, Map<DenialReason, Long> denialsByReason,
                        long ordersSubmitted, long ordersFilled, long ordersRejected, long strategyErrors,
                        double successRate, Latency signalToOrderLatency) {
        /** Nothing recorded. */
        public static final Stats EMPTY = new Stats(0, 0, 0, Map.of(), 0, 0, 0, 0, Double.NaN, Latency.EMPTY);

        public Stats {
            EnumMap<DenialReason, Long> copy = new EnumMap<>(DenialReason.class);
            copy.putAll(denialsByReason);
            denialsByReason = Collections.unmodifiableMap(copy);
            Objects.requireNonNull(signalToOrderLatency, "signalToOrderLatency");
        }

        /** Denials for one reason (0 when none). */
        public long denials(DenialReason reason) {
            return denialsByReason.getOrDefault(reason, 0L);
        }
    }

    /**
     * Latency percentiles in microseconds, from an HdrHistogram (values are exact to the histogram's
     * significant digits: 2 digits = within 1%).
     *
     * @param count      recorded values
     * @param p50Micros  median
     * @param p95Micros  95th percentile
     * @param p99Micros  99th percentile
     * @param maxMicros  largest recorded value
     * @param meanMicros mean
     */
    public record Latency(long count, double p50Micros, double p95Micros, double p99Micros, double maxMicros,
                          double meanMicros) {
        /** Nothing recorded: count 0 and all values 0. */
        public static final Latency EMPTY = new Latency(0, 0, 0, 0, 0, 0);
    }
}
