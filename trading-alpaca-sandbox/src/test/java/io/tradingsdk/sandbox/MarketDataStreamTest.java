package io.tradingsdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.core.data.CsvBarSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The market data stream as Alpaca publishes it, spoken by a raw websocket client: connected,
 * auth, subscribe, then the replayed bars in time order with the real file's prices.
 */
class MarketDataStreamTest {
    private final CsvBarSource data = RealData.source();
    private SandboxServer sandbox;
    private final List<WebSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxConfig.builder(data, new BarQuery(Set.of("BTC/USD", "AAPL"),
                        null, Instant.parse("2013-11-25T00:00:00Z"), Instant.parse("2013-12-01T00:00:00Z")))
                .barInterval(Duration.ofMillis(5)).credentials(Rest.KEY, Rest.SECRET).build());
    }

    @AfterEach
    void stop() {
        sockets.forEach(WebSocket::cancel);
        sandbox.close();
    }

    /** Each server message is a JSON array; the queue holds its elements. */
    private BlockingQueue<JsonNode> connect(String url) {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        Rest rest = new Rest(sandbox.dataBaseUrl());
        sockets.add(rest.client().newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket ws, String text) {
                try {
                    Rest.JSON.readTree(text).forEach(messages::add);
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + text, e);
                }
            }

            @Override
            public void onFailure(WebSocket ws, Throwable t, Response response) {
                messages.add(Rest.JSON.createObjectNode().put("T", "failure").put("msg", t.toString()));
            }
        }));
        return messages;
    }

    private static JsonNode next(BlockingQueue<JsonNode> q) throws InterruptedException {
        JsonNode m = q.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message within 10 s").isNotNull();
        return m;
    }

    private Map<Instant, Bar> sourceBars(String symbol) {
        Map<Instant, Bar> out = new HashMap<>();
        try (BarCursor c = data.history(new BarQuery(Set.of(symbol), null, null, null))) {
            while (c.hasNext()) {
                Bar b = c.next();
                out.put(b.start(), b);
            }
        }
        return out;
    }

    @Test
    void anAuthenticatedSubscriberReceivesTheReplayedCryptoBarsInOrder() throws Exception {
        BlockingQueue<JsonNode> q = connect(sandbox.cryptoDataStreamUrl().toString());
        WebSocket ws = sockets.get(0);
        assertThat(next(q).get("msg").asText()).isEqualTo("connected");

        ws.send("{\"action\":\"subscribe\",\"bars\":[\"BTC/USD\"]}");
        JsonNode refused = next(q);
        assertThat(refused.get("T").asText()).isEqualTo("error");
        assertThat(refused.get("code").asInt()).as("not authenticated").isEqualTo(401);

        ws.send("{\"action\":\"auth\",\"key\":\"" + Rest.KEY + "\",\"secret\":\"" + Rest.SECRET + "\"}");
        assertThat(next(q).get("msg").asText()).isEqualTo("authenticated");
        ws.send("{\"action\":\"subscribe\",\"bars\":[\"BTC/USD\"]}");
        JsonNode subscription = next(q);
        assertThat(subscription.get("T").asText()).isEqualTo("subscription");
        assertThat(subscription.get("bars")).extracting(JsonNode::asText).containsExactly("BTC/USD");

        Map<Instant, Bar> source = sourceBars("BTC/USD");
        Instant previous = Instant.MIN;
        for (int i = 0; i < 20; i++) {
            JsonNode bar = next(q);
            assertThat(bar.get("T").asText()).isEqualTo("b");
            assertThat(bar.get("S").asText()).as("only the subscribed symbol").isEqualTo("BTC/USD");
            Instant t = Instant.parse(bar.get("t").asText());
            assertThat(t).as("bars arrive in time order").isAfter(previous);
            previous = t;
            Bar expected = source.get(t);
            assertThat(expected).as("a bar of the real file at " + t).isNotNull();
            assertThat(bar.get("o").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(expected.open()));
            assertThat(bar.get("h").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(expected.high()));
            assertThat(bar.get("l").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(expected.low()));
            assertThat(bar.get("c").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(expected.close()));
            assertThat(bar.get("v").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(expected.volume()));
        }
    }

    @Test
    void wrongKeysAreRefusedWith402AndStockFeedsCarryOnlyStocks() throws Exception {
        BlockingQueue<JsonNode> bad = connect(sandbox.stockDataStreamUrl("iex").toString());
        assertThat(next(bad).get("msg").asText()).isEqualTo("connected");
        sockets.get(0).send("{\"action\":\"auth\",\"key\":\"" + Rest.KEY + "\",\"secret\":\"wrong\"}");
        JsonNode failed = next(bad);
        assertThat(failed.get("code").asInt()).isEqualTo(402);

        BlockingQueue<JsonNode> q = connect(sandbox.stockDataStreamUrl("sip").toString());
        WebSocket ws = sockets.get(1);
        assertThat(next(q).get("msg").asText()).isEqualTo("connected");
        ws.send("{\"action\":\"auth\",\"key\":\"" + Rest.KEY + "\",\"secret\":\"" + Rest.SECRET + "\"}");
        assertThat(next(q).get("msg").asText()).isEqualTo("authenticated");
        ws.send("{\"action\":\"subscribe\",\"bars\":[\"*\"]}");
        assertThat(next(q).get("T").asText()).isEqualTo("subscription");
        JsonNode bar = next(q);
        assertThat(bar.get("T").asText()).isEqualTo("b");
        assertThat(bar.get("S").asText()).as("the stock feed has no crypto").isEqualTo("AAPL");
    }

    @Test
    void droppedConnectionsEndWithoutACloseFrameAndTheSameKeysMayConnectAgainAtOnce() throws Exception {
        BlockingQueue<JsonNode> first = connect(sandbox.cryptoDataStreamUrl().toString());
        assertThat(next(first).get("msg").asText()).isEqualTo("connected");
        sockets.get(0).send("{\"action\":\"auth\",\"key\":\"" + Rest.KEY + "\",\"secret\":\"" + Rest.SECRET + "\"}");
        assertThat(next(first).get("msg").asText()).isEqualTo("authenticated");

        assertThat(sandbox.dropMarketDataConnections()).as("authenticated connections dropped").isEqualTo(1);
        // The client sees the socket fail (onFailure), not a close frame (onClosing).
        JsonNode end;
        do {
            end = next(first);
        } while (!end.get("T").asText().equals("failure"));

        BlockingQueue<JsonNode> second = connect(sandbox.cryptoDataStreamUrl().toString());
        assertThat(next(second).get("msg").asText()).isEqualTo("connected");
        sockets.get(1).send("{\"action\":\"auth\",\"key\":\"" + Rest.KEY + "\",\"secret\":\"" + Rest.SECRET + "\"}");
        assertThat(next(second).get("msg").asText()).as("not refused as a second connection (406)")
                .isEqualTo("authenticated");
        assertThat(sandbox.dropMarketDataConnections()).isEqualTo(1);
        assertThat(sandbox.dropMarketDataConnections()).as("nothing left to drop").isZero();
    }
}
