package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tradingsdk.core.analysis.AnalyzerConfig;
import io.tradingsdk.core.config.internal.ConfigDocument;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The README copies the key reference, so users rely on it being complete and true: every key the
 * loader accepts is documented, nothing else is, and the YAML reference loads with the documented
 * defaults.
 */
class ConfigReferenceTest {

    @Test
    void everyAcceptedKeyIsDocumentedAndNoOtherKey() {
        Map<String, Class<?>> sections = new LinkedHashMap<>();
        sections.put("", ConfigDocument.class);
        sections.put("account.", AccountConfig.class);
        sections.put("data.", DataConfig.class);
        sections.put("strategies[].", StrategyConfig.class);
        sections.put("sizer.", ComponentConfig.class);
        sections.put("risk.", RiskConfig.class);
        sections.put("risk.rules[].", RiskRuleConfig.class);
        sections.put("execution.", ComponentConfig.class);
        sections.put("journal.", ComponentConfig.class);
        sections.put("engine.", EngineConfig.class);
        Set<String> accepted = new TreeSet<>();
        sections.forEach((prefix, type) -> {
            for (RecordComponent c : type.getRecordComponents()) {
                accepted.add(prefix + c.getName());
            }
        });
        // risk.analysis binds through its YAML creator, whose keys are the analyzer's parameter names.
        List<String> analysisKeys = yamlKeys(AnalysisConfig.class);
        assertThat(analysisKeys).containsExactlyInAnyOrderElementsOf(AnalysisConfig.keys());
        analysisKeys.forEach(k -> accepted.add("risk.analysis." + k));
        // engine.recovery binds as a map checked against the recovery policy's schema.
        io.tradingsdk.core.recovery.RecoveryPolicy.parameterSchema().specs()
                .forEach(s -> accepted.add("engine." + EngineConfig.RECOVERY + "." + s.name()));

        Set<String> documented = new TreeSet<>();
        ConfigReference.keys().forEach(k -> documented.add(k.path()));

        assertThat(documented).isEqualTo(accepted);
        assertThat(ConfigReference.markdown()).contains("| `account.initialCash` | decimal | 100000 |")
                .contains("| `engine.timeInForce` | day \\| gtc \\| opg \\| cls \\| ioc \\| fok | day | lower case |")
                .contains("| `engine.tradingZone` | time zone | America/New_York | tz database id")
                .doesNotContain("quantityScale");
    }

    /** The keys a record's {@code @JsonCreator} method accepts. */
    private static List<String> yamlKeys(Class<?> type) {
        List<String> keys = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonCreator.class)) {
                for (Parameter p : m.getParameters()) {
                    keys.add(p.getAnnotation(JsonProperty.class).value());
                }
            }
        }
        assertThat(keys).as("keys of %s", type.getSimpleName()).isNotEmpty();
        return keys;
    }

    @Test
    void theAnalysisKeysShowTheAnalyzersDefaultsAndRanges() {
        assertThat(ConfigReference.markdown())
                .contains("| `risk.analysis` | map | absent: no background risk analyzer |")
                .contains("| `risk.analysis.enabled` | boolean | true |")
                .contains("| `risk.analysis.window` | whole number | 251 | [3, 100000] |")
                .contains("| `risk.analysis.minObservations` | whole number | 30 | [2, 100000]; at most window - 1 |")
                .contains("| `risk.analysis.returnType` | log \\| simple | simple |")
                .contains("| `risk.analysis.confidenceLevels` | list of decimals | [0.95, 0.99] | each in (0, 1), no repeats |")
                .contains("| `risk.analysis.notionalTrigger` | decimal | 10000 | > 0 |")
                .contains("| `risk.analysis.stressScenarios` | list of text | [market:-0.10, volatility:1.5, each-symbol:-0.30] |");
    }

    @Test
    void theYamlReferenceIsAValidConfigurationWithTheDocumentedDefaults() {
        TradingConfig c = TradingConfig.parse("reference", ConfigReference.yaml());

        assertThat(c.account()).isEqualTo(AccountConfig.defaults());
        assertThat(c.sizer()).isEqualTo(ComponentConfig.of(TradingConfig.DEFAULT_SIZER));
        assertThat(c.execution()).isEqualTo(ComponentConfig.of(TradingConfig.DEFAULT_EXECUTION));
        assertThat(c.journal()).isEqualTo(ComponentConfig.of(TradingConfig.DEFAULT_JOURNAL));
        assertThat(c.engine()).isEqualTo(EngineConfig.defaults());
        assertThat(c.strategies().get(0).enabled()).isEqualTo(StrategyConfig.DEFAULT_ENABLED);
        assertThat(c.risk().useDefaults()).isEqualTo(RiskConfig.DEFAULT_USE_DEFAULTS);
        assertThat(c.risk().analysis()).isEqualTo(new AnalysisConfig(AnalysisConfig.DEFAULT_ENABLED, AnalyzerConfig.defaults()));
    }

    @Test
    void providerReferenceListsEachProvidersParameters() {
        ProviderRegistry registry = ProviderRegistry.builder()
                .register(new TestProviders.CrossoverStrategyProvider())
                .register(new TestProviders.SecretStrategyProvider())
                .register(new TestProviders.StubExecutorProvider())
                .build();

        String md = ConfigReference.providersMarkdown(registry);

        assertThat(md).contains("### `test-crossover`")
                .contains("| `fastPeriod` | INTEGER | 10 | [1, 200] | yes | fast moving average length in bars |")
                .contains("| `apiKey` | SECRET | required | ${ENV_VAR} reference | no (restart) | broker API key |")
                .contains("| `label` | STRING | ok | leak, ok | yes | behaviour |")
                .contains("| `timeout` | DURATION | PT5S | [100ms, 1m] |")
                .contains("## TradeJournalProvider\n\n(none registered)");
    }
}
