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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The background risk analysis of {@link RiskAnalyzer}, run deterministically inside a backtest:
 * no thread of its own; the backtest's driver calls {@link #runIfDue} on the event loop at every
 * bar boundary, and the schedule runs on the simulated clock. The same bars give the same results
 * at the same points, so the {@code correlated-exposure} and {@code stress-loss-limit} rules can be
 * backtested as they behave live.
 *
 * <p><b>What matches live trading.</b> The same computation ({@link RiskAnalysis}), the same
 * inputs (closes of processed bars in a window of {@link AnalyzerConfig#window()}, positions and
 * working orders), the same triggers (an approved order in a symbol without position or working
 * orders, or one of at least {@link AnalyzerConfig#notionalTrigger()}), the same schedule
 * ({@link AnalyzerConfig#schedulePeriod()}, here in simulated time), the same cache and freshness
 * rule (results are stamped with the clock; the rules judge age on it).
 *
 * <p><b>What differs, and why.</b> Live, a run starts moments after its trigger on another thread,
 * so its result reaches the rules after an unpredictable number of events. Here a run happens
 * only at a bar boundary: after the venue's fills at the bars' open have reached the ledger and
 * before the engine processes the bars, stamped with the bars' end (when a live analyzer running on
 * its schedule would last have run before those decisions). A trigger therefore takes effect from
 * the next bar boundary, never in the middle of one.
 *
 * <p><b>Threads.</b> Everything on the engine's event loop (the backtest's thread); not thread-safe.
 */
public final class SimulatedRiskAnalyzer implements EngineObserver {

    private final String accountId;
    private final AnalyzerConfig config;
    private final TradingClock clock;
    private final RiskLimitsCache cache;
    private final double notionalTrigger;
    private final long scheduleMillis;
    private final Map<String, SymbolHistory> histories = new HashMap<>();
    private final Set<String> inPortfolio = new HashSet<>();
    private final long[] scratchTimes;
    private final double[] scratchCloses;

    private String pendingReason = "start";
    private Instant lastRun;
    private RiskAnalysis latest;
    private long runs;
    private long triggers;
    private long ignoredBars;

    /**
     * @param accountId the key under which results are published (the engine's account id)
     * @param config    what to compute and when; {@link AnalyzerConfig#schedulePeriod()} counts simulated time
     * @param clock     the backtest's clock (the engine's)
     * @param cache     where the rules of this run read
     */
    public SimulatedRiskAnalyzer(String accountId, AnalyzerConfig config, TradingClock clock, RiskLimitsCache cache) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.notionalTrigger = config.notionalTrigger().doubleValue();
        this.scheduleMillis = config.schedulePeriod().toMillis();
        this.scratchTimes = new long[config.window()];
        this.scratchCloses = new double[config.window()];
    }

    /**
     * Whether a run is due now: the first boundary, a trigger since the last run, or a schedule
     * period of simulated time since the last run. Allocation free.
     */
    public boolean isDue() {
        if (pendingReason != null) {
            return true;
        }
        return scheduleMillis > 0 && lastRun != null
                && clock.now().toEpochMilli() - lastRun.toEpochMilli() >= scheduleMillis;
    }

    /**
     * Computes and publishes an analysis from {@code snapshot} if one {@link #isDue()}, stamped with
     * the clock. The snapshot is read only when the run happens.
     *
     * @param snapshot the engine's portfolio at this boundary (a supplier: taking one costs a copy)
     * @return the published analysis, or {@code null} if none was due
     */
    public RiskAnalysis runIfDue(java.util.function.Supplier<PortfolioSnapshot> snapshot) {
        if (!isDue()) {
            return null;
        }
        String reason = pendingReason != null ? pendingReason : "schedule";
        pendingReason = null;
        Instant at = clock.now();
        RiskAnalysis analysis = Computation.compute(accountId, config, snapshot.get(), copyWindows(), at, reason);
        lastRun = at;
        latest = analysis;
        cache.publish(analysis);
        runs++;
        return analysis;
    }

    /** The latest published result, or {@code null}. */
    public RiskAnalysis latest() {
        return latest;
    }

    /** Runs that published a result. */
    public long completedRuns() {
        return runs;
    }

    /** Triggers fired by decisions (new symbol, large notional). */
    public long triggerCount() {
        return triggers;
    }

    /** Bars not recorded because {@link AnalyzerConfig#maxSymbols()} symbols were already recorded. */
    public long ignoredBars() {
        return ignoredBars;
    }

    public AnalyzerConfig config() {
        return config;
    }

    /** Removes this run's result from the cache, if it is still the latest. */
    public void clear() {
        if (latest != null) {
            cache.remove(accountId, latest);
        }
    }

    @Override
    public void onBarProcessed(Bar bar, PortfolioView portfolio) {
        String symbol = bar.symbol();
        SymbolHistory h = histories.get(symbol);
        if (h == null) {
            if (histories.size() >= config.maxSymbols()) {
                ignoredBars++;
                trackHolding(symbol, portfolio);
                return;
            }
            h = new SymbolHistory(symbol, config.window());
            histories.put(symbol, h);
        }
        h.record(bar.start().toEpochMilli(), bar.close());
        trackHolding(symbol, portfolio);
    }

    @Override
    public void onDecision(Signal signal, RiskDecision decision) {
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
    }

    @Override
    public void onFill(Fill fill, PortfolioView portfolio) {
        trackHolding(fill.symbol(), portfolio);
    }

    private void trigger(String reason) {
        triggers++;
        if (pendingReason == null) {
            pendingReason = reason;
        }
    }

    private void trackHolding(String symbol, PortfolioView portfolio) {
        if (portfolio.quantity(symbol).signum() != 0 || portfolio.openOrderQuantity(symbol).signum() != 0) {
            inPortfolio.add(symbol);
        } else {
            inPortfolio.remove(symbol);
        }
    }

    /** Sorted by symbol, so that nothing depends on hash order. */
    private Map<String, PriceWindow> copyWindows() {
        Map<String, PriceWindow> out = new java.util.TreeMap<>();
        for (Map.Entry<String, SymbolHistory> e : histories.entrySet()) {
            int n = e.getValue().copyTo(scratchTimes, scratchCloses);
            if (n >= 0) { // single-threaded: a copy never overlaps a write
                out.put(e.getKey(), new PriceWindow(e.getKey(), scratchTimes, scratchCloses, n));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SimulatedRiskAnalyzer[" + accountId + ", " + histories.size() + " symbols, " + runs + " runs]";
    }
}
