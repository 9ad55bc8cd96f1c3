package io.tradingsdk.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hosts configure the analyzer and its rules by value and by name; bad values are refused by name. */
class AnalysisConfigurationTest {

    private static void rejects(String parameter, Object value, Executable action) {
        assertThatThrownBy(action::execute).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.parameter()).isEqualTo(parameter);
            assertThat(e.getMessage()).contains(parameter).contains(String.valueOf(value));
        });
    }

    @Test
    void defaultsAreUsable() {
        AnalyzerConfig c = AnalyzerConfig.defaults();
        assertThat(c.window()).isEqualTo(251);
        assertThat(c.minObservations()).isEqualTo(30);
        assertThat(c.returnType()).isEqualTo(ReturnType.SIMPLE);
        assertThat(c.confidenceLevels()).containsExactly(0.95, 0.99);
        assertThat(c.schedulePeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.notionalTrigger()).isEqualByComparingTo("10000");
        assertThat(c.maxSymbols()).isEqualTo(500);
        assertThat(c.stressScenarios()).extracting(StressScenario::name)
                .containsExactly("market -10%", "volatility x1.5", "each symbol -30%");
        assertThat(c.highestConfidence()).isEqualTo(0.99);
    }

    @Test
    void badValuesAreRefusedByName() {
        AnalyzerConfig c = AnalyzerConfig.defaults();
        rejects("window", 2, () -> c.withWindow(2));
        rejects("minObservations", 300, () -> c.withMinObservations(300));
        rejects("minObservations", 1, () -> c.withMinObservations(1));
        rejects("confidenceLevels", 1.0, () -> c.withConfidenceLevels(List.of(0.95, 1.0)));
        rejects("confidenceLevels", "NaN", () -> c.withConfidenceLevels(List.of(Double.NaN)));
        rejects("confidenceLevels", "[0.9, 0.9]", () -> c.withConfidenceLevels(List.of(0.9, 0.9)));
        rejects("confidenceLevels", "[]", () -> c.withConfidenceLevels(List.of()));
        rejects("schedulePeriod", "PT-1S", () -> c.withSchedulePeriod(Duration.ofSeconds(-1)));
        rejects("notionalTrigger", "0", () -> c.withNotionalTrigger(BigDecimal.ZERO));
        rejects("snapshotTimeout", "PT0S", () -> c.withSnapshotTimeout(Duration.ZERO));
        rejects("maxSymbols", 0, () -> c.withMaxSymbols(0));
        rejects("stressScenarios", "[]", () -> c.withStressScenarios(List.of()));
        rejects("stressScenarios", "market -10%", () -> c.withStressScenarios(
                List.of(StressScenario.marketShock(-0.1), StressScenario.marketShock(-0.1))));
        rejects("stressScenarios", -1.5, () -> StressScenario.marketShock(-1.5));
        rejects("stressScenarios", 0.0, () -> StressScenario.volatilityScale(0));
        // Nothing changed: the original config is untouched.
        assertThat(c).isEqualTo(AnalyzerConfig.defaults());
        // Levels are kept sorted.
        assertThat(c.withConfidenceLevels(List.of(0.99, 0.9)).confidenceLevels()).containsExactly(0.9, 0.99);
    }

    @Test
    void scenariosHaveATextForm() {
        assertThat(StressScenario.parse("market:-0.10")).isEqualTo(StressScenario.marketShock(-0.10));
        assertThat(StressScenario.parse("symbol:BTC/USD:-0.30")).isEqualTo(StressScenario.symbolShock("BTC/USD", -0.30));
        assertThat(StressScenario.parse("each-symbol:-0.3").name()).isEqualTo("each symbol -30%");
        assertThat(StressScenario.parse("volatility:1.5").name()).isEqualTo("volatility x1.5");
        assertThat(StressScenario.parse("market:0.05").name()).isEqualTo("market +5%");
        rejects("stressScenarios", "crash:-0.5", () -> StressScenario.parse("crash:-0.5"));
        rejects("stressScenarios", "market:lots", () -> StressScenario.parse("market:lots"));
        rejects("stressScenarios", "symbol:-0.3", () -> StressScenario.parse("symbol:-0.3"));
        rejects("stressScenarios", "market:AAPL:-0.3", () -> StressScenario.parse("market:AAPL:-0.3"));
    }

    @Test
    void theAnalyzerSchemaValidatesAndBuildsAConfig() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("window", 61L);
        raw.put("minObservations", 20L);
        raw.put("returnType", "log");
        raw.put("confidenceLevels", List.of("0.99", "0.975"));
        raw.put("schedulePeriod", "30s");
        raw.put("stressScenarios", List.of("market:-0.2", "symbol:AAPL:-0.4"));
        AnalyzerConfig c = AnalyzerConfig.fromParameters(AnalyzerConfig.parameterSchema().validate(raw, n -> null));
        assertThat(c.window()).isEqualTo(61);
        assertThat(c.returnType()).isEqualTo(ReturnType.LOG);
        assertThat(c.confidenceLevels()).containsExactly(0.975, 0.99);
        assertThat(c.schedulePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.stressScenarios()).containsExactly(StressScenario.marketShock(-0.2), StressScenario.symbolShock("AAPL", -0.4));

        raw.put("confidenceLevels", List.of("high"));
        rejects("confidenceLevels", "high", () -> AnalyzerConfig.fromParameters(
                AnalyzerConfig.parameterSchema().validate(raw, n -> null)));
        raw.remove("confidenceLevels");
        raw.put("minObservations", 61L);
        rejects("minObservations", 61, () -> AnalyzerConfig.fromParameters(
                AnalyzerConfig.parameterSchema().validate(raw, n -> null)));
        raw.put("minObservations", 20L);
        raw.put("windw", 10L);
        assertThatThrownBy(() -> AnalyzerConfig.parameterSchema().validate(raw, n -> null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("windw"));
        for (ParameterSpec spec : AnalyzerConfig.parameterSchema().specs()) {
            assertThat(spec.description()).as(spec.name()).isNotBlank();
        }
    }

    private static Map<String, RiskRuleProvider> discovered() {
        Map<String, RiskRuleProvider> byName = new HashMap<>();
        for (RiskRuleProvider p : ServiceLoader.load(RiskRuleProvider.class)) {
            assertThat(byName.put(p.name(), p)).as("duplicate provider %s", p.name()).isNull();
        }
        return byName;
    }

    @Test
    void providersAreFoundByNameAndCreateRulesThatReadTheSharedCacheOfTheirAccount() {
        Map<String, RiskRuleProvider> byName = discovered();
        DefaultProviderContext ctx = DefaultProviderContext.of("provider-test-account", new SimulatedClock(Fixtures.T0));
        for (String name : List.of(CorrelatedExposureRule.NAME, StressLossLimitRule.NAME)) {
            RiskRuleProvider p = byName.get(name);
            assertThat(p).as(name).isNotNull();
            assertThat(p.description()).isNotBlank();
            for (ParameterSpec spec : p.parameterSchema().specs()) {
                assertThat(spec.description()).as("%s.%s", name, spec.name()).isNotBlank();
            }
            RiskRule rule = p.create(p.parameterSchema().validate(Map.of(), n -> null), ctx);
            assertThat(rule.name()).isEqualTo(name);
        }
        CorrelatedExposureRule corr = (CorrelatedExposureRule) byName.get(CorrelatedExposureRule.NAME)
                .create(byName.get(CorrelatedExposureRule.NAME).parameterSchema().validate(Map.of(), n -> null), ctx);
        assertThat(corr.correlationThreshold()).isEqualTo(0.7);
        assertThat(corr.maxFraction()).isEqualTo(0.30);
        assertThat(corr.fallbackMaxFraction()).isEqualTo(0.30);
        assertThat(corr.maxAge()).isEqualTo(Duration.ofMinutes(5));
        StressLossLimitRule stress = (StressLossLimitRule) byName.get(StressLossLimitRule.NAME)
                .create(byName.get(StressLossLimitRule.NAME).parameterSchema().validate(Map.of("maxLossFraction", 0.2),
                        n -> null), ctx);
        assertThat(stress.maxLossFraction()).isEqualTo(0.2);
        assertThat(stress.unknownShock()).isEqualTo(0.30);

        // Values the schema's inclusive ranges let through are refused by the rule, by name.
        RiskRuleProvider p = byName.get(CorrelatedExposureRule.NAME);
        Parameters zero = p.parameterSchema().validate(Map.of("maxFraction", 0.0), n -> null);
        rejects("maxFraction", 0.0, () -> p.create(zero, ctx));
        rejects("maxLossFraction", 2.0, () -> byName.get(StressLossLimitRule.NAME).parameterSchema()
                .validate(Map.of("maxLossFraction", 2.0), n -> null));
    }
}
