package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The crash test's server answers {@code GET /v2/account/activities/FILL} as Alpaca's published
 * contract describes it, from the same executions its trade updates report, and its market fills
 * orders in parts.
 */
class CrashAlpacaServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private CrashAlpacaServer server;

    @BeforeEach
    void start() {
        server = new CrashAlpacaServer(1, false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (auth) {
            b.header("APCA-API-KEY-ID", FakeAlpaca.KEY_ID).header("APCA-API-SECRET-KEY", FakeAlpaca.SECRET);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private String buy(String clientOrderId, String symbol, int qty) throws Exception {
        String body = "{\"symbol\":\"" + symbol + "\",\"qty\":\"" + qty + "\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\",\"client_order_id\":\"" + clientOrderId + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/orders"))
                .header("APCA-API-KEY-ID", FakeAlpaca.KEY_ID).header("APCA-API-SECRET-KEY", FakeAlpaca.SECRET)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private void awaitFilled(int orders) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode state = server.state();
            int filled = 0;
            for (JsonNode o : state.path("orders")) {
                filled += o.path("status").asText().equals("filled") ? 1 : 0;
            }
            if (filled == orders) {
                return;
            }
            assertThat(System.nanoTime()).as("orders filled in time").isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static int parts(int shares) {
        return (shares + CrashAlpacaServer.PART - 1) / CrashAlpacaServer.PART;
    }

    @Test
    @DisplayName("FILL activities: one per execution, ids <time>::<execution id>, order_id, cum_qty and leaves_qty, paged by page_token")
    void fillActivitiesFollowTheContract() throws Exception {
        String aapl = buy("t:1", "AAPL", 5);
        String msft = buy("t:2", "MSFT", 3);
        awaitFilled(2);

        List<JsonNode> asc = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = getJson("/v2/account/activities/FILL?direction=asc&page_size=2"
                    + (token == null ? "" : "&page_token=" + token));
            assertThat(page.size()).isLessThanOrEqualTo(2);
            page.forEach(asc::add);
            token = page.size() == 0 ? null : page.get(page.size() - 1).path("id").asText();
            pages++;
        } while (token != null && pages < 10);

        JsonNode state = server.state();
        assertThat(asc).hasSize(state.path("executions").size());
        assertThat(asc).hasSize(parts(5) + parts(3)); // at most PART shares of an order per tick
        Map<String, BigDecimal> cum = new HashMap<>();
        for (JsonNode a : asc) {
            assertThat(a.path("activity_type").asText()).isEqualTo("FILL");
            assertThat(a.path("id").asText()).matches("\\d{17}::.+");
            assertThat(a.has("_execution_id")).as("test-only fields stay out of Alpaca's answer").isFalse();
            String order = a.path("order_id").asText();
            assertThat(order).isIn(aapl, msft);
            BigDecimal total = new BigDecimal(order.equals(aapl) ? "5" : "3");
            BigDecimal c = cum.merge(order, new BigDecimal(a.path("qty").asText()), BigDecimal::add);
            assertThat(new BigDecimal(a.path("cum_qty").asText())).isEqualByComparingTo(c);
            assertThat(new BigDecimal(a.path("leaves_qty").asText())).isEqualByComparingTo(total.subtract(c));
            assertThat(a.path("type").asText()).isEqualTo(c.compareTo(total) == 0 ? "fill" : "partial_fill");
            assertThat(a.path("side").asText()).isEqualTo("buy");
            assertThat(a.path("symbol").asText()).isEqualTo(order.equals(aapl) ? "AAPL" : "MSFT");
        }
        assertThat(cum.get(aapl)).isEqualByComparingTo("5");
        assertThat(cum.get(msft)).isEqualByComparingTo("3");

        // Default: newest first; filters by order and time.
        JsonNode desc = getJson("/v2/account/activities/FILL");
        assertThat(desc.get(0).path("id").asText()).isEqualTo(asc.get(asc.size() - 1).path("id").asText());
        assertThat(getJson("/v2/account/activities/FILL?order_id=" + msft)).hasSize(parts(3));
        String lastTime = asc.get(asc.size() - 1).path("transaction_time").asText();
        assertThat(getJson("/v2/account/activities/FILL?after=" + lastTime)).as("after is exclusive").isEmpty();
        assertThat(getJson("/v2/account/activities/FILL?until=" + asc.get(0).path("transaction_time").asText())).isEmpty();
        assertThat(getJson("/v2/account/activities/DIV")).isEmpty();

        assertThat(get("/v2/account/activities/FILL?page_size=101", true).statusCode()).isEqualTo(422);
        assertThat(get("/v2/account/activities/FILL", false).statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("the test state reports orders, POSTs per client order id, positions and cash consistent with the executions")
    void stateAgreesWithExecutions() throws Exception {
        buy("t:1", "SPY", 4);
        awaitFilled(1);
        JsonNode state = server.state();
        assertThat(state.path("orderPosts").path("t:1").asInt()).isEqualTo(1);
        assertThat(state.path("positions").path("SPY").asText()).isEqualTo("4");
        BigDecimal spent = BigDecimal.ZERO;
        for (JsonNode e : state.path("executions")) {
            spent = spent.add(new BigDecimal(e.path("qty").asText()).multiply(new BigDecimal(e.path("price").asText())));
        }
        assertThat(new BigDecimal(state.path("cash").asText())).isEqualByComparingTo(new BigDecimal("10000000").subtract(spent));
    }
}
