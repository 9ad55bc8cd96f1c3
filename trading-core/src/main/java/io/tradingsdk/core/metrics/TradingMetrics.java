package io.tradingsdk.core.metrics;

import io.tradingsdk.api.risk.DenialReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;

/**
 * Built-in trading metrics, per strategy and overall: signals, approvals, denials by
 * {@link DenialReason}, orders submitted, filled and rejected, strategy errors, the success rate
 * (filled / submitted) and the signal-to-order latency with p50/p95/p99/max.
 *
 * <p><b>Recording</b> ({@code on*} methods) is meant for the engine's event loop and takes no locks:
 * counters are {@link LongAdder}s and latency goes to an HdrHistogram {@link Recorder}, whose writer
 * side is wait-free. After a strategy id's first use nothing is allocated: each id gets its holder
 * (counters, an array of counters indexed by reason ordinal, a recorder) once, lazily. Recording is
 * also safe from several threads at once. The engine may keep the {@link StrategyRecorder} returned by
 * {@link #strategy(String)} to skip the lookup by id.
 *
 * <p><b>Reading</b>: {@link #snapshot()} may be called from any thread at any time. It never blocks
 * the recording side (snapshots serialize among themselves only). Each counter in a snapshot is exact
 * at some instant during the call; counters are not read atomically together, so for example
 * {@code approvals + denials} may briefly trail {@code signals}.
 *
 * <p><b>Memory</b>: each strategy id holds three latency histograms (two in the recorder, one
 * cumulative); at the default 2 significant digits and 60 s range about 30 KB each.
 *
 * <p><b>Export</b>: {@link TradingEngineMetrics} binds an engine's snapshots to a Micrometer
 * {@code MeterRegistry} (micrometer-core is an optional dependency the host adds). Other systems read
 * {@link #snapshot()} themselves, off the event loop.
 */
