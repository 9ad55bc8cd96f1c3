package io.tradingsdk.core.backtest;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.core.analysis.AnalyzerConfig;
import io.tradingsdk.core.analysis.CorrelatedExposureRule;
import io.tradingsdk.core.analysis.RiskAnalyzer;
import io.tradingsdk.core.analysis.RiskLimitsCache;
import io.tradingsdk.core.analysis.StressLossLimitRule;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.ResolvedComponents;
import io.tradingsdk.core.engine.EngineObserver;
import io.tradingsdk.core.engine.TradingEngine;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine built from configuration together with the background {@link RiskAnalyzer} its
 * {@code risk.analysis} section asks for: the way to run a configured engine for paper or live
 * trading.
 *
 * <pre>{@code
 * TradingConfig config = TradingConfig.load(Path.of("trading.yaml"));
 * ResolvedComponents rc = ConfigResolver.resolve(config, registry, clock);
 * TradingEngine.Builder builder = Backtest.engineBuilder(rc, clock, System::getenv)
 *         .listener(myListener, myExecutor);                 // add observers and listeners as usual
 * try (ConfiguredEngine configured = ConfiguredEngine.build(rc, builder)) {
 *     configured.start();                                    // the engine's loop, then the analyzer's schedule
 *     marketData.subscribe(symbols, timeframe, configured.engine());
 *     ...
 * }                                                          // closes the analyzer, then the engine
 * }</pre>
 *
 * <p><b>Where analyzer and rules meet.</b> The analyzer observes the engine, takes positions from
 * {@link TradingEngine#portfolio()}, stamps results with the engine's clock and publishes them to
 * {@link RiskLimitsCache#shared()} under the engine's account id: where the
 * {@code correlated-exposure} and {@code stress-loss-limit} rules created from the same
 * configuration read. {@link #build} refuses a wiring in which they would not meet.
 *
 * <p>Backtests do not use it: {@link Backtest#run} runs the analysis synchronously at bar
 * boundaries on the simulated clock ({@link io.tradingsdk.core.analysis.SimulatedRiskAnalyzer}).
 *
 * <p><b>Threads.</b> Build, start and close on the host's thread. The analyzer runs on its own
 * daemon thread; its observer hooks run on the engine's event loop and do not allocate.
 */
public final class ConfiguredEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredEngine.class);

    private final TradingEngine engine;
    private final RiskAnalyzer analyzer;

    private ConfiguredEngine(TradingEngine engine, RiskAnalyzer analyzer) {
        this.engine = engine;
        this.analyzer = analyzer;
    }

    /**
     * Builds the engine from {@code builder} and, when {@link ResolvedComponents#analyzerConfig()} is
     * present, a risk analyzer for it (configured, not started). Neither is started.
     *
     * @param rc      what {@code builder} was made from (normally with {@link Backtest#engineBuilder})
     * @param builder the engine builder; this method adds the analyzer as an observer when there is one
     * @throws ConfigException       when {@code risk.analysis} is enabled but the analysis rules of
     *                               {@code rc} read another account than the engine trades (the
     *                               components were resolved for another account id than
     *                               {@code account.id}) or a private cache; nothing is left running
     * @throws IllegalStateException from {@link TradingEngine.Builder#build()} for a missing piece
     */
    public static ConfiguredEngine build(ResolvedComponents rc, TradingEngine.Builder builder) {
        Objects.requireNonNull(rc, "rc");
        Objects.requireNonNull(builder, "builder");
        Optional<AnalyzerConfig> config = rc.analyzerConfig();
        if (config.isEmpty()) {
            return new ConfiguredEngine(builder.build(), null);
        }
        // The analyzer needs the built engine (clock, account, snapshots); the engine needs its
        // observers before it is built. The forwarder bridges the two; no bar reaches the engine
        // before build() returns, so none is missed.
        ForwardingObserver forward = new ForwardingObserver();
        TradingEngine engine = builder.observer(forward).build();
        try {
            checkRulesRead(rc, engine.accountId());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        RiskAnalyzer analyzer = RiskAnalyzer.builder(engine.accountId())
                .config(config.get())
                .clock(engine.clock())
                .portfolio(engine::portfolio)
                .cache(RiskLimitsCache.shared())
                .build();
        forward.target = analyzer;
        LOG.info("{}: risk analyzer for account {} (window {}, schedule {}), publishing to the shared risk limits cache",
                rc.config().sourceName(), engine.accountId(), config.get().window(), config.get().schedulePeriod());
        return new ConfiguredEngine(engine, analyzer);
    }

    /** The analysis rules must read the key and cache the analyzer publishes to, or they would never see it. */
    private static void checkRulesRead(ResolvedComponents rc, String engineAccount) {
        for (RiskRule rule : rc.rules()) {
            String account;
            RiskLimitsCache cache;
            if (rule instanceof CorrelatedExposureRule c) {
                account = c.accountId();
                cache = c.cache();
            } else if (rule instanceof StressLossLimitRule s) {
                account = s.accountId();
                cache = s.cache();
            } else {
                continue;
            }
            if (!account.equals(engineAccount) || cache != RiskLimitsCache.shared()) {
                throw new ConfigException(rc.config().sourceName(), "account.id", engineAccount, "risk rule '"
                        + rule.name() + "' reads the analysis of account '" + account + "'"
                        + (cache != RiskLimitsCache.shared() ? " in a private cache" : "")
                        + ", but the analyzer of risk.analysis publishes to the shared cache under the engine's account '"
                        + engineAccount + "'; resolve the configuration for the account the engine trades "
                        + "(ConfigResolver.resolve with a ProviderContext whose accountId is account.id)", null);
            }
        }
    }

    /** The engine; closed by {@link #close()}. */
    public TradingEngine engine() {
        return engine;
    }

    /** The analyzer {@code risk.analysis} asked for; empty when the section is absent or not enabled. */
    public Optional<RiskAnalyzer> analyzer() {
        return Optional.ofNullable(analyzer);
    }

    /**
     * Starts the engine's own event loop ({@link TradingEngine#start()}), then the analyzer's schedule
     * ({@link RiskAnalyzer#start()}). A host that drives the engine itself with
     * {@link TradingEngine#runPendingEvents()} starts only the analyzer, through {@link #analyzer()}.
     */
    public void start() {
        engine.start();
        if (analyzer != null) {
            analyzer.start();
        }
    }

    /**
     * Closes the analyzer (its result leaves the cache, so the rules fall back to their conservative
     * limits), then the engine. The executor and journal stay open, as with {@link TradingEngine#close()}.
     */
    @Override
    public void close() {
        try {
            if (analyzer != null) {
                analyzer.close();
            }
        } finally {
            engine.close();
        }
    }

    /** Event loop: hands each hook to the analyzer once it exists (a volatile read, no allocation). */
    private static final class ForwardingObserver implements EngineObserver {
        volatile RiskAnalyzer target;

        @Override
        public void onBarProcessed(Bar bar, PortfolioView portfolio) {
            RiskAnalyzer t = target;
            if (t != null) {
                t.onBarProcessed(bar, portfolio);
            }
        }

        @Override
        public void onDecision(Signal signal, RiskDecision decision) {
            RiskAnalyzer t = target;
            if (t != null) {
                t.onDecision(signal, decision);
            }
        }

        @Override
        public void onFill(Fill fill, PortfolioView portfolio) {
            RiskAnalyzer t = target;
            if (t != null) {
                t.onFill(fill, portfolio);
            }
        }
    }
}
