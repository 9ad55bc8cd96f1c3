package io.tradingsdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.Timeframe;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How orders meet bars, with bars the test pushes (known open, high, low, close), seen through the
 * REST API and a raw trade_updates client: limit prices, DAY expiry, IOC, money checks, cancel and
 * replace, and the stream's binary frames.
 */
class BrokerRulesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final PushedBars bars = new PushedBars();
    private SandboxServer sandbox;
    private Rest rest;
    private Instant nextStart = Instant.parse("2024-03-04T14:30:00Z");
    private WebSocket socket;

    @BeforeEach
    void start() {
        push("AAPL", 100, 100, 100, 100);
        push("BTC/USD", 60000, 60000, 60000, 60000);
        sandbox = SandboxServer.start(SandboxConfig.builder(bars, new BarQuery(Set.of("AAPL", "BTC/USD"), null, null, null))
                .barInterval(Duration.ofMillis(1)).initialCash(new BigDecimal("10000")).build());
        rest = new Rest(sandbox.tradingBaseUrl());
        assertThat(Waits.until(() -> sandbox.barsReplayed() >= 2, WAIT)).isTrue();
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.cancel();
        }
        sandbox.close();
    }

    private void push(String symbol, double o, double h, double l, double c) {
        bars.push(new Bar(symbol, nextStart, Timeframe.MINUTE_1, o, h, l, c, 1_000_000));
        nextStart = nextStart.plusSeconds(60);
    }

    /** Pushes a bar and waits until the broker has it. */
    private void trade(String symbol, double o, double h, double l, double c) {
        long before = sandbox.barsReplayed();
        push(symbol, o, h, l, c);
        assertThat(Waits.until(() -> sandbox.barsReplayed() > before, WAIT)).isTrue();
    }

    private String submit(String json) {
        Rest.Answer a = rest.post("/v2/orders", json);
        assertThat(a.status()).as("accepted: " + a.body()).isEqualTo(200);
        String id = a.body().get("id").asText();
        assertThat(Waits.until(() -> !status(id).equals("accepted"), WAIT)).as("acknowledged").isTrue();
        return id;
    }

    private String status(String id) {
        return rest.get("/v2/orders/" + id).body().get("status").asText();
    }

    private JsonNode order(String id) {
        return rest.get("/v2/orders/" + id).body();
    }

    @Test
    void aBuyLimitFillsAtItsLimitWhenTheLowReachesItAndAtTheOpenWhenTheBarOpensBelow() {
        String atLimit = submit("{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"limit\",\"limit_price\":\"95\","
                + "\"time_in_force\":\"gtc\"}");
        trade("AAPL", 100, 101, 96, 97); // does not reach 95
        assertThat(status(atLimit)).isEqualTo("new");
        trade("AAPL", 97, 98, 94, 96);
        assertThat(order(atLimit).get("filled_avg_price").asText()).isEqualTo("95");

        String atOpen = submit("{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"limit\",\"limit_price\":\"95\","
                + "\"time_in_force\":\"gtc\"}");
        trade("AAPL", 90, 92, 89, 91);
        assertThat(order(atOpen).get("status").asText()).isEqualTo("filled");
        assertThat(order(atOpen).get("filled_avg_price").asText()).isEqualTo("90");
        JsonNode account = rest.get("/v2/account").body();
        assertThat(account.get("cash").asText()).isEqualTo("9630"); // 10000 - 2*95 - 2*90
    }

    @Test
    void aDayOrderExpiresAtTheFirstBarOfALaterDayAndAnIocOrderGetsOneBar() {
        String day = submit("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\",\"limit_price\":\"50\","
                + "\"time_in_force\":\"day\"}");
        String ioc = submit("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\",\"limit_price\":\"50\","
                + "\"time_in_force\":\"ioc\"}");
        trade("AAPL", 100, 100, 99, 100);
        assertThat(status(ioc)).isEqualTo("canceled");
        assertThat(status(day)).as("still its day").isEqualTo("new");
        nextStart = nextStart.plus(Duration.ofDays(1));
        trade("AAPL", 100, 100, 99, 100);
        assertThat(status(day)).isEqualTo("expired");
        assertThat(order(day).get("expired_at").isTextual()).isTrue();
    }

    private String buyingPower() {
        return rest.get("/v2/account").body().get("buying_power").asText();
    }

    @Test
    void onlyOpenOrdersReserveBuyingPowerWhicheverWayAnOrderLeaves() {
        String canceled = submit("{\"symbol\":\"AAPL\",\"qty\":\"50\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":\"100\",\"time_in_force\":\"gtc\"}");
        assertThat(buyingPower()).as("an open buy reserves its cost").isEqualTo("5000");
        assertThat(rest.delete("/v2/orders/" + canceled).status()).isEqualTo(204);
        assertThat(buyingPower()).as("canceled").isEqualTo("10000");

        String replaced = submit("{\"symbol\":\"AAPL\",\"qty\":\"40\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":\"100\",\"time_in_force\":\"gtc\"}");
        Rest.Answer replacement = rest.patch("/v2/orders/" + replaced, "{\"qty\":\"30\"}");
        assertThat(replacement.status()).isEqualTo(200);
        assertThat(status(replaced)).isEqualTo("replaced");
        assertThat(buyingPower()).as("the replacement reserves, the replaced order no longer").isEqualTo("7000");

        trade("AAPL", 100, 100, 100, 100);
        assertThat(status(replacement.body().get("id").asText())).isEqualTo("filled");
        assertThat(rest.get("/v2/account").body().get("cash").asText()).isEqualTo("7000");
        assertThat(buyingPower()).as("filled: the cash is spent, nothing stays reserved").isEqualTo("7000");

        String day = submit("{\"symbol\":\"AAPL\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":\"50\",\"time_in_force\":\"day\"}");
        trade("AAPL", 100, 100, 99, 100);
        assertThat(buyingPower()).isEqualTo("6500");
        nextStart = nextStart.plus(Duration.ofDays(1));
        trade("AAPL", 100, 100, 99, 100);
        assertThat(status(day)).isEqualTo("expired");
        assertThat(buyingPower()).as("expired").isEqualTo("7000");
        assertThat(rest.get("/v2/orders?status=all").body()).as("the history keeps every order").hasSize(4);
    }

    @Test
    void moneyAndHoldingsAreCheckedAsAlpacaDoes() {
        Rest.Answer tooBig = rest.post("/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"101\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\"}");
        assertThat(tooBig.status()).isEqualTo(403);
        assertThat(tooBig.body().get("message").asText()).contains("insufficient buying power");
        Rest.Answer noCoins = rest.post("/v2/orders", "{\"symbol\":\"BTC/USD\",\"qty\":\"0.01\",\"side\":\"sell\",\"type\":\"market\","
                + "\"time_in_force\":\"gtc\"}");
        assertThat(noCoins.status()).as("crypto cannot be sold short").isEqualTo(403);
        assertThat(noCoins.body().get("message").asText()).contains("insufficient balance for BTC");
        Rest.Answer subPenny = rest.post("/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":\"10.001\",\"time_in_force\":\"day\"}");
        assertThat(subPenny.status()).isEqualTo(422);
        Rest.Answer unknown = rest.post("/v2/orders", "{\"symbol\":\"MSFT\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\"}");
        assertThat(unknown.status()).isEqualTo(422);
        Rest.Answer fits = rest.post("/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"99\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\"}");
        assertThat(fits.status()).as("control: an order the cash covers").isEqualTo(200);
        assertThat(rest.get("/v2/orders?status=all").body()).hasSize(1);
    }

    @Test
    void theTradeStreamSpeaksInBinaryFramesAndReportsCancelAndReplace() throws Exception {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        BlockingQueue<String> textFrames = new LinkedBlockingQueue<>();
        socket = rest.client().newWebSocket(new Request.Builder().url(sandbox.tradeStreamUrl().toString()).build(),
                new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket ws, ByteString bytes) {
                        try {
                            frames.add(Rest.JSON.readTree(bytes.utf8()));
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }

                    @Override
                    public void onMessage(WebSocket ws, String text) {
                        textFrames.add(text);
                    }
                });
        socket.send("{\"action\":\"auth\",\"key\":\"k\",\"secret\":\"s\"}");
        JsonNode auth = frames.poll(5, TimeUnit.SECONDS);
        assertThat(auth.get("data").get("status").asText()).isEqualTo("authorized");
        socket.send("{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}");
        assertThat(frames.poll(5, TimeUnit.SECONDS).get("stream").asText()).isEqualTo("listening");

        String first = submit("{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"buy\",\"type\":\"limit\",\"limit_price\":\"50\","
                + "\"time_in_force\":\"gtc\",\"client_order_id\":\"first\"}");
        Rest.Answer replaced = new Rest(sandbox.tradingBaseUrl()).patch("/v2/orders/" + first,
                "{\"qty\":\"4\",\"limit_price\":\"60\",\"client_order_id\":\"second\"}");
        assertThat(replaced.status()).isEqualTo(200);
        String second = replaced.body().get("id").asText();
        assertThat(replaced.body().get("replaces").asText()).isEqualTo(first);
        assertThat(Waits.until(() -> status(second).equals("new"), WAIT)).isTrue();
        assertThat(status(first)).isEqualTo("replaced");
        assertThat(rest.delete("/v2/orders/" + second).status()).isEqualTo(204);
        assertThat(rest.delete("/v2/orders/" + second).status()).as("a canceled order cannot be canceled").isEqualTo(422);
        String market = submit("{\"symbol\":\"AAPL\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\","
                + "\"client_order_id\":\"third\"}");
        trade("AAPL", 101, 102, 100, 101);

        StringBuilder seen = new StringBuilder();
        JsonNode fill = null;
        while (fill == null) {
            JsonNode f = frames.poll(5, TimeUnit.SECONDS);
            assertThat(f).as("events so far: " + seen).isNotNull();
            JsonNode data = f.get("data");
            seen.append(data.get("order").get("client_order_id").asText()).append(':').append(data.get("event").asText()).append(' ');
            if (data.get("event").asText().equals("fill")) {
                fill = data;
            }
        }
        assertThat(seen.toString().trim()).isEqualTo(
                "first:new first:replaced second:new second:pending_cancel second:canceled third:new third:fill");
        assertThat(fill.get("order").get("id").asText()).isEqualTo(market);
        assertThat(fill.get("price").asText()).isEqualTo("101");
        assertThat(fill.get("qty").asText()).isEqualTo("2");
        assertThat(fill.get("position_qty").asText()).isEqualTo("2");
        String executionId = fill.get("execution_id").asText();
        assertThat(executionId).matches("[0-9a-f-]{36}");
        JsonNode activity = rest.get("/v2/account/activities/FILL").body().get(0);
        assertThat(activity.get("id").asText()).as("the activity id carries the execution id").endsWith("::" + executionId);
        assertThat(activity.get("order_id").asText()).isEqualTo(market);
        assertThat(textFrames).as("Alpaca's trading stream sends binary frames").isEmpty();
    }
}
