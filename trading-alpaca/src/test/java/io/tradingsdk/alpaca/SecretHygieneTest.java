package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingsdk.alpaca.FakeAlpaca.Fault;
import io.tradingsdk.alpaca.FakeAlpaca.FaultKind;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.provider.Secret;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * All log output (slf4j at DEBUG, alpaca-java at TRACE, java.util.logging at ALL) and every exception
 * text of a run — a normal session with faults, and a misconfigured start — contain the secret key
 * zero times.
 */
class SecretHygieneTest {
    private static final String WRONG_SECRET = "wrOng-Secret-1a2b3c4d-NotAccepted";

    @Test
    @DisplayName("neither the secret nor a wrong secret appears anywhere in the logs or exception texts of a run")
    void secretNeverAppears() throws Exception {
        try (LogCapture logs = LogCapture.start(); FakeAlpaca alpaca = new FakeAlpaca()) {
            // A normal session: stream, orders, a fill, a fault, a lookup, a snapshot, bars, the clock.
            try (AlpacaExecutor executor = AlpacaExecutor.open(alpaca.config().build())) {
                EventBook book = new EventBook();
                executor.subscribe(book);
                assertThat(executor.awaitStreamListening(Duration.ofSeconds(5))).isTrue();
                executor.submit(OrderRequest.market("hyg-1", "AAPL", OrderSide.BUY, BigDecimal.ONE, TimeInForce.DAY));
                book.await("hyg-1", OrderEventType.NEW);
                alpaca.trade("AAPL", new BigDecimal("100"));
                book.await("hyg-1", OrderEventType.FILL);
                alpaca.script(new Fault("POST", "/v2/orders", FaultKind.RESET_MID_BODY_AFTER_ACCEPT, 1));
                executor.submit(OrderRequest.market("hyg-2", "AAPL", OrderSide.BUY, BigDecimal.ONE, TimeInForce.DAY));
                book.awaitResolution("hyg-2");
                executor.lookup("hyg-2").get(10, TimeUnit.SECONDS);
                executor.snapshot().get(10, TimeUnit.SECONDS);
                alpaca.dropStreams();
                assertThat(FakeAlpaca.waitFor(() -> alpaca.listeningStreams() > 0, 5000)).isTrue();
                try (AlpacaMarketDataSource bars = new AlpacaMarketDataSource(executor.connection(), Timeframe.DAY_1);
                     AlpacaTradingClock clock = new AlpacaTradingClock(executor.connection())) {
                    bars.history(new BarQuery(Set.of("AAPL"), null, null, null)).forEachRemaining(b -> { });
                    clock.refreshNow();
                }
                logs.add(executor.connection().config().toString());
                logs.add(executor.connection().toString());
                logs.add(executor.connection().health().toString());
            }

            // A misconfigured start: Alpaca refuses the secret everywhere.
            try (AlpacaExecutor wrong = AlpacaExecutor.open(alpaca.config(WRONG_SECRET).build())) {
                EventBook book = new EventBook();
                wrong.subscribe(book);
                wrong.submit(OrderRequest.market("hyg-3", "AAPL", OrderSide.BUY, BigDecimal.ONE, TimeInForce.DAY));
                book.await("hyg-3", OrderEventType.REJECTED);
                try {
                    wrong.snapshot().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    logs.add(e);
                }
                assertThat(FakeAlpaca.waitFor(() -> wrong.connection().haltReason().isPresent(), 5000)).isTrue();
                logs.add(wrong.connection().haltReason().get());
                book.recorder.events().forEach(e -> logs.add(e.toString()));
            }
            // Bad credentials in configuration and in provider parameters.
            try {
                AlpacaConfig.builder(new Secret(FakeAlpaca.KEY_ID, "env:K"), new Secret(FakeAlpaca.SECRET + "\r\n", "env:S"));
            } catch (IllegalArgumentException e) {
                logs.add(e);
            }
            try {
                new AlpacaExecutorProvider().parameterSchema().validate(Map.of("keyId", "${K}", "secretKey", FakeAlpaca.SECRET),
                        Map.of("K", FakeAlpaca.KEY_ID)::get);
            } catch (IllegalArgumentException e) {
                logs.add(e);
            }
            Thread.sleep(200); // late log lines of closing threads

            String all = logs.text();
            assertThat(all).contains("alpaca wire: POST /v2/orders client_order_id=hyg-1");
            assertThat(all).contains("401");
            assertThat(logs.count(FakeAlpaca.SECRET)).as("occurrences of the secret key").isZero();
            assertThat(logs.count(WRONG_SECRET)).as("occurrences of the wrong secret key").isZero();
            assertThat(logs.count(FakeAlpaca.KEY_ID)).as("occurrences of the key id").isZero();
        }
    }

    @Test
    @DisplayName("a base URL that carries the key and secret is refused without repeating either, whatever is wrong with it")
    void baseUrlWithCredentialsIsRefusedWithoutEchoingThem() {
        String credentials = FakeAlpaca.KEY_ID + ":" + FakeAlpaca.SECRET;
        List<String> urls = List.of(
                "https://" + credentials + "@paper-api.alpaca.markets",             // user info
                "http://" + credentials + "@data.example.com",                      // plain http, not loopback
                "ftp://" + credentials + "@paper-api.alpaca.markets",               // not http(s)
                "https://" + credentials + "@paper api.alpaca.markets",             // not a URL at all
                "https://paper-api.alpaca.markets/?apiKey=" + FakeAlpaca.KEY_ID + "&secret=" + FakeAlpaca.SECRET,
                "https://" + credentials + "@paper-api.alpaca.markets/v2");
        List<String> messages = new ArrayList<>();
        for (String url : urls) {
            AlpacaConfig.Builder b = AlpacaConfig.builder(new Secret(FakeAlpaca.KEY_ID, "env:K"),
                    new Secret(FakeAlpaca.SECRET, "env:S"));
            messages.add(assertThrows(IllegalArgumentException.class, () -> b.tradingBaseUrl(url)).getMessage());
            messages.add(assertThrows(IllegalArgumentException.class, () -> b.dataBaseUrl(url)).getMessage());
        }
        // The same through provider parameters, as configuration would give them.
        for (String url : urls) {
            messages.add(assertThrows(IllegalArgumentException.class, () -> AlpacaParameters.config(
                    new AlpacaExecutorProvider().parameterSchema().validate(Map.of("keyId", "${K}", "secretKey", "${S}",
                            "tradingBaseUrl", url), Map.of("K", FakeAlpaca.KEY_ID, "S", FakeAlpaca.SECRET)::get)))
                    .getMessage());
        }

        assertThat(messages).hasSize(3 * urls.size()).allSatisfy(m -> assertThat(m)
                .contains("BaseUrl")
                .doesNotContain(FakeAlpaca.SECRET)
                .doesNotContain(FakeAlpaca.KEY_ID));
    }

    @Test
    @DisplayName("a long bad value is shown cut, with its length")
    void longBadValueIsShownCut() {
        AlpacaConfig.Builder b = AlpacaConfig.builder(new Secret(FakeAlpaca.KEY_ID, "env:K"), new Secret(FakeAlpaca.SECRET, "env:S"));
        String feed = "x".repeat(1 << 20);

        String message = assertThrows(IllegalArgumentException.class, () -> b.feed(feed)).getMessage();

        assertThat(message).contains("(1048576 chars)").hasSizeLessThan(300);
    }
}