public final class TradingMetrics {
    /** Default latency precision: 2 significant digits (values within 1%). */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 2;
    /** Default largest latency tracked: 60 seconds; larger values count as 60 s. */
    public static final long DEFAULT_HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** At most this many strategy ids get their own figures; later ones are counted under {@link #OTHER_STRATEGIES}. */
    public static final int MAX_STRATEGY_IDS = 1_000;
    /** Where the figures of strategy ids beyond {@link #MAX_STRATEGY_IDS} go, so a host that makes up ids cannot grow the metrics without bound. */
    public static final String OTHER_STRATEGIES = "(other)";

    private static final DenialReason[] REASONS = DenialReason.values();

    private final int significantDigits;
    private final long highestTrackableNanos;
    private final ConcurrentHashMap<String, StrategyRecorder> strategies = new ConcurrentHashMap<>();
    /** Guards the reader-side histograms; never taken by recording. */
    private final Object snapshotLock = new Object();
    private final Histogram overallLatency;

    /** Latency with {@value #DEFAULT_SIGNIFICANT_DIGITS} significant digits up to 60 seconds. */
    public TradingMetrics() {
        this(DEFAULT_SIGNIFICANT_DIGITS, DEFAULT_HIGHEST_TRACKABLE_NANOS);
    }

    /**
     * @param significantDigits     latency precision, 1 to 5 (HdrHistogram significant value digits)
     * @param highestTrackableNanos the largest latency kept as is, at least 1000 ns; larger values are
     *                              recorded as this value
     * @throws IllegalArgumentException when either is out of range
     */
    public TradingMetrics(int significantDigits, long highestTrackableNanos) {
        if (significantDigits < 1 || significantDigits > 5) {
            throw new IllegalArgumentException("significantDigits must be in [1, 5], was " + significantDigits);
        }
        if (highestTrackableNanos < 1000) {
            throw new IllegalArgumentException("highestTrackableNanos must be at least 1000, was " + highestTrackableNanos);
        }
        this.significantDigits = significantDigits;
        this.highestTrackableNanos = highestTrackableNanos;
        this.overallLatency = new Histogram(1, highestTrackableNanos, significantDigits);
    }

    /**
     * The recorder of one strategy id, created on first use (beyond {@value #MAX_STRATEGY_IDS} ids, the
     * shared recorder {@link #OTHER_STRATEGIES}). Keep it to record without the lookup.
     *
     * @throws NullPointerException when {@code strategyId} is null
     */
    public StrategyRecorder strategy(String strategyId) {
        StrategyRecorder r = strategies.get(Objects.requireNonNull(strategyId, "strategyId"));
        if (r == null) {
            String key = strategies.size() < MAX_STRATEGY_IDS ? strategyId : OTHER_STRATEGIES;
            r = strategies.computeIfAbsent(key, this::newRecorder);
        }
        return r;
    }

    private StrategyRecorder newRecorder(String strategyId) {
        return new StrategyRecorder(strategyId, significantDigits, highestTrackableNanos);
    }

    /** The strategy produced a signal. */
    public void onSignal(String strategyId) {
        strategy(strategyId).onSignal();
    }

    /** The risk check approved a signal of the strategy. */
    public void onApproved(String strategyId) {
        strategy(strategyId).onApproved();
    }

    /** A signal of the strategy was denied for {@code reason}. */
    public void onDenied(String strategyId, DenialReason reason) {
        strategy(strategyId).onDenied(reason);
    }

    /**
     * An order from the strategy's signal was handed to the executor.
     *
     * @param signalToOrderNanos time from the signal to the submission ({@link System#nanoTime()}
     *                           difference); a negative value means "not measured" and records no latency
     */
    public void onOrderSubmitted(String strategyId, long signalToOrderNanos) {
        strategy(strategyId).onOrderSubmitted(signalToOrderNanos);
    }

    /** An order of the strategy ended completely filled (call once per order, not per partial fill). */
    public void onOrderFilled(String strategyId) {
        strategy(strategyId).onOrderFilled();
    }

    /** An order of the strategy was rejected. */
    public void onOrderRejected(String strategyId) {
        strategy(strategyId).onOrderRejected();
    }

    /** A callback of the strategy threw. */
    public void onStrategyError(String strategyId) {
        strategy(strategyId).onStrategyError();
    }

    /** The strategy ids seen so far. */
    public Set<String> strategyIds() {
        return Set.copyOf(strategies.keySet());
    }

    /** An immutable copy of all figures; any thread. */
    public MetricsSnapshot snapshot() {
        synchronized (snapshotLock) {
            overallLatency.reset();
            Map<String, MetricsSnapshot.Stats> per = new TreeMap<>();
            long signals = 0;
            long approvals = 0;
            long denials = 0;
            long submitted = 0;
            long filled = 0;
            long rejected = 0;
            long errors = 0;
            long[] byReason = new long[REASONS.length];
            for (StrategyRecorder r : strategies.values()) {
                Histogram latency = r.drainLatency();
                overallLatency.add(latency);
                long[] reasons = new long[REASONS.length];
                long denied = 0;
                for (int i = 0; i < REASONS.length; i++) {
                    reasons[i] = r.denials[i].sum();
                    denied += reasons[i];
                    byReason[i] += reasons[i];
                }
                MetricsSnapshot.Stats s = stats(r.signals.sum(), r.approvals.sum(), denied, reasons, r.submitted.sum(),
                        r.filled.sum(), r.rejected.sum(), r.errors.sum(), latency);
                per.put(r.strategyId, s);
                signals += s.signals();
                approvals += s.approvals();
                denials += denied;
                submitted += s.ordersSubmitted();
                filled += s.ordersFilled();
                rejected += s.ordersRejected();
                errors += s.strategyErrors();
            }
            MetricsSnapshot.Stats overall = stats(signals, approvals, denials, byReason, submitted, filled, rejected, errors,
                    overallLatency);
            return new MetricsSnapshot(overall, per);
        }
    }

    /**
     * The signal-to-order latencies recorded so far, all strategies together, as a histogram for charts.
     * Any thread; serialized with {@link #snapshot()}.
     */
    public LatencyHistogram latencyHistogram() {
        synchronized (snapshotLock) {
            Histogram all = new Histogram(1, overallLatency.getHighestTrackableValue(),
                    overallLatency.getNumberOfSignificantValueDigits());
            for (StrategyRecorder r : strategies.values()) {
                all.add(r.drainLatency());
            }
            List<LatencyHistogram.Bucket> buckets = new ArrayList<>();
            if (all.getTotalCount() > 0) {
                double upToMicros = 1.0;
                for (HistogramIterationValue v : all.logarithmicBucketValues(1000, 2.0)) {
                    buckets.add(new LatencyHistogram.Bucket(upToMicros, v.getCountAddedInThisIterationStep()));
                    upToMicros *= 2;
                }
            }
            return new LatencyHistogram(buckets);
        }
    }

    private static MetricsSnapshot.Stats stats(long signals, long approvals, long denials, long[] byReason, long submitted,
                                               long filled, long rejected, long errors, Histogram latency) {
        Map<DenialReason, Long> reasons = new EnumMap<>(DenialReason.class);
        for (int i = 0; i < byReason.length; i++) {
            if (byReason[i] != 0) {
                reasons.put(REASONS[i], byReason[i]);
            }
        }
        double successRate = submitted == 0 ? Double.NaN : (double) filled / submitted;
        return new MetricsSnapshot.Stats(signals, approvals, denials, reasons, submitted, filled, rejected, errors,
                successRate, latency(latency));
    }

    private static MetricsSnapshot.Latency latency(Histogram h) {
        long count = h.getTotalCount();
        if (count == 0) {
            return MetricsSnapshot.Latency.EMPTY;
        }
        return new MetricsSnapshot.Latency(count, micros(h.getValueAtPercentile(50.0)), micros(h.getValueAtPercentile(95.0)),
                micros(h.getValueAtPercentile(99.0)), micros(h.getMaxValue()), h.getMean() / 1000.0);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    /**
     * The counters and latency recorder of one strategy id. Recording methods take no locks and do not
     * allocate; they may be called from any thread, normally the engine's event loop.
     */
    public static final class StrategyRecorder {
        private final String strategyId;
        private final long highestTrackableNanos;
        private final LongAdder signals = new LongAdder();
        private final LongAdder approvals = new LongAdder();
        private final LongAdder submitted = new LongAdder();
        private final LongAdder filled = new LongAdder();
        private final LongAdder rejected = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder[] denials = new LongAdder[REASONS.length];
        private final Recorder latency;
        // Reader side, used only under TradingMetrics.snapshotLock.
        private Histogram interval;
        private final Histogram cumulative;

        private StrategyRecorder(String strategyId, int significantDigits, long highestTrackableNanos) {
            this.strategyId = strategyId;
            this.highestTrackableNanos = highestTrackableNanos;
            for (int i = 0; i < denials.length; i++) {
                denials[i] = new LongAdder();
            }
            this.latency = new Recorder(1, highestTrackableNanos, significantDigits);
            this.cumulative = new Histogram(1, highestTrackableNanos, significantDigits);
        }

        public String strategyId() {
            return strategyId;
        }

        public void onSignal() {
            signals.increment();
        }

        public void onApproved() {
            approvals.increment();
        }

        /** @throws NullPointerException when {@code reason} is null */
        public void onDenied(DenialReason reason) {
            denials[reason.ordinal()].increment();
        }

        /** @param signalToOrderNanos negative for "not measured" (counted, no latency recorded) */
        public void onOrderSubmitted(long signalToOrderNanos) {
            submitted.increment();
            if (signalToOrderNanos >= 0) {
                latency.recordValue(Math.min(signalToOrderNanos, highestTrackableNanos));
            }
        }

        public void onOrderFilled() {
            filled.increment();
        }

        public void onOrderRejected() {
            rejected.increment();
        }

        public void onStrategyError() {
            errors.increment();
        }

        /** Moves what was recorded since the last call into the cumulative histogram and returns it. */
        private Histogram drainLatency() {
            interval = latency.getIntervalHistogram(interval);
            cumulative.add(interval);
            return cumulative;
        }
    }
}
