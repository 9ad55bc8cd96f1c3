package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingsdk.core.analysis.AnalyzerConfig;
import io.tradingsdk.core.analysis.ReturnType;
import io.tradingsdk.core.analysis.StressScenario;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The background risk analyzer is configured in YAML under {@code risk.analysis}, as strictly as every
 * other section: what is written reaches the analyzer exactly, omitted keys take the analyzer's
 * defaults, and every mistake names the file, the key path and the rejected value.
 */
class AnalysisConfigLoadTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(AnalysisConfigLoadTest.class.getClassLoader());

    private static ResolvedComponents resolve(String yaml) {
        TradingConfig config = TradingConfig.parse("trading.yaml", yaml);
        return ConfigResolver.resolve(config, REGISTRY, new DefaultProviderContext(config.account().id(),
                new SimulatedClock(Instant.parse("2024-01-02T15:00:00Z")), n -> null));
    }

    private static ConfigException error(String analysisBody) {
        return assertThrows(ConfigException.class,
                () -> TradingConfig.parse("trading.yaml", "risk:\n  analysis:\n" + analysisBody));
    }

    @Test
    void everyKeyWrittenReachesTheAnalyzerConfigExactly() {
        ResolvedComponents rc = resolve("""
                account: {id: paper-1, mode: paper}
                risk:
                  rules:
                    - provider: correlated-exposure
                  analysis:
                    enabled: true
                    window: 121
                    minObservations: 60
                    returnType: log
                    confidenceLevels: [0.99, 0.975, 0.9]
                    schedulePeriod: 30s
                    notionalTrigger: 25000.50
                    snapshotTimeout: PT5S
                    maxSymbols: 50
                    stressScenarios: ["market:-0.2", "symbol:AAPL:-0.4", "each-symbol:-0.25", "volatility:2", "market:0.15"]
                """);

        AnalyzerConfig expected = new AnalyzerConfig(121, 60, ReturnType.LOG, List.of(0.9, 0.975, 0.99),
                Duration.ofSeconds(30), new BigDecimal("25000.50"), Duration.ofSeconds(5), 50,
                List.of(StressScenario.marketShock(-0.2), StressScenario.symbolShock("AAPL", -0.4),
                        StressScenario.eachSymbolShock(-0.25), StressScenario.volatilityScale(2), StressScenario.marketShock(0.15)));
        assertThat(rc.analyzerConfig()).contains(expected);
        assertThat(rc.config().risk().analysis()).isEqualTo(AnalysisConfig.enabled(expected));
        // The money threshold stays the exact decimal written.
        assertThat(rc.analyzerConfig().orElseThrow().notionalTrigger().toPlainString()).isEqualTo("25000.50");
    }

    @Test
    void omittedKeysTakeTheAnalyzersDefaultsAndAWrittenSectionIsEnabled() {
        assertThat(resolve("risk:\n  analysis: {}\n").analyzerConfig()).contains(AnalyzerConfig.defaults());
        assertThat(resolve("risk:\n  analysis: {window: 61}\n").analyzerConfig())
                .contains(AnalyzerConfig.defaults().withWindow(61));
        assertThat(TradingConfig.parse("t", "risk:\n  analysis:\n    enabled: ~\n").risk().analysis().enabled()).isTrue();
    }

    @Test
    void withoutTheSectionOrWithEnabledFalseNoAnalyzerIsAskedFor() {
        assertThat(resolve("account: {id: a}\n").analyzerConfig()).isEmpty();
        assertThat(TradingConfig.defaults().risk().analysis()).isEqualTo(AnalysisConfig.disabled());
        assertThat(new RiskConfig(true, List.of())).isEqualTo(RiskConfig.defaults());

        TradingConfig off = TradingConfig.parse("t", "risk:\n  analysis: {enabled: false, window: 61, minObservations: 20}\n");
        assertThat(off.risk().analysis().enabled()).isFalse();
        assertThat(off.risk().analysis().analyzer()).isEqualTo(AnalyzerConfig.defaults().withMinObservations(20).withWindow(61));
        assertThat(resolve("risk:\n  analysis: {enabled: false}\n").analyzerConfig()).isEmpty();
    }

    static Stream<Arguments> invalidSections() {
        return Stream.of(
                // unknown keys, with the keys that exist and a suggestion
                Arguments.of("    windw: 61\n", "risk.analysis.windw", null,
                        "unknown key 'windw'; known keys here: [confidenceLevels, enabled, maxSymbols, minObservations, "
                                + "notionalTrigger, returnType, schedulePeriod, snapshotTimeout, stressScenarios, window]",
                        "did you mean 'window'?"),
                Arguments.of("    parameters: {window: 61}\n", "risk.analysis.parameters", null, "unknown key 'parameters'",
                        "known keys here"),
                // wrong types: no silent coercion
                Arguments.of("    enabled: 'true'\n", "risk.analysis.enabled", "true", "expected true or false, got text",
                        "remove the quotes"),
                Arguments.of("    window: '61'\n", "risk.analysis.window", "61", "expected a whole number, got text",
                        "remove the quotes"),
                Arguments.of("    window: 61.5\n", "risk.analysis.window", new BigDecimal("61.5"),
                        "expected a whole number, got a decimal number", "rejected value: 61.5"),
                Arguments.of("    notionalTrigger: '5000'\n", "risk.analysis.notionalTrigger", "5000",
                        "expected a decimal number, got text", "remove the quotes"),
                Arguments.of("    returnType: 1\n", "risk.analysis.returnType", new BigDecimal("1"),
                        "expected text, got a whole number", "rejected value: 1"),
                Arguments.of("    confidenceLevels: 0.99\n", "risk.analysis.confidenceLevels", new BigDecimal("0.99"),
                        "expected a list", "got a decimal number"),
                Arguments.of("    confidenceLevels: [0.95, '0.99']\n", "risk.analysis.confidenceLevels[1]", "0.99",
                        "expected a decimal number, got text", "remove the quotes"),
                Arguments.of("    schedulePeriod: 30\n", "risk.analysis.schedulePeriod", 30,
                        "must be a duration such as 500ms, 30s, 5m or PT5M", "schedulePeriod"),
                Arguments.of("    schedulePeriod: soon\n", "risk.analysis.schedulePeriod", "soon",
                        "must be a duration such as 500ms, 30s, 5m or PT5M", "'soon'"),
                Arguments.of("    stressScenarios: market:-0.1\n", "risk.analysis.stressScenarios", "market:-0.1",
                        "expected a list", "got text"),
                Arguments.of("    stressScenarios: [-0.1]\n", "risk.analysis.stressScenarios[0]", new BigDecimal("-0.1"),
                        "expected text, got a decimal number", "put it in quotes"),
                Arguments.of("    maxSymbols: 99999999999999999999\n", "risk.analysis.maxSymbols",
                        new BigDecimal("99999999999999999999"), "number is out of range for this key", "maxSymbols"),
                Arguments.of("  - window: 61\n", "risk.analysis", null, "expected a map of key: value, got a list", "(line 3"),
                // values out of range
                Arguments.of("    window: 2\n", "risk.analysis.window", 2, "parameter 'window' must be in [3, 100000], was 2",
                        "trading.yaml"),
                Arguments.of("    window: 100001\n", "risk.analysis.window", 100001, "must be in [3, 100000], was 100001",
                        "window"),
                Arguments.of("    minObservations: 1\n", "risk.analysis.minObservations", 1, "must be in [2, 100000], was 1",
                        "minObservations"),
                Arguments.of("    returnType: LOG\n", "risk.analysis.returnType", "LOG", "must be one of [log, simple]",
                        "did you mean 'log'?"),
                Arguments.of("    confidenceLevels: [0.95, 1]\n", "risk.analysis.confidenceLevels[1]", new BigDecimal("1"),
                        "a confidence level must be in (0, 1)", "was 1"),
                Arguments.of("    confidenceLevels: [0]\n", "risk.analysis.confidenceLevels[0]", new BigDecimal("0"),
                        "a confidence level must be in (0, 1)", "was 0"),
                Arguments.of("    confidenceLevels: []\n", "risk.analysis.confidenceLevels", "[]",
                        "must list at least one level", "confidenceLevels"),
                Arguments.of("    schedulePeriod: 2d\n", "risk.analysis.schedulePeriod", "2d",
                        "must be in [0ms, 86400000ms], was 2d", "schedulePeriod"),
                Arguments.of("    snapshotTimeout: 0s\n", "risk.analysis.snapshotTimeout", "0s",
                        "must be in [1ms, 600000ms], was 0s", "snapshotTimeout"),
                Arguments.of("    notionalTrigger: 0\n", "risk.analysis.notionalTrigger", new BigDecimal("0"),
                        "must be positive, was 0", "notionalTrigger"),
                Arguments.of("    notionalTrigger: -100.5\n", "risk.analysis.notionalTrigger", new BigDecimal("-100.5"),
                        "must be in [0, +inf], was -100.5", "notionalTrigger"),
                Arguments.of("    maxSymbols: 0\n", "risk.analysis.maxSymbols", 0, "must be in [1, 100000], was 0", "maxSymbols"),
                Arguments.of("    stressScenarios: []\n", "risk.analysis.stressScenarios", "[]",
                        "must list at least one scenario", "stressScenarios"),
                Arguments.of("    stressScenarios: ['market:-5']\n", "risk.analysis.stressScenarios[0]", "market:-5",
                        "shock must be in [-1, 10]", "-5"),
                Arguments.of("    stressScenarios: ['volatility:0']\n", "risk.analysis.stressScenarios[0]", "volatility:0",
                        "volatility factor must be in (0, 100]", "volatility:0"),
                // cross-field rules and the scenario syntax, reported at the key
                Arguments.of("    window: 50\n    minObservations: 50\n", "risk.analysis.minObservations", 50,
                        "must be in [2, 49] (window - 1), was 50", "trading.yaml"),
                Arguments.of("    minObservations: 300\n", "risk.analysis.minObservations", 300,
                        "must be in [2, 250] (window - 1), was 300", "minObservations"),
                Arguments.of("    stressScenarios: ['market:-0.1', 'crash:-0.5']\n", "risk.analysis.stressScenarios[1]",
                        "crash:-0.5", "is not one of market:<shock>, symbol:<SYMBOL>:<shock>, each-symbol:<shock>, "
                                + "volatility:<factor>", "'crash:-0.5'"),
                Arguments.of("    stressScenarios: ['symbol:-0.3']\n", "risk.analysis.stressScenarios[0]", "symbol:-0.3",
                        "is not one of", "symbol:<SYMBOL>:<shock>"),
                Arguments.of("    stressScenarios: ['market:-0.1', 'market:-0.10']\n", "risk.analysis.stressScenarios[1]",
                        "market:-0.10", "scenario 'market -10%' is listed twice (also at stressScenarios[0])",
                        "rejected value: 'market:-0.10'"),
                Arguments.of("    confidenceLevels: [0.9, 0.90]\n", "risk.analysis.confidenceLevels[1]", new BigDecimal("0.90"),
                        "confidence level is listed twice (also at confidenceLevels[0])", "rejected value: 0.90"),
                Arguments.of("    stressScenarios: [~]\n", "risk.analysis.stressScenarios[0]", null, "list entry has no value",
                        "stressScenarios[0]"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("invalidSections")
    void invalidValuesAreRefusedNamingFileKeyAndValue(String body, String path, Object value, String reason, String more) {
        ConfigException e = error(body);

        ConfigErrors.assertNames(e, path, value);
        assertThat(e.getMessage()).startsWith("trading.yaml: " + path + ": ").contains(reason).contains(more);
        assertThat(e.line()).as("line of the problem").isPositive();
    }
}
