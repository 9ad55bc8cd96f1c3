package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.ExecutorProvider;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterType;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.Secret;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Configuration safety (paper by default, live only when named, https, credentials checked) and the 'alpaca' executor provider. */
class AlpacaConfigAndProviderTest {
    private static final Secret KEY = new Secret("PKABCDEF123", "env:APCA_API_KEY_ID");
    private static final Secret SECRET = new Secret("Zq-very-secret-value-77", "env:APCA_API_SECRET_KEY");
    private static final Map<String, String> ENV = Map.of("APCA_API_KEY_ID", FakeAlpaca.KEY_ID,
            "APCA_API_SECRET_KEY", FakeAlpaca.SECRET);

    private static ExecutorProvider provider() {
        return ServiceLoader.load(ExecutorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("alpaca")).findFirst().orElseThrow();
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("keyId", "${APCA_API_KEY_ID}");
        m.put("secretKey", "${APCA_API_SECRET_KEY}");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    @DisplayName("paper is the default; the live host needs mode LIVE and LIVE refuses the paper host")
    void paperUnlessLiveIsNamed() {
        AlpacaConfig c = AlpacaConfig.builder(KEY, SECRET).build();
        assertThat(c.mode()).isEqualTo(AlpacaMode.PAPER);
        assertThat(c.tradingBaseUrl()).isEqualTo(URI.create("https://paper-api.alpaca.markets"));
        assertThat(AlpacaConfig.builder(KEY, SECRET).mode(AlpacaMode.LIVE).build().tradingBaseUrl())
                .isEqualTo(URI.create("https://api.alpaca.markets"));
        assertThatThrownBy(() -> AlpacaConfig.builder(KEY, SECRET).tradingBaseUrl("https://api.alpaca.markets").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("live").hasMessageContaining("LIVE");
        assertThatThrownBy(() -> AlpacaConfig.builder(KEY, SECRET).mode(AlpacaMode.LIVE)
                .tradingBaseUrl("https://paper-api.alpaca.markets").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("credentials are checked before alpaca-java and OkHttp see them, and messages never echo them")
    void credentialsAreCheckedWithoutEchoing() {
        Secret withNewline = new Secret("Zq-very-secret-value-77\n", "env:APCA_API_SECRET_KEY");
        assertThatThrownBy(() -> AlpacaConfig.builder(KEY, withNewline)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretKey").hasMessageContaining("env:APCA_API_SECRET_KEY")
                .hasMessageNotContaining("Zq-very-secret-value-77");
        assertThatThrownBy(() -> AlpacaConfig.builder(new Secret("", "env:X"), SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyId");
        assertThatThrownBy(() -> AlpacaConfig.builder(null, SECRET)).isInstanceOf(IllegalArgumentException.class);
        String shown = AlpacaConfig.builder(KEY, SECRET).build().toString();
        assertThat(shown).doesNotContain("Zq-very-secret-value-77").doesNotContain("PKABCDEF123")
                .contains("env:APCA_API_SECRET_KEY");
    }

    @Test
    @DisplayName("base URLs: https only (http for loopback tests), no path, query or user info")
    void baseUrls() {
        assertThatThrownBy(() -> AlpacaConfig.builder(KEY, SECRET).tradingBaseUrl("http://example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> AlpacaConfig.builder(KEY, SECRET).dataBaseUrl("https://data.alpaca.markets/v2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
        assertThat(AlpacaConfig.builder(KEY, SECRET).tradingBaseUrl("http://127.0.0.1:8080/").build().tradingBaseUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThatThrownBy(() -> AlpacaConfig.builder(KEY, SECRET).feed("IEXX")).hasMessageContaining("feed");
        assertThat(AlpacaConfig.builder(KEY, SECRET).feed("SIP").build().feed()).isEqualTo("sip");
    }

    @Test
    @DisplayName("the 'alpaca' executor provider: secrets as ${ENV} references, paper by default, typed refusals")
    void providerSchema() {
        ExecutorProvider p = provider();
        assertThat(p.parameterSchema().spec("keyId").type()).isEqualTo(ParameterType.SECRET);
        assertThat(p.parameterSchema().spec("secretKey").type()).isEqualTo(ParameterType.SECRET);
        assertThat(p.parameterSchema().spec("mode").defaultValue()).isEqualTo("paper");
        assertThat(p.parameterSchema().spec("requestsPerMinute").defaultValue()).isEqualTo(200L);

        assertThatThrownBy(() -> p.parameterSchema().validate(params("secretKey", "Zq-very-secret-value-77"), ENV::get))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("secretKey")
                .hasMessageNotContaining("Zq-very-secret-value-77");
        assertThatThrownBy(() -> p.parameterSchema().validate(params("mode", "production"), ENV::get))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("mode");

        Parameters liveHostPaperMode = p.parameterSchema().validate(params("tradingBaseUrl", "https://api.alpaca.markets"),
                ENV::get);
        assertThatThrownBy(() -> p.create(liveHostPaperMode, AlpacaMarketDataSourceTest.context(ENV::get)))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("tradingBaseUrl"));
        Parameters plainHttp = p.parameterSchema().validate(params("dataBaseUrl", "http://data.example.com"), ENV::get);
        assertThatThrownBy(() -> p.create(plainHttp, AlpacaMarketDataSourceTest.context(ENV::get)))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("dataBaseUrl"));
        assertThat(liveHostPaperMode.toString()).doesNotContain(FakeAlpaca.SECRET);
    }

    @Test
    @DisplayName("an executor created by the provider trades against the configured base URL")
    void providerCreatesWorkingExecutor() throws Exception {
        try (FakeAlpaca alpaca = new FakeAlpaca()) {
            ExecutorProvider p = provider();
            Parameters params = p.parameterSchema().validate(params("tradingBaseUrl", alpaca.baseUrl(), "dataBaseUrl",
                    alpaca.baseUrl(), "readTimeout", "2s", "requestsPerMinute", 1000L), ENV::get);
            try (Executor e = p.create(params, AlpacaMarketDataSourceTest.context(ENV::get))) {
                assertThat(e.name()).isEqualTo("alpaca");
                AccountSnapshot s = e.snapshot().get(10, TimeUnit.SECONDS);
                assertThat(s.cash()).isEqualByComparingTo("100000");
                assertThat(s.positions()).isEmpty();
            }
        }
    }
}
