package io.tradingsdk.core.backtest;

import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.ConfigResolver;
import io.tradingsdk.core.config.DataConfig;
import io.tradingsdk.core.config.ResolvedComponents;
import io.tradingsdk.core.config.ResolvedStrategy;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.metrics.MetricsSnapshot;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.util.ArrayList;
import java.util.List;
import io.tradingsdk.core.time.SimulatedClock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.analysis.CorrelatedExposureRule;
import io.tradingsdk.core.analysis.RiskLimitsCache;
import io.tradingsdk.core.analysis.SimulatedRiskAnalyzer;
import io.tradingsdk.core.analysis.StressLossLimitRule;

/**
 * Runs a backtest described by a {@link TradingConfig}: the data source, strategies, sizer, risk
 * rules, simulated executor and journal all come from the configuration by provider name.
 *
 * <p>Called on the host's thread, which becomes the engine's event loop for the run.
 */
public final class Backtest {

    private Backtest() {
    }

    /** What a backtest produced: the deterministic report and the engine's metrics (wall-clock latencies). */
    public record Result(BacktestReport report, MetricsSnapshot metrics) {
    }

    /**
     * An engine builder with everything the configuration names: account, clock, strategies (with
     * their providers and parameters, so they can change at runtime), sizer, risk rules, executor,
     * journal, time in force and trading zone. Hosts add observers and listeners and build it, with
     * {@link ConfiguredEngine#build} when the configuration may enable {@code risk.analysis} (it then
     * also builds the background risk analyzer the analysis rules read) for paper and live trading;
     * {@link #run} wires a backtest's analysis itself.
     */
    public static TradingEngine.Builder engineBuilder(ResolvedComponents rc, io.tradingsdk.api.time.TradingClock clock,
                                                      Function<String, String> environment) {
        return engineBuilder(rc, clock, environment, UnaryOperator.identity());
    }

    private static TradingEngine.Builder engineBuilder(ResolvedComponents rc, io.tradingsdk.api.time.TradingClock clock,
                                                       Function<String, String> environment, UnaryOperator<RiskRule> rebind) {
        TradingConfig config = rc.config();
        List<TradingEngine.RuleSlot> rules = new ArrayList<>();
        for (var r : rc.riskRules()) {
            rules.add(new TradingEngine.RuleSlot(r.providerName(), (RiskRuleProvider) r.provider(), r.parameters(),
                    rebind.apply(r.component())));
        }
        TradingEngine.Builder b = TradingEngine.builder(config.account().id())
                .initialCash(config.account().initialCash())
                .clock(clock)
                .tradingZone(config.engine().tradingZone())
                .timeInForce(config.engine().timeInForce())
                .signalTimeTolerance(config.engine().signalTimeTolerance())
                .recoveryPolicy(config.engine().recovery())
                .providerContext(new DefaultProviderContext(config.account().id(), clock, environment))
                .sizer(rc.sizer().component())
                .configuredRiskRules(rules)
                .executor(rc.executor().component())
                .journal(rc.journal().component());
        for (ResolvedStrategy s : rc.strategies()) {
            b.strategy(new TradingEngine.StrategySpec(s.id(), Set.copyOf(s.symbols()), s.strategy(), s.enabled(),
                    s.provider(), s.parameters()));
        }
        return b;
    }

    /**
     * Runs the backtest on the calling thread.
     *
     * <p>With {@code risk.analysis.enabled: true} the background risk analysis runs inside the
     * backtest, deterministically: a {@link SimulatedRiskAnalyzer} computes at bar boundaries on the
     * simulated clock (its schedule counts simulated time; triggers take effect from the next bar
     * boundary) and publishes to a cache of this run only, which the run's {@code correlated-exposure}
     * and {@code stress-loss-limit} rules read. Backtests running side by side in one JVM, or beside a
     * live engine of the same account id, do not see each other's analysis. (A runtime change of one
     * of those two rules' thresholds re-creates it through its provider, reading the process-wide cache.)
     *
     * @throws ConfigException naming the key when the configuration cannot make a backtest (no data
     *                         section, an executor that cannot simulate fills, a provider missing);
     *                         nothing was created
     */
    public static Result run(TradingConfig config, ProviderRegistry registry, Function<String, String> environment) {
        return run(config, registry, environment, builder -> { });
    }

    /**
     * As {@link #run(TradingConfig, ProviderRegistry, Function)}; {@code customizer} gets the engine
     * builder before the engine is built, to add the host's own observers, listeners or metrics.
     */
    public static Result run(TradingConfig config, ProviderRegistry registry, Function<String, String> environment,
                             Consumer<TradingEngine.Builder> customizer) {
        Objects.requireNonNull(customizer, "customizer");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(environment, "environment");
        DataConfig data = config.dataConfig().orElseThrow(() -> new ConfigException(config.sourceName(), "data", null,
                "a backtest needs a data section naming a market data provider", null));
        SimulatedClock clock = new SimulatedClock(data.from() != null ? data.from() : Instant.EPOCH);
        ResolvedComponents rc = ConfigResolver.resolve(config, registry,
                new DefaultProviderContext(config.account().id(), clock, environment));
        Executor executor = rc.executor().component();
        if (!(executor instanceof BarListener venue)) {
            throw new ConfigException(config.sourceName(), "execution.provider", rc.executor().providerName(),
                    "a backtest needs an executor that simulates fills from bars (for example 'paper')", null);
        }
        MarketDataSource source = rc.marketDataSource().orElseThrow();
        Set<String> symbols = new LinkedHashSet<>(data.symbols());
        if (symbols.isEmpty()) {
            for (ResolvedStrategy s : rc.strategies()) {
                symbols.addAll(s.symbols());
            }
        }
        BacktestRecorder recorder = new BacktestRecorder(config.engine().tradingZone());
        RiskLimitsCache runCache = new RiskLimitsCache();
        SimulatedRiskAnalyzer analyzer = rc.analyzerConfig()
                .map(a -> new SimulatedRiskAnalyzer(config.account().id(), a, clock, runCache)).orElse(null);
        TradingEngine.Builder b = engineBuilder(rc, clock, environment,
                analyzer == null ? UnaryOperator.identity() : rule -> readFrom(runCache, rule))
                .tradableSymbols(symbols).observer(recorder);
        if (analyzer != null) {
            b.observer(analyzer);
        }
        customizer.accept(b);
        try (TradingEngine engine = b.build(); executor; source) {
            BarReplay replay = new BarReplay(engine, clock, venue);
            if (analyzer != null) {
                replay.beforeEachSlice(() -> analyzer.runIfDue(() -> BacktestRunner.snapshot(engine)));
            }
            BacktestReport report = new BacktestRunner(replay, engine, recorder)
                    .run(source, new BarQuery(symbols, data.timeframe(), data.from(), data.to()));
            return new Result(report, engine.metrics());
        } finally {
            rc.journal().component().close();
        }
    }

    /** The same rule, reading the analysis from {@code cache}; other rules unchanged. */
    private static RiskRule readFrom(RiskLimitsCache cache, RiskRule rule) {
        if (rule instanceof CorrelatedExposureRule c) {
            return new CorrelatedExposureRule(cache, c.accountId(), c.correlationThreshold(), c.maxFraction(),
                    c.fallbackMaxFraction(), c.maxAge());
        }
        if (rule instanceof StressLossLimitRule s) {
            return new StressLossLimitRule(cache, s.accountId(), s.maxLossFraction(), s.fallbackShock(), s.unknownShock(),
                    s.maxAge());
        }
        return rule;
    }
}
