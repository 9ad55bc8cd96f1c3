package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.Parameters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The 'alpaca' market data provider configures live bars from its parameters and refuses bad ones by name. */
class AlpacaLiveProviderTest {
    private static final Map<String, String> ENV = Map.of("APCA_API_KEY_ID", FakeAlpacaMarketStream.KEY_ID,
            "APCA_API_SECRET_KEY", FakeAlpacaMarketStream.SECRET);

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("keyId", "${APCA_API_KEY_ID}");
        m.put("secretKey", "${APCA_API_SECRET_KEY}");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static MarketDataSource create(MarketDataSourceProvider p, Map<String, Object> raw) {
        Parameters params = p.parameterSchema().validate(raw, ENV::get);
        return p.create(params, AlpacaMarketDataSourceTest.context(ENV::get));
    }

    @Test
    @DisplayName("a source from the provider streams live bars from the configured stream host and feed")
    void liveFromProvider() throws Exception {
        try (FakeAlpacaMarketStream fake = new FakeAlpacaMarketStream()) {
            AlpacaMarketDataSourceProvider p = new AlpacaMarketDataSourceProvider();
            try (MarketDataSource source = create(p, params("dataBaseUrl", fake.baseUrl(), "streamBaseUrl", fake.baseUrl(),
                    "streamFeed", "delayed_sip", "silenceTimeout", "30s"))) {
                RecordingMarketDataListener l = new RecordingMarketDataListener();
                try (AutoCloseable sub = source.subscribe(Set.of("SPY"), Timeframe.MINUTE_1, l)) {
                    // The provider's source runs on the system clock: a bar of the current minute is live.
                    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
                    Bar bar = new Bar("SPY", minute, Timeframe.MINUTE_1, 500, 501, 499, 500.5, 1000);
                    fake.publish(bar);
                    l.awaitBar(bar);
                }
            }
            assertThat(fake.connections()).containsOnlyKeys("v2/delayed_sip");
        }
    }

    @Test
    @DisplayName("an unknown stream feed or a plain-http stream host is refused, naming the parameter")
    void refusals() {
        AlpacaMarketDataSourceProvider p = new AlpacaMarketDataSourceProvider();
        assertThatThrownBy(() -> create(p, params("streamFeed", "sipp")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("streamFeed");
        assertThatThrownBy(() -> create(p, params("streamBaseUrl", "http://stream.example.com")))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("streamBaseUrl"))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> create(p, params("silenceTimeout", "10ms")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("silenceTimeout");
    }
}
