package io.tradingsdk.core.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.core.engine.TradingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports an engine's built-in metrics ({@link MetricsSnapshot}) to Micrometer, in the manner of
 * Micrometer's own binders. Optional: trading-core declares micrometer-core as an optional dependency,
 * so a host that uses this class adds {@code io.micrometer:micrometer-core} itself.
 *
 * <pre>{@code
 * TradingEngineMetrics bridge = new TradingEngineMetrics(engine);
 * bridge.bindTo(registry);      // any MeterRegistry; once per registry
 * // ... on shutdown, to drop the series:
 * bridge.close();
 * }</pre>
 *
 * <p><b>Meters</b>, all tagged {@value #TAG_ACCOUNT} (the engine's account id), the host's extra tags,
 * and, except the account-wide latency, {@value #TAG_STRATEGY} (the strategy id of the signal):
 * <ul>
 *   <li>{@value #SIGNALS} (FunctionCounter, unit signals): signals produced</li>
 *   <li>{@value #APPROVALS} (FunctionCounter, unit approvals): signals the risk check approved</li>
 *   <li>{@value #DENIALS} (FunctionCounter, unit denials) with {@value #TAG_REASON} = the {@link DenialReason}
 *       name: denied signals; one series per reason that occurred</li>
 *   <li>{@value #ORDERS} (FunctionCounter, unit orders) with {@value #TAG_STATUS} = {@code submitted},
 *       {@code filled} or {@code rejected}</li>
 *   <li>{@value #STRATEGY_ERRORS} (FunctionCounter, unit errors): exceptions thrown by the strategy's callbacks</li>
 *   <li>{@value #LATENCY_PERCENTILE} (TimeGauge) with {@value #TAG_PHI} = {@code 0.5}, {@code 0.95},
 *       {@code 0.99}, and {@value #LATENCY_MAX} (TimeGauge): signal-to-order latency since the engine
 *       started, as {@link MetricsSnapshot.Latency} gives it (0 before the first order)</li>
 *   <li>{@value #ACCOUNT_LATENCY_PERCENTILE} and {@value #ACCOUNT_LATENCY_MAX}: the same over all strategies
 *       of the account, without the strategy tag</li>
 * </ul>
 * Units are chosen so that Prometheus names read {@code trading_signals_total},
 * {@code trading_denials_total}, {@code trading_signal_to_order_percentile_seconds} and so on. Strategy
 * ids are tag values: a host that sends signals under ids of its own keeps their number bounded.
 * The account's totals of the counters are not registered separately: they are exactly the sum of the
 * per-strategy series (sum by {@value #TAG_ACCOUNT} in the backend), and a pre-summed series under the same
 * name would be counted twice by such a sum. Percentiles cannot be summed, hence the account-wide latency.
 *
 * <p><b>Strategies that appear later</b>: a strategy id (or a denial reason of a strategy) enters the
 * snapshot when it first records something, which may be after {@code bindTo}, e.g. a host's first
 * signal under a new strategy id. Whenever the binder takes a fresh snapshot (at most once per
 * {@link Builder#maxSnapshotAge max snapshot age}, on the thread of the registry that reads a meter),
 * it registers the series of ids and reasons it has not seen yet with every registry it is bound to:
 * they appear from the next scrape or publish on. Registration goes through the registry's
 * {@code MeterFilter}s like any other. Calling {@code bindTo} again on the same registry registers them
 * at once and is otherwise harmless.
 *
 * <p><b>Snapshots</b>: meters read one cached snapshot; a new one is taken from the supplier only when the
 * cached one is older than {@link Builder#maxSnapshotAge} (default {@link #DEFAULT_MAX_SNAPSHOT_AGE}),
 * so one scrape takes one snapshot however many meters it reads. Snapshots are taken on the reading
 * thread, never on the engine's event loop ({@link TradingMetrics#snapshot()} does not block recording).
 * If the supplier throws, the previous snapshot is kept (nothing before the first), a warning is
 * logged once, and the supplier is asked again after the next max age.
 *
 * <p><b>Threads</b>: every method may be called from any thread. The cache is a volatile reference
 * refreshed under a private lock (readers of a fresh snapshot take no lock); the set of bound registries
 * is guarded by a short lock in {@code bindTo}; which series a registry has is kept in concurrent sets,
 * and no lock is held while a meter is registered or removed.
 *
 * <p><b>Lifetime</b>: unlike most binders, the meters hold the binder strongly (and through its supplier
 * the engine), so a binder that nobody keeps still reports. {@link #close()} removes every meter it
 * registered from every registry and stops registering new ones; do that when the engine goes away.
 */
public final class TradingEngineMetrics implements MeterBinder, AutoCloseable {
    /** Signals produced. */
    public static final String SIGNALS = "trading.signals";
    /** Signals approved by the risk check. */
    public static final String APPROVALS = "trading.approvals";
    /** Signals denied, tagged with the reason. */
    public static final String DENIALS = "trading.denials";
    /** Orders, tagged with the status: submitted, filled, rejected. */
    public static final String ORDERS = "trading.orders";
    /** Exceptions thrown by strategy callbacks. */
    public static final String STRATEGY_ERRORS = "trading.strategy.errors";
    /** Signal-to-order latency percentiles of a strategy, tagged {@code phi}. */
    public static final String LATENCY_PERCENTILE = "trading.signal.to.order.percentile";
    /** Largest signal-to-order latency of a strategy. */
    public static final String LATENCY_MAX = "trading.signal.to.order.max";
    /** Signal-to-order latency percentiles over all strategies of the account, tagged {@code phi}. */
    public static final String ACCOUNT_LATENCY_PERCENTILE = "trading.account.signal.to.order.percentile";
    /** Largest signal-to-order latency over all strategies of the account. */
    public static final String ACCOUNT_LATENCY_MAX = "trading.account.signal.to.order.max";

    public static final String TAG_ACCOUNT = "account";
    public static final String TAG_STRATEGY = "strategy";
    public static final String TAG_REASON = "reason";
    public static final String TAG_STATUS = "status";
    public static final String TAG_PHI = "phi";

    /** How old a cached snapshot may be before a meter read takes a new one. */
    public static final Duration DEFAULT_MAX_SNAPSHOT_AGE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(TradingEngineMetrics.class);
    private static final MetricsSnapshot NOTHING = new MetricsSnapshot(MetricsSnapshot.Stats.EMPTY, Map.of());

    private final String accountId;
    private final Supplier<MetricsSnapshot> snapshots;
    private final Tags tags;
    private final long maxAgeNanos;
    private final Clock clock;

    private final Object refreshLock = new Object();
    private volatile Taken last;
    /** Written under refreshLock; only decides whether a failure is logged. */
    private boolean failing;

    private final List<Binding> bindings = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * A binder for {@code engine} with the defaults: no extra tags, snapshots reused for up to
     * {@link #DEFAULT_MAX_SNAPSHOT_AGE}.
     *
     * @throws NullPointerException when {@code engine} is null
     */
    public TradingEngineMetrics(TradingEngine engine) {
        this(builder(engine));
    }

    /**
     * A binder for {@code engine} whose meters also carry {@code tags}.
     *
     * @throws NullPointerException when an argument is null
     */
    public TradingEngineMetrics(TradingEngine engine, Iterable<Tag> tags) {
        this(builder(engine).tags(tags));
    }

    private TradingEngineMetrics(Builder b) {
        this.accountId = b.accountId;
        this.snapshots = b.snapshots;
        // The account tag comes last so that an extra tag of the same key cannot hide it.
        this.tags = Tags.concat(b.tags, TAG_ACCOUNT, b.accountId);
        this.maxAgeNanos = saturatedNanos(b.maxSnapshotAge);
        this.clock = b.clock;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // about 292 years: one snapshot for good
        }
    }

    /**
     * A builder for an engine: its account id and {@link TradingEngine#metrics()}.
     *
     * @throws NullPointerException when {@code engine} is null
     */
    public static Builder builder(TradingEngine engine) {
        Objects.requireNonNull(engine, "engine");
        return new Builder(engine.accountId(), engine::metrics);
    }

    /**
     * A builder for any source of snapshots, e.g. a {@link TradingMetrics} shared by several engines
     * or a host's own; the binder does not need the engine.
     *
     * @param accountId the value of the {@value #TAG_ACCOUNT} tag
     * @param snapshots called from the threads that read meters, at most once per max snapshot age
     * @throws NullPointerException when an argument is null
     */
    public static Builder builder(String accountId, Supplier<MetricsSnapshot> snapshots) {
        return new Builder(accountId, snapshots);
    }

    /** The value of the {@value #TAG_ACCOUNT} tag. */
    public String accountId() {
        return accountId;
    }

    /**
     * Registers the meters of the current snapshot with {@code registry} and keeps registering the
     * series of strategies and denial reasons that appear later (see the class comment). Binding the
     * same registry again only registers what is missing.
     *
     * @throws NullPointerException  when {@code registry} is null
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (closed) {
            throw new IllegalStateException("TradingEngineMetrics of account " + accountId + " is closed");
        }
        Binding binding;
        synchronized (bindings) {
            binding = bindings.stream().filter(b -> b.registry == registry).findFirst().orElse(null);
            if (binding == null) {
                binding = new Binding(registry);
                bindings.add(binding);
            }
        }
        binding.registerAccountLatency();
        binding.registerNew(snapshot());
    }

    /**
     * Removes every meter this binder registered from every registry it was bound to, and stops
     * registering new series. Idempotent; any thread.
     */
    @Override
    public void close() {
        closed = true;
        for (Binding b : bindings) {
            b.removeAll();
        }
    }

    /** The cached snapshot, or a new one when the cached one is older than the max age. */
    private MetricsSnapshot snapshot() {
        Taken t = last;
        if (t != null && clock.monotonicTime() - t.takenAtNanos < maxAgeNanos) {
            return t.snapshot;
        }
        MetricsSnapshot s;
        synchronized (refreshLock) {
            t = last;
            long now = clock.monotonicTime();
            if (t != null && now - t.takenAtNanos < maxAgeNanos) {
                return t.snapshot; // another reader refreshed it meanwhile
            }
            s = take(t);
            last = new Taken(s, now);
        }
        for (Binding b : bindings) {
            b.registerNew(s);
        }
        return s;
    }

    private MetricsSnapshot take(Taken previous) {
        try {
            MetricsSnapshot s = Objects.requireNonNull(snapshots.get(), "the snapshot supplier returned null");
            if (failing) {
                log.info("metrics of account {}: snapshots available again", accountId);
                failing = false;
            }
            return s;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("metrics of account {}: taking a snapshot failed, meters keep the previous figures: {}",
                        accountId, e.toString());
                failing = true;
            }
            return previous != null ? previous.snapshot : NOTHING;
        }
    }

    private MetricsSnapshot.Stats stats(String strategyId) {
        return snapshot().strategy(strategyId);
    }

    private record Taken(MetricsSnapshot snapshot, long takenAtNanos) {
    }

    private record DenialSeries(String strategyId, DenialReason reason) {
    }

    /** What has been registered with one registry. */
    private final class Binding {
        private final MeterRegistry registry;
        private final Set<String> strategies = ConcurrentHashMap.newKeySet();
        private final Set<DenialSeries> denials = ConcurrentHashMap.newKeySet();
        private volatile boolean accountLatency;
        private final List<Meter> meters = new CopyOnWriteArrayList<>();

        Binding(MeterRegistry registry) {
            this.registry = registry;
        }

        /** Set.add decides which caller registers a series, so each is registered once per registry. */
        void registerNew(MetricsSnapshot s) {
            for (Map.Entry<String, MetricsSnapshot.Stats> e : s.strategies().entrySet()) {
                String id = e.getKey();
                if (!closed && strategies.add(id)) {
                    registerStrategy(id);
                }
                for (DenialReason reason : e.getValue().denialsByReason().keySet()) {
                    if (!closed && denials.add(new DenialSeries(id, reason))) {
                        Tags t = tags.and(TAG_STRATEGY, id, TAG_REASON, reason.name());
                        counter(DENIALS, "denials", "Signals denied by the risk check or the engine, by reason", t,
                                st -> st.denials(reason), id);
                    }
                }
            }
        }

        private void registerStrategy(String id) {
            Tags t = tags.and(TAG_STRATEGY, id);
            counter(SIGNALS, "signals", "Signals produced by the strategy", t, MetricsSnapshot.Stats::signals, id);
            counter(APPROVALS, "approvals", "Signals approved by the risk check", t, MetricsSnapshot.Stats::approvals, id);
            String orders = "Orders by status: submitted to the executor, completely filled, rejected";
            counter(ORDERS, "orders", orders, t.and(TAG_STATUS, "submitted"), MetricsSnapshot.Stats::ordersSubmitted, id);
            counter(ORDERS, "orders", orders, t.and(TAG_STATUS, "filled"), MetricsSnapshot.Stats::ordersFilled, id);
            counter(ORDERS, "orders", orders, t.and(TAG_STATUS, "rejected"), MetricsSnapshot.Stats::ordersRejected, id);
            counter(STRATEGY_ERRORS, "errors", "Exceptions thrown by the strategy's callbacks", t,
                    MetricsSnapshot.Stats::strategyErrors, id);
            latency(LATENCY_PERCENTILE, LATENCY_MAX, "of the strategy's orders", t, ignored -> stats(id));
        }

        void registerAccountLatency() {
            if (!accountLatency && !closed) {
                accountLatency = true;
                latency(ACCOUNT_LATENCY_PERCENTILE, ACCOUNT_LATENCY_MAX, "of all orders of the account", tags,
                        ignored -> snapshot().overall());
            }
        }

        private void latency(String percentileName, String maxName, String of, Tags t,
                             Function<Object, MetricsSnapshot.Stats> stats) {
            gauge(percentileName, "Signal-to-order latency percentile " + of, t.and(TAG_PHI, "0.5"),
                    x -> stats.apply(x).signalToOrderLatency().p50Micros());
            gauge(percentileName, "Signal-to-order latency percentile " + of, t.and(TAG_PHI, "0.95"),
                    x -> stats.apply(x).signalToOrderLatency().p95Micros());
            gauge(percentileName, "Signal-to-order latency percentile " + of, t.and(TAG_PHI, "0.99"),
                    x -> stats.apply(x).signalToOrderLatency().p99Micros());
            gauge(maxName, "Largest signal-to-order latency " + of, t,
                    x -> stats.apply(x).signalToOrderLatency().maxMicros());
        }

        // The functions call the binder's instance methods, so the registered meter holds the binder strongly:
        // Micrometer keeps only a weak reference to the state object, and a binder nobody kept would go blank.
        private void counter(String name, String unit, String description, Tags t,
                             ToDoubleFunction<MetricsSnapshot.Stats> value, String strategyId) {
            keep(FunctionCounter.builder(name, TradingEngineMetrics.this, ignored -> value.applyAsDouble(stats(strategyId)))
                    .tags(t).baseUnit(unit).description(description).register(registry));
        }

        private void gauge(String name, String description, Tags t, ToDoubleFunction<Object> micros) {
            keep(TimeGauge.builder(name, TradingEngineMetrics.this, TimeUnit.MICROSECONDS, micros::applyAsDouble)
                    .tags(t).description(description).register(registry));
        }

        /** A meter registered while close() ran is removed here, since close() may not have seen it. */
        private void keep(Meter meter) {
            meters.add(meter);
            if (closed) {
                removeAll();
            }
        }

        void removeAll() {
            for (Meter m : meters) {
                registry.remove(m);
                meters.remove(m);
            }
        }
    }

    /** Configures a {@link TradingEngineMetrics}. Not thread-safe; use from one thread. */
    public static final class Builder {
        private final String accountId;
        private final Supplier<MetricsSnapshot> snapshots;
        private Iterable<Tag> tags = Tags.empty();
        private Duration maxSnapshotAge = DEFAULT_MAX_SNAPSHOT_AGE;
        private Clock clock = Clock.SYSTEM;

        private Builder(String accountId, Supplier<MetricsSnapshot> snapshots) {
            this.accountId = Objects.requireNonNull(accountId, "accountId");
            this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        }

        /** Extra tags on every meter (e.g. the host's environment); the account tag cannot be replaced. */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /**
         * How long one snapshot serves meter reads; {@link Duration#ZERO} takes a new snapshot for every
         * read. Keep it below the scrape or publish interval.
         *
         * @throws IllegalArgumentException when {@code age} is negative, naming it
         */
        public Builder maxSnapshotAge(Duration age) {
            Objects.requireNonNull(age, "maxSnapshotAge");
            if (age.isNegative()) {
                throw new IllegalArgumentException("maxSnapshotAge must not be negative, was " + age);
            }
            this.maxSnapshotAge = age;
            return this;
        }

        /** The clock whose {@link Clock#monotonicTime()} ages snapshots; {@link Clock#SYSTEM} by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public TradingEngineMetrics build() {
            return new TradingEngineMetrics(this);
        }
    }
}
