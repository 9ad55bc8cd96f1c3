package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The OkHttp behaviour the connection's client is built to stop, and the proof that it does: alpaca-java
 * uses exactly this client, so its requests are governed too.
 */
class OkHttpResendTest {
    private static final String ORDER = "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
            + "\"time_in_force\":\"day\",\"client_order_id\":\"resend-";

    private FakeAlpaca alpaca;

    @BeforeEach
    void start() {
        alpaca = new FakeAlpaca();
    }

    @AfterEach
    void stop() {
        alpaca.close();
    }

    private Request post(String id) {
        return new Request.Builder().url(alpaca.baseUrl() + "/v2/orders")
                .header("APCA-API-KEY-ID", FakeAlpaca.KEY_ID).header("APCA-API-SECRET-KEY", FakeAlpaca.SECRET)
                .post(RequestBody.create(ORDER + id + "\"}", MediaType.get("application/json"))).build();
    }

    @Test
    @DisplayName("plain OkHttp 4 re-sends a POST on 503 Retry-After: 0 even with retryOnConnectionFailure(false)")
    void plainOkHttpResendsPost() throws IOException {
        alpaca.script(new Fault("POST", "/v2/orders", FaultKind.STATUS, 1).status(503, "busy", false)
                .header("Retry-After", "0"));
        OkHttpClient plain = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        try (Response r = plain.newCall(post("plain")).execute()) {
            assertThat(r.code()).isEqualTo(200); // the silent second POST went through
        }
        assertThat(alpaca.orderPosts("resend-plain")).isEqualTo(2);
        plain.dispatcher().executorService().shutdown();
    }

    @Test
    @DisplayName("the connection's client sends the POST once and hands the 503 back; alpaca-java runs on that very client")
    void connectionClientSendsOnce() throws IOException {
        try (AlpacaConnection c = AlpacaConnection.open(alpaca.config().build())) {
            assertThat(c.api().getOkHttpClient()).isSameAs(c.http());
            assertThat(c.http().retryOnConnectionFailure()).isFalse();
            assertThat(c.http().followRedirects()).isFalse();
            alpaca.script(new Fault("POST", "/v2/orders", FaultKind.STATUS, 1).status(503, "busy", false)
                    .header("Retry-After", "0"));
            Request canonical = post("ours").newBuilder().url("https://paper-api.alpaca.markets/v2/orders").build();
            try (Response r = c.http().newCall(canonical).execute()) {
                assertThat(r.code()).isEqualTo(503);
            }
            assertThat(alpaca.orderPosts("resend-ours")).isEqualTo(1);
        }
    }
}
