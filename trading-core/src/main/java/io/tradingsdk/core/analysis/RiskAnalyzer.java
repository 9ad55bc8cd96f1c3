package io.tradingsdk.core.analysis;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.analysis.internal.SymbolHistory;
import io.tradingsdk.core.engine.EngineObserver;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background half of the risk check: on its own thread it computes correlations, portfolio
 * volatility, historical VaR and expected shortfall and stress losses (see {@link RiskAnalysis}),
 * and publishes each result to a {@link RiskLimitsCache}, where the quick checks
 * ({@link CorrelatedExposureRule}, {@link StressLossLimitRule}) read it without waiting.
 *
 * <p><b>Wiring.</b> An engine built from configuration gets its analyzer from the YAML section
 * {@code risk.analysis} through {@link io.tradingsdk.core.backtest.ConfiguredEngine#build}. In code,
 * register the analyzer as the engine's {@link EngineObserver} and give it the engine's snapshot
 * method as its portfolio source; add the rules to the engine's rule list:
 * <pre>{@code
 * AtomicReference<TradingEngine> engineRef = new AtomicReference<>();
 * RiskAnalyzer analyzer = RiskAnalyzer.builder("acct-1")
 *         .clock(clock)
 *         .portfolio(() -> engineRef.get().portfolio())
 *         .config(AnalyzerConfig.defaults())
 *         .build();                                   // publishes to RiskLimitsCache.shared()
 * ProviderContext ctx = DefaultProviderContext.of("acct-1", clock);
 * List<RiskRule> rules = new ArrayList<>(RuleBasedRiskManager.defaultRules(ctx));
 * rules.add(new CorrelatedExposureRuleProvider().create(params, ctx));   // reads RiskLimitsCache.shared()
 * rules.add(new StressLossLimitRuleProvider().create(params, ctx));
 * TradingEngine engine = TradingEngine.builder("acct-1").clock(clock).riskRules(rules)
 *         .observer(analyzer).executor(executor).sizer(sizer).build();
 * engineRef.set(engine);
 * engine.start();
 * analyzer.start();                                   // the schedule; triggers work without it
 * ...
 * analyzer.close();
 * }</pre>
 *
 * <p><b>Threads.</b>
 * <ul>
 *   <li>The {@link EngineObserver} methods run on the engine's event loop. {@link #onBarProcessed}
 *       records the bar's close into the symbol's ring buffer ({@link SymbolHistory}, a seqlock):
 *       no allocation once the symbol is known, no lock, no waiting. {@link #onDecision} and
 *       {@link #onFill} may schedule a run; they never wait for it.</li>
 *   <li>Runs happen on the analyzer's single daemon thread ({@code risk-analyzer-<account>}), a
 *       {@link ScheduledThreadPoolExecutor} the analyzer owns and {@link #close()} shuts down. A
 *       run asks the portfolio source for a snapshot (the engine serves it on its loop between two
 *       events) and continues when it arrives, without blocking; it fails after
 *       {@link AnalyzerConfig#snapshotTimeout()}. It then copies each symbol's window (readers
 *       retry when a copy overlapped a write, so they never see a half-written window), computes,
 *       and publishes.</li>
 *   <li>Runs come from the schedule ({@link #start()}, wall time), from {@link #refresh()}, and
 *       from triggers: an approved order whose notional is at least
 *       {@link AnalyzerConfig#notionalTrigger()}, or an approved order in a symbol with no position
 *       and no working orders. Requests coalesce: while a run is queued, further requests join it;
 *       while one is in flight, any number of requests cause exactly one more run after it.</li>
 * </ul>
 *
 * <p><b>Time.</b> {@link RiskAnalysis#computedAt()} is read from the {@link TradingClock} given to
 * the builder when the snapshot arrives, and the rules measure age on the engine's clock, so a
 * backtest on a simulated clock judges freshness in simulated time. The schedule itself runs on
 * wall time and runs happen on another thread, so their results reach the rules at points that
 * differ from run to run; a backtest uses {@link SimulatedRiskAnalyzer} instead, the same analysis
 * driven at bar boundaries on the simulated clock ({@code Backtest.run} wires it).
 *
 * <p><b>Failures.</b> A run that fails (no snapshot, an exception) is logged and counted in
 * {@link #failedRuns()}; the previous result stays in the cache and ages, so the rules fall back to
 * their conservative limits rather than to no limit.
 */
public final class RiskAnalyzer implements EngineObserver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RiskAnalyzer.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String accountId;
    private final AnalyzerConfig config;
    private final TradingClock clock;
    private final Supplier<CompletableFuture<PortfolioSnapshot>> portfolio;
    private final RiskLimitsCache cache;
    private final ScheduledThreadPoolExecutor executor;
    private final ConcurrentHashMap<String, SymbolHistory> histories = new ConcurrentHashMap<>();
    private final double notionalTrigger;

    // Event loop only.
    private final Set<String> inPortfolio = new HashSet<>();
    private boolean warnedSymbolLimit;

    // Any thread.
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile String requestedReason;
    private final ConcurrentLinkedQueue<CompletableFuture<RiskAnalysis>> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicLong triggers = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong completedRuns = new AtomicLong();
    private final AtomicLong failedRuns = new AtomicLong();
    private final AtomicLong ignoredBars = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;
    private volatile RiskAnalysis latest;
    private volatile ScheduledFuture<?> schedule;

    // Analyzer thread only.
    private boolean inFlight;
    private String againReason;
    private final long[] scratchTimes;
    private final double[] scratchCloses;

    private RiskAnalyzer(Builder b) {
        this.accountId = b.accountId;
        this.config = b.config;
        this.clock = b.clock;
        this.portfolio = b.portfolio;
        this.cache = b.cache;
        this.notionalTrigger = config.notionalTrigger().doubleValue();
        this.scratchTimes = new long[config.window()];
        this.scratchCloses = new double[config.window()];
        String threadName = "risk-analyzer-" + accountId;
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, threadName + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, factory);
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        e.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.executor = e;
    }

    /** A builder for the analyzer of {@code accountId} (the key under which it publishes). */
    public static Builder builder(String accountId) {
        return new Builder(accountId);
    }

    // ------------------------------------------------------------------ host API (any thread)

    public String accountId() {
        return accountId;
    }

    public AnalyzerConfig config() {
        return config;
    }

    /** The cache this analyzer publishes to. */
    public RiskLimitsCache cache() {
        return cache;
    }

    /**
     * Runs once now and then every {@link AnalyzerConfig#schedulePeriod()} (wall time); with a zero
     * period only the first run. Idempotent.
     *
     * @throws IllegalStateException if the analyzer is closed
     */
    public void start() {
        if (closed) {
            throw new IllegalStateException("risk analyzer " + accountId + " is closed");
        }
        if (!started.compareAndSet(false, true)) {
            return;
        }
        requestRun("start");
        long period = config.schedulePeriod().toMillis();
        if (period > 0) {
            schedule = executor.scheduleAtFixedRate(() -> requestRun("schedule"), period, period, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Asks for a run and returns at once. The future completes (on the analyzer's thread) with the
     * result of the first run that starts after this call, or exceptionally if that run fails or
     * the analyzer closes. Concurrent requests share runs.
     */
    public CompletableFuture<RiskAnalysis> refresh() {
        CompletableFuture<RiskAnalysis> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new IllegalStateException("risk analyzer " + accountId + " is closed"));
            return f;
        }
        waiters.add(f);
        requestRun("refresh");
        if (closed) {
            failWaiters(new IllegalStateException("risk analyzer " + accountId + " is closed"));
        }
        return f;
    }

    /** The latest result, or {@code null} before the first run completed. */
    public RiskAnalysis latest() {
        return latest;
    }

    /**
     * A consistent copy of the closes held for {@code symbol}, or {@code null} if none were recorded.
     * Any thread; never blocks the event loop.
     *
     * @throws IllegalStateException if no consistent copy could be made (every attempt overlapped a write)
     */
    public PriceWindow window(String symbol) {
        SymbolHistory h = histories.get(symbol);
        if (h == null) {
            return null;
        }
        long[] times = new long[h.capacity()];
        double[] closes = new double[h.capacity()];
        int n = h.copyTo(times, closes);
        if (n < 0) {
            throw new IllegalStateException("no consistent window of " + symbol + " could be read; the writer is too busy");
        }
        return new PriceWindow(symbol, times, closes, n);
    }

    /** Symbols whose closes are recorded. */
    public Set<String> recordedSymbols() {
        return Set.copyOf(histories.keySet());
    }

    /** Runs that published a result. */
    public long completedRuns() {
        return completedRuns.get();
    }

    /** Runs that failed (no snapshot in time, or an exception). */
    public long failedRuns() {
        return failedRuns.get();
    }

    /** Triggers fired by decisions (new symbol, large notional). */
    public long triggerCount() {
        return triggers.get();
    }

    /** Run requests that joined a run already queued. */
    public long coalescedRequests() {
        return coalesced.get();
    }

    /** Bars not recorded because {@link AnalyzerConfig#maxSymbols()} symbols were already recorded. */
    public long ignoredBars() {
        return ignoredBars.get();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the schedule and the analyzer's thread (waiting up to 5 s for a run in progress),
     * fails pending {@link #refresh()} futures, and removes this analyzer's result from the cache, so
     * the rules fall back to their conservative limits. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("risk analyzer {}: thread did not stop within 5 s", accountId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failWaiters(new IllegalStateException("risk analyzer " + accountId + " is closed"));
        RiskAnalysis last = latest;
        if (last != null) {
            cache.remove(accountId, last);
        }
    }

    // ------------------------------------------------------------------ EngineObserver (event loop)

    /** Records the bar's close (allocation free once the symbol is known) and tracks whether the symbol is held. */
    @Override
    public void onBarProcessed(Bar bar, PortfolioView portfolio) {
        try {
            String symbol = bar.symbol();
            SymbolHistory h = histories.get(symbol);
            if (h == null) {
                h = newHistory(symbol);
            }
            if (h != null) {
                h.record(bar.start().toEpochMilli(), bar.close());
            }
            trackHolding(symbol, portfolio);
        } catch (RuntimeException e) {
            log.error("risk analyzer {}: recording bar {} failed", accountId, bar.symbol(), e);
        }
    }

    /** Triggers a run for an approved order in a symbol new to the portfolio or with a large notional. */
    @Override
    public void onDecision(Signal signal, RiskDecision decision) {
        try {
            if (!(decision instanceof RiskDecision.Approved approved)) {
                return;
            }
            String symbol = signal.symbol();
            if (!inPortfolio.contains(symbol)) {
                inPortfolio.add(symbol); // the approved order is working now
                trigger("new symbol " + symbol);
                return;
            }
            double notional = approved.quantity().doubleValue() * signal.referencePrice().doubleValue();
            if (notional >= notionalTrigger) {
                trigger("notional " + approved.quantity().multiply(signal.referencePrice()).toPlainString() + " in " + symbol);
            }
        } catch (RuntimeException e) {
            log.error("risk analyzer {}: handling decision for {} failed", accountId, signal.symbol(), e);
        }
    }

    @Override
    public void onFill(Fill fill, PortfolioView portfolio) {
        try {
            trackHolding(fill.symbol(), portfolio);
        } catch (RuntimeException e) {
            log.error("risk analyzer {}: handling fill {} failed", accountId, fill.fillId(), e);
        }
    }

    private SymbolHistory newHistory(String symbol) {
        if (histories.size() >= config.maxSymbols()) {
            ignoredBars.incrementAndGet();
            if (!warnedSymbolLimit) {
                warnedSymbolLimit = true;
                log.warn("risk analyzer {}: {} symbols recorded (maxSymbols); bars of further symbols such as {} are ignored, "
                        + "their correlations are unknown", accountId, config.maxSymbols(), symbol);
            }
            return null;
        }
        return histories.computeIfAbsent(symbol, s -> new SymbolHistory(s, config.window()));
    }

    private void trackHolding(String symbol, PortfolioView portfolio) {
        boolean holds = portfolio.quantity(symbol).signum() != 0 || portfolio.openOrderQuantity(symbol).signum() != 0;
        if (holds != inPortfolio.contains(symbol)) {
            if (holds) {
                inPortfolio.add(symbol);
            } else {
                inPortfolio.remove(symbol);
            }
        }
    }

    private void trigger(String reason) {
        triggers.incrementAndGet();
        requestRun(reason);
    }

    // ------------------------------------------------------------------ runs

    /** Any thread, never waits: queues a run unless one is queued already. */
    private void requestRun(String reason) {
        if (closed) {
            return;
        }
        if (requested.compareAndSet(false, true)) {
            requestedReason = reason;
            try {
                executor.execute(this::startRun);
            } catch (RejectedExecutionException e) {
                requested.set(false); // closed meanwhile
            }
        } else {
            coalesced.incrementAndGet();
        }
    }

    /** Analyzer thread. */
    private void startRun() {
        String reason = requestedReason;
        requested.set(false);
        if (closed) {
            return;
        }
        if (inFlight) {
            if (againReason == null) {
                againReason = reason;
            }
            return;
        }
        inFlight = true;
        List<CompletableFuture<RiskAnalysis>> mine = new ArrayList<>();
        CompletableFuture<RiskAnalysis> w;
        while ((w = waiters.poll()) != null) {
            mine.add(w);
        }
        try {
            CompletableFuture<PortfolioSnapshot> source;
            try {
                source = Objects.requireNonNull(portfolio.get(), "the portfolio source returned null");
            } catch (RuntimeException e) {
                source = CompletableFuture.failedFuture(e);
            }
            AtomicBoolean done = new AtomicBoolean();
            long timeoutMillis = config.snapshotTimeout().toMillis();
            ScheduledFuture<?> timeout = executor.schedule(() -> {
                if (done.compareAndSet(false, true)) {
                    finishRun(null, new TimeoutException("no portfolio snapshot within " + timeoutMillis + " ms"), reason, mine);
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            // Continue on the analyzer thread: the snapshot future is completed on the engine's loop.
            source.whenCompleteAsync((snapshot, error) -> {
                if (done.compareAndSet(false, true)) {
                    timeout.cancel(false);
                    finishRun(snapshot, error, reason, mine);
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            inFlight = false; // closed meanwhile
            fail(mine, new IllegalStateException("risk analyzer " + accountId + " is closed"));
        }
    }

    /** Analyzer thread. */
    private void finishRun(PortfolioSnapshot snapshot, Throwable error, String reason,
                           List<CompletableFuture<RiskAnalysis>> mine) {
        try {
            if (closed) {
                fail(mine, new IllegalStateException("risk analyzer " + accountId + " is closed"));
                return;
            }
            if (error != null || snapshot == null) {
                Throwable cause = error != null ? error : new IllegalStateException("the portfolio source gave no snapshot");
                failedRuns.incrementAndGet();
                log.warn("risk analyzer {}: run ({}) failed, keeping the previous result: {}", accountId, reason, cause.toString());
                fail(mine, cause);
                return;
            }
            Instant at = clock.now();
            RiskAnalysis analysis = Computation.compute(accountId, config, snapshot, copyWindows(), at, reason);
            latest = analysis;
            cache.publish(analysis);
            completedRuns.incrementAndGet();
            if (log.isDebugEnabled()) {
                log.debug("risk analyzer {}: {}", accountId, analysis);
            }
            for (CompletableFuture<RiskAnalysis> f : mine) {
                f.complete(analysis);
            }
        } catch (RuntimeException e) {
            failedRuns.incrementAndGet();
            log.error("risk analyzer {}: run ({}) failed, keeping the previous result", accountId, reason, e);
            fail(mine, e);
        } finally {
            inFlight = false;
            String again = againReason;
            againReason = null;
            if (again != null) {
                requestRun(again);
            }
        }
    }

    /** Analyzer thread: a consistent copy of every symbol's window. */
    private Map<String, PriceWindow> copyWindows() {
        Map<String, PriceWindow> out = new HashMap<>();
        for (Map.Entry<String, SymbolHistory> e : histories.entrySet()) {
            int n = e.getValue().copyTo(scratchTimes, scratchCloses);
            if (n < 0) {
                // Only if every optimistic copy raced with a write: the symbol counts as without data this run.
                log.debug("risk analyzer {}: no consistent window of {} this run", accountId, e.getKey());
                continue;
            }
            out.put(e.getKey(), new PriceWindow(e.getKey(), scratchTimes, scratchCloses, n));
        }
        return out;
    }

    private void failWaiters(Throwable cause) {
        CompletableFuture<RiskAnalysis> w;
        while ((w = waiters.poll()) != null) {
            w.completeExceptionally(cause);
        }
    }

    private static void fail(List<CompletableFuture<RiskAnalysis>> futures, Throwable cause) {
        for (CompletableFuture<RiskAnalysis> f : futures) {
            f.completeExceptionally(cause);
        }
    }

    @Override
    public String toString() {
        return "RiskAnalyzer[" + accountId + ", " + histories.size() + " symbols, " + completedRuns.get() + " runs]";
    }

    /** Builds a {@link RiskAnalyzer}; use from one thread. */
    public static final class Builder {
        private final String accountId;
        private AnalyzerConfig config = AnalyzerConfig.defaults();
        private TradingClock clock;
        private Supplier<CompletableFuture<PortfolioSnapshot>> portfolio;
        private RiskLimitsCache cache = RiskLimitsCache.shared();

        private Builder(String accountId) {
            if (accountId == null || accountId.isBlank()) {
                throw new IllegalArgumentException("accountId must not be blank, was '" + accountId + "'");
            }
            this.accountId = accountId;
        }

        /** What to compute and when; {@link AnalyzerConfig#defaults()} when not set. */
        public Builder config(AnalyzerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The clock that stamps {@link RiskAnalysis#computedAt()}: the engine's clock. Required. */
        public Builder clock(TradingClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where positions come from, called on the analyzer's thread once per run: normally
         * {@code engine::portfolio} (or a lambda reaching the engine once built). Required.
         */
        public Builder portfolio(Supplier<CompletableFuture<PortfolioSnapshot>> portfolio) {
            this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
            return this;
        }

        /** Where results are published; {@link RiskLimitsCache#shared()} when not set. */
        public Builder cache(RiskLimitsCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * Creates the analyzer and its (idle) thread pool; call {@link RiskAnalyzer#start()} for the schedule.
         *
         * @throws IllegalStateException naming the missing piece (clock or portfolio source)
         */
        public RiskAnalyzer build() {
            if (clock == null) {
                throw new IllegalStateException("risk analyzer " + accountId + ": no clock configured");
            }
            if (portfolio == null) {
                throw new IllegalStateException("risk analyzer " + accountId + ": no portfolio source configured");
            }
            return new RiskAnalyzer(this);
        }
    }
}
