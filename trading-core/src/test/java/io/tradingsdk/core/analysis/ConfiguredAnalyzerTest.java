package io.tradingsdk.core.analysis;

import static io.tradingsdk.core.analysis.AnalyzerWithEngineTest.T0;
import static io.tradingsdk.core.analysis.AnalyzerWithEngineTest.buy;
import static io.tradingsdk.core.analysis.AnalyzerWithEngineTest.feed;
import static io.tradingsdk.core.analysis.AnalyzerWithEngineTest.pump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.backtest.Backtest;
import io.tradingsdk.core.backtest.ConfiguredEngine;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.ConfigResolver;
import io.tradingsdk.core.config.ResolvedComponents;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.time.SimulatedClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A host that configures the analyzer in YAML gets it with one call, {@link ConfiguredEngine#build}:
 * the analyzer observes the engine built from the same file and publishes where the rules named in
 * that file read, so they apply the analysis instead of their fallback limits.
 */
class ConfiguredAnalyzerTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(ConfiguredAnalyzerTest.class.getClassLoader());

    private static String yaml(String account, String analysis) {
        return """
                account: {id: %s, initialCash: 100000, mode: paper}
                sizer: {provider: kelly}
                risk:
                  useDefaults: false
                  rules:
                    - provider: trading-state
                    - provider: correlated-exposure
                      parameters: {maxFraction: 0.30, fallbackMaxFraction: 0.25}
                    - provider: stress-loss-limit
                %sexecution: {provider: paper}
                """.formatted(account, analysis);
    }

    private static final String ANALYSIS = """
              analysis:
                window: 61
                minObservations: 20
                schedulePeriod: 0s
            """;

    private static ResolvedComponents resolve(String yaml, String contextAccount, SimulatedClock clock) {
        return ConfigResolver.resolve(TradingConfig.parse("trading.yaml", yaml), REGISTRY,
                new DefaultProviderContext(contextAccount, clock, n -> null));
    }

    @Test
    void theRuleNamedInYamlReadsTheAnalysisOfTheAnalyzerConfiguredInYaml() throws Exception {
        double[] aapl = Fixtures.appleCloses();
        String account = "yaml-analysis-" + System.nanoTime();
        SimulatedClock clock = new SimulatedClock(T0);
        ResolvedComponents rc = resolve(yaml(account, ANALYSIS), account, clock);
        PaperExecutor paper = (PaperExecutor) rc.executor().component();
        TradingEngine.Builder builder = Backtest.engineBuilder(rc, clock, n -> null)
                // The host stamps its signals with the session start, T0, while the bars replay hours of history.
                .signalTimeTolerance(Duration.ofDays(1))
                .tradableSymbols(Set.of("AAPL", "TWIN", "HEDGE"));

        try (ConfiguredEngine configured = ConfiguredEngine.build(rc, builder)) {
            TradingEngine engine = configured.engine();
            RiskAnalyzer analyzer = configured.analyzer().orElseThrow();
            assertThat(analyzer.config()).isEqualTo(AnalyzerConfig.defaults().withMinObservations(20).withWindow(61)
                    .withSchedulePeriod(Duration.ZERO));
            assertThat(analyzer.accountId()).isEqualTo(engine.accountId()).isEqualTo(account);
            assertThat(analyzer.cache()).isSameAs(RiskLimitsCache.shared());

            // This test drives the loop itself (runPendingEvents), so the analyzer runs only on
            // triggers and refresh(); the bars reach it through the engine.
            int minute = 0;
            for (; minute < 80; minute++) {
                feed(engine, paper, clock, minute, aapl[minute]);
            }
            assertThat(analyzer.recordedSymbols()).containsExactlyInAnyOrder("AAPL", "TWIN", "HEDGE");
            double price = aapl[minute - 1];

            // No analysis yet: the rule from the YAML applies its fallback, 0.25 of equity for the whole book.
            SignalOutcome tooBig = pump(engine, engine.execute(buy("b0", "AAPL", price, String.valueOf((int) (30_000 / price)))));
            assertThat(tooBig).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
                assertThat(d.reason()).isEqualTo(DenialReason.CORRELATED_EXPOSURE);
                assertThat(d.message()).startsWith("correlated-exposure:").contains("absent");
            });
            assertThat(pump(engine, engine.execute(buy("b1", "AAPL", price, String.valueOf((int) (20_000 / price))))))
                    .isInstanceOf(SignalOutcome.Submitted.class);
            feed(engine, paper, clock, minute, aapl[minute]); // fills on the next bar
            minute++;

            RiskAnalysis analysis = pump(engine, analyzer.refresh());
            assertThat(RiskLimitsCache.shared().latest(account)).isSameAs(analysis);
            assertThat(analysis.heldSymbols()).containsExactly("AAPL");
            assertThat(analysis.correlation("AAPL", "TWIN")).isCloseTo(1.0, within(1e-9));

            // Only the fresh analysis knows that TWIN moves with AAPL: 20 % + 15 % > 30 % in one cluster.
            price = aapl[minute - 1];
            SignalOutcome twin = pump(engine, engine.execute(buy("b2", "TWIN", 2 * price,
                    String.valueOf((int) (15_000 / (2 * price))))));
            assertThat(twin).isInstanceOfSatisfying(SignalOutcome.Denied.class, d -> {
                assertThat(d.reason()).isEqualTo(DenialReason.CORRELATED_EXPOSURE);
                assertThat(d.message()).startsWith("correlated-exposure:").contains("AAPL (correlation 1.0000)")
                        .doesNotContain("absent").doesNotContain("stale");
            });
            // HEDGE moves against AAPL: its own cluster, so the same amount passes.
            assertThat(pump(engine, engine.execute(buy("b3", "HEDGE", 10_000 / price,
                    String.valueOf((int) (15_000 / (10_000 / price)))))))
                    .isInstanceOf(SignalOutcome.Submitted.class);
        }
        assertThat(RiskLimitsCache.shared().latest(account)).as("closing removes the analyzer's result").isNull();
    }

    @Test
    void startRunsTheEngineLoopAndTheAnalyzerWhichPublishesUnderTheEnginesAccount() throws Exception {
        String account = "yaml-analysis-started-" + System.nanoTime();
        SimulatedClock clock = new SimulatedClock(T0);
        ResolvedComponents rc = resolve(yaml(account, ANALYSIS), account, clock);
        ConfiguredEngine configured = ConfiguredEngine.build(rc, Backtest.engineBuilder(rc, clock, n -> null));
        try (configured) {
            configured.start();
            RiskAnalyzer analyzer = configured.analyzer().orElseThrow();
            RiskAnalysis a = analyzer.refresh().get(10, TimeUnit.SECONDS);
            assertThat(RiskLimitsCache.shared().latest(account)).isSameAs(a);
            assertThat(a.accountId()).isEqualTo(account);
        }
        assertThat(configured.analyzer().orElseThrow().isClosed()).isTrue();
        assertThat(RiskLimitsCache.shared().latest(account)).isNull();
    }

    @Test
    void withoutTheSectionOrWithEnabledFalseThereIsNoAnalyzer() {
        SimulatedClock clock = new SimulatedClock(T0);
        for (String analysis : List.of("", "  analysis: {enabled: false, window: 61, minObservations: 20}\n")) {
            String account = "yaml-no-analysis-" + System.nanoTime();
            ResolvedComponents rc = resolve(yaml(account, analysis), account, clock);
            assertThat(rc.analyzerConfig()).isEmpty();
            try (ConfiguredEngine configured = ConfiguredEngine.build(rc, Backtest.engineBuilder(rc, clock, n -> null))) {
                assertThat(configured.analyzer()).isEmpty();
                assertThat(configured.engine().accountId()).isEqualTo(account);
            }
        }
    }

    @Test
    void rulesResolvedForAnotherAccountThanTheEnginesAreRefusedBecauseTheyWouldNeverSeeTheAnalysis() {
        SimulatedClock clock = new SimulatedClock(T0);
        ResolvedComponents rc = resolve(yaml("engine-account", ANALYSIS), "another-account", clock);
        assertThatThrownBy(() -> ConfiguredEngine.build(rc, Backtest.engineBuilder(rc, clock, n -> null)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("account.id");
                    assertThat(e.rejectedValue()).isEqualTo("engine-account");
                    assertThat(e.getMessage()).startsWith("trading.yaml: account.id: risk rule 'correlated-exposure' reads "
                            + "the analysis of account 'another-account'");
                });
    }
}
