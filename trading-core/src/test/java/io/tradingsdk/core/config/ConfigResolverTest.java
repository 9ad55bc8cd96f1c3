package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderNotFoundException;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a host relies on when it turns a configuration into components: provider names resolve
 * through the registry, parameters are checked against each provider's schema with the exact key
 * path in the message, built-in risk rules merge with overrides in a fixed order, secrets resolve
 * from the environment and never show, and a failure creates nothing (or closes what it created).
 */
class ConfigResolverTest {
    private static final String SECRET_VALUE = "sk-live-0123456789abcdef";
    private static final TradingClock CLOCK = new TradingClock() {
        @Override
        public Instant now() {
            return Instant.parse("2024-01-02T15:00:00Z");
        }

        @Override
        public boolean isMarketOpen(String symbol) {
            return true;
        }
    };

    private final TestProviders.CrossoverStrategyProvider crossover = new TestProviders.CrossoverStrategyProvider();
    private final TestProviders.StubExecutorProvider executors = new TestProviders.StubExecutorProvider();
    private final TestProviders.StubJournalProvider journals = new TestProviders.StubJournalProvider();

    private ProviderRegistry registry() {
        ProviderRegistry.Builder b = ProviderRegistry.builder().noDiscovery()
                .register(crossover)
                .register(new TestProviders.RsiLikeStrategyProvider())
                .register(new TestProviders.SecretStrategyProvider())
                .register(new TestProviders.FixedSizerProvider())
                .register(executors)
                .register(journals)
                .register(new TestProviders.StubDataProvider())
                .register(new TestProviders.NamedRuleProvider("test-extra-rule"));
        TestProviders.defaultRules().forEach(b::register);
        return b.build();
    }

    private static DefaultProviderContext context(Map<String, String> env) {
        return new DefaultProviderContext("acct-1", CLOCK, env::get);
    }

    private static final String BASE = """
            sizer: {provider: test-fixed, parameters: {quantity: 10}}
            execution: {provider: test-executor, parameters: {timeout: 2s}}
            journal: {provider: test-journal}
            """;

    private ResolvedComponents resolve(String yaml) {
        return ConfigResolver.resolve(TradingConfig.parse("trading.yaml", yaml), registry(), context(Map.of()));
    }

    private ConfigException resolveError(String yaml, Map<String, String> env) {
        TradingConfig config = TradingConfig.parse("trading.yaml", yaml);
        return assertThrows(ConfigException.class, () -> ConfigResolver.resolve(config, registry(), context(env)));
    }

