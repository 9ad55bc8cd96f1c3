package io.tradingsdk.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.core.analysis.RiskLimitsCache;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The background risk analysis runs inside a backtest, on the simulated clock, and repeats exactly. */
class BacktestRiskAnalysisTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(BacktestRiskAnalysisTest.class.getClassLoader());

    /**
     * The stress-loss-limit rule with a harsh fallback (every position loses everything) and a mild
     * scenario (the market falls 10 %): an order of a fifth of equity passes only when a fresh
     * analysis is there, so the fills tell whether the analysis ran at the right points.
     */
    private static TradingConfig config(boolean analysisEnabled) throws IOException {
        String yaml;
        try (InputStream in = BacktestRiskAnalysisTest.class.getResourceAsStream("/backtest/aapl-determinism.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String rules = "risk:\n  rules:\n";
        assertThat(yaml).contains(rules);
        String analysis = "  analysis: {enabled: " + analysisEnabled + ", window: 61, minObservations: 20, "
                + "schedulePeriod: 1d, stressScenarios: [\"market:-0.10\"]}\n";
        String stress = "    - provider: stress-loss-limit\n"
                + "      parameters: {maxLossFraction: 0.05, fallbackShock: 1.0, unknownShock: 0.1, maxAge: 1d}\n";
        return TradingConfig.parse("analysis.yaml", yaml.replace(rules, "risk:\n" + analysis + "  rules:\n" + stress));
    }

    @Test
    @DisplayName("enabled, the analysis runs at bar boundaries on the simulated clock: the same report byte for byte, run after run")
    void analysisInBacktestRepeats() throws IOException {
        TradingConfig config = config(true);
        assertThat(config.risk().analysis().enabled()).isTrue();

        String first = Backtest.run(config, REGISTRY, name -> null).report().render();
        String second = Backtest.run(config, REGISTRY, name -> null).report().render();
        String third = Backtest.run(config, REGISTRY, name -> null).report().render();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    @Test
    @DisplayName("the rules read the run's analysis: fresh, orders pass the mild scenario; without it the harsh fallback denies them")
    void rulesReadTheRunsAnalysis() throws IOException {
        BacktestReport with = Backtest.run(config(true), REGISTRY, name -> null).report();
        BacktestReport without = Backtest.run(config(false), REGISTRY, name -> null).report();

        // Control: without the analysis every entry is refused by the fallback, so nothing fills.
        assertThat(without.fills()).isZero();
        assertThat(without.denials().getOrDefault(DenialReason.STRESS_LOSS, 0L)).isPositive();
        // With it, entries pass and trade.
        assertThat(with.fills()).isPositive();
        assertThat(with.trades()).isNotEmpty();
        assertThat(with.denials().getOrDefault(DenialReason.STRESS_LOSS, 0L))
                .isLessThan(without.denials().get(DenialReason.STRESS_LOSS));
        // The run's analysis stays in the run: nothing is left in the process-wide cache.
        assertThat(RiskLimitsCache.shared().latest("determinism")).isNull();
    }
}
