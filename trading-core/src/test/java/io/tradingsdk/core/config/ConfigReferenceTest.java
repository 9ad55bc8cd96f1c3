package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.core.config.internal.ConfigDocument;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
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

        Set<String> documented = new TreeSet<>();
        ConfigReference.keys().forEach(k -> documented.add(k.path()));

        assertThat(documented).isEqualTo(accepted);
        assertThat(ConfigReference.markdown()).contains("| `account.initialCash` | decimal | 100000 |")
                .contains("| `engine.timeInForce` | day \\| gtc \\| opg \\| cls \\| ioc \\| fok | day | lower case |")
                .contains("| `engine.tradingZone` | time zone | America/New_York | tz database id")
                .doesNotContain("quantityScale");
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
                .contains("| `timeout` | DURATION | PT5S | [100ms, 60000ms] |")
                .contains("## TradeJournalProvider\n\n(none registered)");
    }
}
