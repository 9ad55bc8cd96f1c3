package io.tradingsdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.api.market.BarQuery;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

/** The server's life and limits: ports, close, bounded input, the assets list. */
class SandboxServerTest {

    private SandboxConfig.Builder config() {
        return SandboxConfig.builder(RealData.source(), new BarQuery(Set.of("AAPL", "BTC/USD"), null,
                Instant.parse("2013-11-25T00:00:00Z"), null)).barInterval(Duration.ofMillis(50));
    }

    @Test
    void aTakenPortIsReportedAndCloseReleasesIt() {
        SandboxServer first = SandboxServer.start(config().build());
        int port = first.port();
        assertThatThrownBy(() -> SandboxServer.start(config().port(port).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.0.1:" + port);
        assertThat(new Rest(first.tradingBaseUrl()).get("/v2/clock").status()).isEqualTo(200);

        first.close();
        assertThatThrownBy(() -> new Rest(first.tradingBaseUrl()).get("/v2/clock")).isInstanceOf(UncheckedIOException.class);
        try (SandboxServer again = SandboxServer.start(config().port(port).build())) {
            assertThat(again.port()).as("the port is free again").isEqualTo(port);
        }
    }

    @Test
    void aQueryWithoutBarsIsRefusedByName() {
        assertThatThrownBy(() -> SandboxServer.start(SandboxConfig.builder(RealData.source(), new BarQuery(Set.of("AAPL"),
                null, Instant.parse("2030-01-01T00:00:00Z"), null)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no bars");
    }

    @Test
    void oversizedInputIsRefusedBeforeItIsParsed() throws Exception {
        try (SandboxServer s = SandboxServer.start(config().build())) {
            Rest rest = new Rest(s.tradingBaseUrl());
            String huge = "{\"symbol\":\"" + "A".repeat(100_000) + "\"}";
            assertThat(rest.post("/v2/orders", huge).status()).isEqualTo(413);
            assertThat(rest.get("/v2/orders?status=all").body()).isEmpty();

            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = rest.client().newWebSocket(new Request.Builder().url(s.tradeStreamUrl().toString()).build(),
                    new WebSocketListener() {
                        @Override
                        public void onClosing(WebSocket w, int code, String reason) {
                            closed.complete(code);
                        }

                        @Override
                        public void onFailure(WebSocket w, Throwable t, Response response) {
                            closed.complete(-1);
                        }
                    });
            ws.send("{\"action\":\"auth\",\"key\":\"" + "k".repeat(100_000) + "\",\"secret\":\"s\"}");
            assertThat(closed.get(5, TimeUnit.SECONDS)).as("1009: message too big").isEqualTo(1009);
        }
    }

    @Test
    void theAssetsAreTheReplayedSymbols() {
        try (SandboxServer s = SandboxServer.start(config().build())) {
            Rest rest = new Rest(s.tradingBaseUrl());
            JsonNode assets = rest.get("/v2/assets").body();
            assertThat(assets).extracting(a -> a.get("symbol").asText()).containsExactly("AAPL", "BTC/USD");
            JsonNode btc = rest.get("/v2/assets/BTCUSD").body();
            assertThat(btc.get("class").asText()).isEqualTo("crypto");
            assertThat(btc.get("symbol").asText()).isEqualTo("BTC/USD");
            assertThat(rest.get("/v2/assets?asset_class=us_equity").body()).hasSize(1);
            assertThat(rest.get("/v2/assets/MSFT").status()).isEqualTo(404);
        }
    }
}