    @Test
    void everyComponentIsCreatedWithValidatedParametersAndDefaultsFilled() {
        ResolvedComponents r = resolve(BASE + """
                data:
                  provider: test-data
                  parameters: {file: bars.csv}
                strategies:
                  - id: sma-aapl
                    provider: test-crossover
                    symbols: [AAPL]
                    parameters: {fastPeriod: 5}
                  - id: rsi-msft
                    provider: test-rsi
                    symbols: [MSFT]
                    enabled: false
                """);

        assertThat(r.strategies()).extracting(ResolvedStrategy::id).containsExactly("sma-aapl", "rsi-msft");
        ResolvedStrategy sma = r.strategy("sma-aapl").orElseThrow();
        assertThat(sma.providerName()).isEqualTo("test-crossover");
        assertThat(sma.symbols()).containsExactly("AAPL");
        assertThat(sma.enabled()).isTrue();
        assertThat(sma.path()).isEqualTo("strategies[0]");
        assertThat(sma.provider()).isSameAs(crossover);
        // The configured value and the schema's default, both typed.
        assertThat(sma.parameters().getLong("fastPeriod")).isEqualTo(5L);
        assertThat(sma.parameters().getLong("slowPeriod")).isEqualTo(30L);
        assertThat(((TestProviders.QuietStrategy) sma.strategy()).parameters()).isEqualTo(sma.parameters());
        assertThat(r.strategy("rsi-msft").orElseThrow().enabled()).isFalse();

        assertThat(r.sizer().component().size(null, BigDecimal.ONE, null)).isEqualByComparingTo("10");
        assertThat(r.executor().component()).isSameAs(executors.last);
        assertThat(r.executor().parameters().getDuration("timeout")).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.journal().component()).isSameAs(journals.last);
        assertThat(r.marketDataSource()).get().extracting(s -> ((TestProviders.EmptySource) s).parameters().getString("file"))
                .isEqualTo("bars.csv");
        assertThat(r.rules()).extracting(io.tradingsdk.api.risk.RiskRule::name).containsExactlyElementsOf(RiskConfig.DEFAULT_RULES);
    }

    @Test
    void withoutADataSectionTheHostSuppliesTheMarketData() {
        ResolvedComponents r = resolve(BASE);
        assertThat(r.marketData()).isNull();
        assertThat(r.marketDataSource()).isEmpty();
        assertThat(r.strategies()).isEmpty();
    }

    @Test
    void listedRulesReplaceBuiltInRulesInPlaceDisableThemOrFollowThem() {
        ResolvedComponents r = resolve(BASE + """
                risk:
                  rules:
                    - provider: test-extra-rule
                    - provider: max-order-notional
                      parameters: {limit: 50000}
                    - provider: market-hours
                      enabled: false
                """);

        List<String> expected = new java.util.ArrayList<>(RiskConfig.DEFAULT_RULES);
        expected.remove("market-hours");
        expected.add("test-extra-rule");
        assertThat(r.rules()).extracting(io.tradingsdk.api.risk.RiskRule::name).containsExactlyElementsOf(expected);
        ResolvedComponent<io.tradingsdk.api.risk.RiskRule> notional = r.riskRules().get(expected.indexOf("max-order-notional"));
        assertThat(notional.path()).isEqualTo("risk.rules[1]");
        assertThat(notional.parameters().getDecimal("limit")).isEqualByComparingTo("50000");
        ResolvedComponent<io.tradingsdk.api.risk.RiskRule> rate = r.riskRules().get(expected.indexOf("order-rate"));
        assertThat(rate.path()).isEqualTo("risk.useDefaults");
        assertThat(rate.parameters().getDecimal("limit")).isEqualByComparingTo("1000");
        assertThat(r.riskRules().get(0).providerName()).isEqualTo("trading-state");
    }

    @Test
    void withoutDefaultsOnlyTheListedRulesRunWithTradingStateFirst() {
        ResolvedComponents r = resolve(BASE + """
                risk:
                  useDefaults: false
                  rules:
                    - provider: max-order-notional
                    - provider: trading-state
                    - provider: buying-power
                    - provider: test-extra-rule
                      enabled: false
                """);
        assertThat(r.rules()).extracting(io.tradingsdk.api.risk.RiskRule::name)
                .containsExactly("trading-state", "max-order-notional", "buying-power");
    }

    @Test
    void missingBuiltInRuleProvidersAreListedInOneProviderNotFoundException() {
        ProviderRegistry partial = ProviderRegistry.builder()
                .register(new TestProviders.FixedSizerProvider()).register(executors).register(journals)
                .register(RiskRuleProvider.class, new TestProviders.NamedRuleProvider("trading-state"))
                .register(RiskRuleProvider.class, new TestProviders.NamedRuleProvider("buying-power"))
                .build();
        TradingConfig config = TradingConfig.parse("trading.yaml", BASE + "risk:\n  rules:\n    - {provider: market-hours, enabled: false}\n");

        ProviderNotFoundException e = assertThrows(ProviderNotFoundException.class,
                () -> ConfigResolver.resolve(config, partial, context(Map.of())));

        assertThat(e.kind()).isEqualTo(RiskRuleProvider.class);
        assertThat(e.requestedName()).isEqualTo("symbol-filter");
        assertThat(e.getMessage())
                .contains("built-in risk rule providers [symbol-filter, order-rate, duplicate-signal, price-collar, "
                        + "max-order-quantity, max-order-notional, max-position-fraction, max-portfolio-risk, "
                        + "daily-loss-limit] are not registered")
                .contains("risk.useDefaults")
                .contains("available: [buying-power, trading-state]");
        // Disabling a built-in rule that is not installed is fine; a disabled unknown name is still a typo.
        TradingConfig disabledMissing = TradingConfig.parse("t", BASE + "risk:\n  useDefaults: false\n  rules:\n"
                + "    - {provider: trading-state}\n    - {provider: market-hours, enabled: false}\n");
        assertThat(ConfigResolver.resolve(disabledMissing, partial, context(Map.of())).rules()).hasSize(1);
        TradingConfig disabledTypo = TradingConfig.parse("t", BASE + "risk:\n  useDefaults: false\n  rules:\n"
                + "    - {provider: trading-state}\n    - {provider: buying-powr, enabled: false}\n");
        assertThatThrownBy(() -> ConfigResolver.resolve(disabledTypo, partial, context(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("risk.rules[1].provider: unknown RiskRuleProvider 'buying-powr'")
                .hasMessageContaining("did you mean 'buying-power'?");
        // Without defaults the same registry is enough for the listed rules.
        TradingConfig onlyListed = TradingConfig.parse("t", BASE + "risk: {useDefaults: false, rules: [{provider: trading-state}]}\n");
        assertThat(ConfigResolver.resolve(onlyListed, partial, context(Map.of())).rules()).hasSize(1);
    }

    @Test
    void anUnknownProviderNameNamesTheKeyTheAvailableNamesAndAClosestMatch() {
        ConfigException e = resolveError(BASE + """
                strategies:
                  - {id: a, provider: test-rsi, symbols: [AAPL]}
                  - {id: b, provider: test-crosover, symbols: [AAPL]}
                """, Map.of());

        assertThat(e.path()).isEqualTo("strategies[1].provider");
        assertThat(e.rejectedValue()).isEqualTo("test-crosover");
        assertThat(e.getMessage()).isEqualTo("trading.yaml: strategies[1].provider: unknown StrategyProvider "
                + "'test-crosover'; available: [test-broker, test-crossover, test-rsi]; did you mean 'test-crossover'?");
        assertThat(e.getCause()).isInstanceOf(ProviderNotFoundException.class);

        assertThat(resolveError(BASE.replace("test-executor", "paper"), Map.of()).getMessage())
                .startsWith("trading.yaml: execution.provider: unknown ExecutorProvider 'paper'; available: [test-executor]");
    }

    @Test
    void aParameterOutsideTheSchemaRangeNamesItsFullKeyPathAndValue() {
        ConfigException e = resolveError(BASE + """
                strategies:
                  - id: sma-aapl
                    provider: test-crossover
                    symbols: [AAPL]
                    parameters: {fastPeriod: 10, slowPeriod: 1000}
                """, Map.of());

        assertThat(e.path()).isEqualTo("strategies[0].parameters.slowPeriod");
        assertThat(e.rejectedValue()).isEqualTo(1000);
        assertThat(e.getMessage()).isEqualTo("trading.yaml: strategies[0].parameters.slowPeriod: parameter 'slowPeriod' "
                + "must be in [2, 500], was 1000 (provider 'test-crossover')");
        assertThat(crossover.created).hasValue(0);
    }

    @Test
    void parameterTypeAndNameMistakesAreCaughtByTheSchema() {
        ConfigException quoted = resolveError(BASE + "strategies:\n  - {id: a, provider: test-rsi, symbols: [A], "
                + "parameters: {period: '14'}}\n", Map.of());
        assertThat(quoted.getMessage()).startsWith("trading.yaml: strategies[0].parameters.period: parameter 'period' must be "
                + "a whole number, was '14' (String)");

        ConfigException typo = resolveError(BASE + "strategies:\n  - {id: a, provider: test-crossover, symbols: [A], "
                + "parameters: {fastPerod: 5}}\n", Map.of());
        assertThat(typo.path()).isEqualTo("strategies[0].parameters.fastPerod");
        assertThat(typo.getMessage()).contains("unknown parameter 'fastPerod'").contains("did you mean 'fastPeriod'?");

        ConfigException sizer = resolveError(BASE.replace("quantity: 10", "quantity: -1"), Map.of());
        assertThat(sizer.path()).isEqualTo("sizer.parameters.quantity");

        ConfigException rule = resolveError(BASE + "risk:\n  rules:\n    - provider: max-order-notional\n"
                + "      parameters: {limit: 0}\n", Map.of());
        assertThat(rule.path()).isEqualTo("risk.rules[0].parameters.limit");
        assertThat(rule.getMessage()).contains("must be in [0.01, 1000000000], was 0");

        ConfigException required = resolveError(BASE + "data: {provider: test-data}\n", Map.of());
        assertThat(required.path()).isEqualTo("data.parameters.file");
        assertThat(required.getMessage()).contains("parameter 'file' is required");
    }

    @Test
    void aCombinationRefusedByCreateNamesTheParameterPath() {
        ConfigException e = resolveError(BASE + """
                strategies:
                  - {id: ok, provider: test-rsi, symbols: [AAPL]}
                  - {id: bad, provider: test-crossover, symbols: [AAPL], parameters: {fastPeriod: 40}}
                """, Map.of());

        assertThat(e.path()).isEqualTo("strategies[1].parameters.slowPeriod");
        assertThat(e.rejectedValue()).isEqualTo(30L);
        assertThat(e.getMessage()).contains("slowPeriod must be greater than fastPeriod (40), was 30");
    }

    @Test
    void aSecretReferenceToAnUnsetVariableNamesTheVariableOnly() {
        ConfigException e = resolveError(BASE + """
                strategies:
                  - {id: broker, provider: test-broker, symbols: [AAPL], parameters: {apiKey: '${BROKER_KEY}'}}
                """, Map.of("OTHER", SECRET_VALUE));

        assertThat(e.path()).isEqualTo("strategies[0].parameters.apiKey");
        assertThat(e.getMessage()).contains("environment variable BROKER_KEY, which is not set").doesNotContain(SECRET_VALUE);
        assertThat(e.rejectedValue()).isEqualTo("${BROKER_KEY}");
    }

    @Test
    void aLiteralSecretIsRefusedWithoutEchoingIt() {
        ConfigException e = resolveError(BASE + """
                strategies:
                  - {id: broker, provider: test-broker, symbols: [AAPL], parameters: {apiKey: pasted-literal-key}}
                """, Map.of());

        assertThat(e.getMessage()).contains("must be an environment reference").doesNotContain("pasted-literal-key");
        assertThat(e.rejectedValue()).isEqualTo("****");
        assertThat(stackTraceText(e)).doesNotContain("pasted-literal-key");
    }

    @Test
    void aResolvedSecretAppearsNowhereInTextButIsAvailableToTheProvider() {
        String yaml = BASE + """
                strategies:
                  - {id: broker, provider: test-broker, symbols: [AAPL], parameters: {apiKey: '${BROKER_KEY}'}}
                """;
        TradingConfig config = TradingConfig.parse("trading.yaml", yaml);
        ResolvedComponents r = ConfigResolver.resolve(config, registry(), context(Map.of("BROKER_KEY", SECRET_VALUE)));

        Parameters p = r.strategy("broker").orElseThrow().parameters();
        Secret key = p.getSecret("apiKey");
        assertThat(key.reveal()).isEqualTo(SECRET_VALUE);
        assertThat(key.source()).isEqualTo("env:BROKER_KEY");
        assertThat(List.of(config.toString(), r.toString(), r.strategies().toString(), p.toString(), key.toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain(SECRET_VALUE));
    }

    @Test
    void aProviderThatPutsTheSecretInItsErrorHasItScrubbed() {
        ConfigException e = resolveError(BASE + """
                strategies:
                  - id: broker
                    provider: test-broker
                    symbols: [AAPL]
                    parameters: {apiKey: '${BROKER_KEY}', label: leak}
                """, Map.of("BROKER_KEY", SECRET_VALUE));

        assertThat(e.path()).isEqualTo("strategies[0]");
        assertThat(e.getMessage()).contains("could not create its component: IllegalStateException: login refused for key ****");
        assertThat(stackTraceText(e)).doesNotContain(SECRET_VALUE);
    }

    @Test
    void whenACreateFailsTheComponentsAlreadyCreatedAreClosed() {
        ConfigException e = resolveError(BASE + "data: {provider: test-data, parameters: {file: missing.csv}}\n", Map.of());

        assertThat(e.path()).isEqualTo("data");
        assertThat(e.getMessage()).contains("provider 'test-data' could not create its component").contains("missing.csv");
        assertThat(journals.last.closed).isTrue();
        assertThat(executors.last.closed).isTrue();
    }

    @Test
    void aBadValueAnywhereCreatesNothing() {
        ConfigException e = resolveError((BASE + """
                strategies:
                  - {id: a, provider: test-crossover, symbols: [AAPL]}
                journal: {provider: test-journal, parameters: {unexpected: 1}}
                """).replace("journal: {provider: test-journal}\n", ""), Map.of());

        assertThat(e.path()).isEqualTo("journal.parameters.unexpected");

        assertThat(crossover.created).hasValue(0);
        assertThat(executors.last).isNull();
        assertThat(journals.last).isNull();
    }

    @Test
    void checkValidatesEverythingWithoutCreating() {
        TradingConfig good = TradingConfig.parse("t", BASE + "strategies:\n  - {id: a, provider: test-crossover, symbols: [A]}\n");
        ConfigResolver.check(good, registry(), Map.<String, String>of()::get);
        assertThat(crossover.created).hasValue(0);
        assertThat(executors.last).isNull();

        TradingConfig bad = TradingConfig.parse("t", BASE + "strategies:\n  - {id: a, provider: test-crossover, symbols: [A], "
                + "parameters: {fastPeriod: 0}}\n");
        assertThatThrownBy(() -> ConfigResolver.check(bad, registry(), Map.<String, String>of()::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strategies[0].parameters.fastPeriod");
    }

    private static String stackTraceText(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
