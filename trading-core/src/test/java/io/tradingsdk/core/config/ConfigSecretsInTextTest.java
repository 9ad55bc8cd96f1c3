package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Passwords written inside URLs (a JDBC URL's {@code password=}, a URL's {@code user:pass@}) under
 * keys that do not look secret never show in toString output or exception messages.
 */
class ConfigSecretsInTextTest {
    private static final String PW_QUERY = "Qp4ss-in-query-7781";
    private static final String PW_USERINFO = "Up4ss-in-userinfo-5512";
    private static final String TOKEN = "Tk-in-endpoint-9920";
    private static final List<String> SECRETS = List.of(PW_QUERY, PW_USERINFO, TOKEN);

    private static final String JDBC_URL = "jdbc:postgresql://app:" + PW_USERINFO + "@db:5432/trading?user=app&PASSWORD="
            + PW_QUERY + "&ssl=true";
    private static final String ENDPOINT = "https://feed.example.com/v1?symbols=AAPL&token=" + TOKEN;

    private static final String YAML = """
            journal:
              provider: test-url-journal
              parameters:
                url: '%s'
                mirrors: ['%s']
                endpoint: '%s'
            """.formatted(JDBC_URL, JDBC_URL, ENDPOINT);

    /** A journal configured by a JDBC URL in a STRING parameter, as a PostgreSQL journal is. */
    static final class UrlJournalProvider implements TradeJournalProvider {
        @Override
        public String name() {
            return "test-url-journal";
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.of(ParameterSpec.string("url", null, Set.of(), "JDBC URL"),
                    ParameterSpec.stringList("mirrors", List.of(), "more JDBC URLs"),
                    ParameterSpec.string("endpoint", "", Set.of(), "an HTTP endpoint"));
        }

        @Override
        public TradeJournal create(Parameters parameters, ProviderContext context) {
            return new TestProviders.StubJournal();
        }
    }

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

    private static final String OTHERS = "sizer: {provider: test-fixed}\nexecution: {provider: test-executor}\n"
            + "risk: {useDefaults: false}\n";

    private static ProviderRegistry registry() {
        return ProviderRegistry.builder().noDiscovery().register(new UrlJournalProvider())
                .register(new TestProviders.FixedSizerProvider()).register(new TestProviders.StubExecutorProvider())
                .build();
    }

    private static void assertNoSecret(String text) {
        for (String s : SECRETS) {
            assertThat(text).doesNotContain(s);
        }
    }

    @Test
    @DisplayName("TradingConfig.toString masks URL user info and password=/token= parameters under any key")
    void tradingConfigToString() {
        TradingConfig config = TradingConfig.parse("trading.yaml", YAML);

        String text = config.toString();

        assertNoSecret(text);
        assertThat(text).contains("jdbc:postgresql://****@db:5432/trading?user=app&PASSWORD=****&ssl=true")
                .contains("token=****");
        // The values themselves are unchanged for the provider.
        assertThat(config.journal().parameters()).containsEntry("url", JDBC_URL);
    }

    @Test
    @DisplayName("ResolvedComponent.toString and the resolved configuration mask them too")
    void resolvedComponentToString() {
        ProviderRegistry registry = registry();
        String yaml = YAML + OTHERS;

        ResolvedComponents resolved = ConfigResolver.resolve(TradingConfig.parse("trading.yaml", yaml), registry,
                new DefaultProviderContext("acct-1", CLOCK, n -> null));

        assertNoSecret(resolved.journal().toString());
        assertNoSecret(resolved.journal().parameters().toString());
        assertNoSecret(resolved.toString());
        assertThat(resolved.journal().toString()).contains("jdbc:postgresql://****@db");
        assertThat(resolved.journal().parameters().getString("url")).isEqualTo(JDBC_URL);
    }

    @Test
    @DisplayName("a rejected value holding a URL with a password is shown masked")
    void rejectedValueIsMasked() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TradingConfig.parse("trading.yaml", "account: {id: '" + JDBC_URL + "'}\n"));

        assertNoSecret(e.getMessage());
        assertNoSecret(String.valueOf(e.rejectedValue()));
        assertThat(e.getMessage()).contains("account.id").contains("jdbc:postgresql://****@db");
    }

    @Test
    @DisplayName("a provider parameter of the wrong type holding a URL with a password is shown masked")
    void parameterErrorIsMasked() {
        ProviderRegistry registry = registry();
        String yaml = "journal:\n  provider: test-url-journal\n  parameters:\n    url: ['" + JDBC_URL + "']\n" + OTHERS;

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(
                TradingConfig.parse("trading.yaml", yaml), registry, new DefaultProviderContext("acct-1", CLOCK, n -> null)));

        assertNoSecret(e.getMessage());
        assertThat(e.getMessage()).contains("journal.parameters.url");
    }

    @Test
    @DisplayName("a source name that is a URL with a password is masked in toString and messages")
    void sourceNameIsMasked() {
        String source = "https://ops:" + PW_USERINFO + "@config.example.com/trading.yaml";

        assertNoSecret(TradingConfig.parse(source, "account: {id: paper}\n").toString());
        assertNoSecret(assertThrows(ConfigException.class, () -> TradingConfig.parse(source, "account: {id: ''}\n"))
                .getMessage());
    }

    @Test
    @DisplayName("values under secret-looking keys stay masked as before, nested ones included")
    void secretKeysStayMasked() {
        TradingConfig config = TradingConfig.parse("trading.yaml",
                "journal:\n  provider: memory\n  parameters: {auth: {password: " + PW_QUERY + "}}\n");

        assertNoSecret(config.toString());
        assertThat(Map.copyOf(config.journal().parameters())).containsKey("auth");
    }
}
