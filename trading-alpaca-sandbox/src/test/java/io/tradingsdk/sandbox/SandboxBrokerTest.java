package io.tradingsdk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.alpaca.AlpacaConfig;
import io.tradingsdk.alpaca.AlpacaExecutor;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.core.data.CsvBarSource;
import io.tradingsdk.tck.RecordingOrderEventListener;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox as a broker, through real sockets: Alpaca's adapter trades against it, and raw HTTP
 * calls check the published contract (status codes, string decimals, crypto symbols, FILL activities).
 */
class SandboxBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final BigDecimal CASH = new BigDecimal("100000");

    private final CsvBarSource data = RealData.source();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private SandboxServer start(String symbol, Instant from, Duration interval, BigDecimal volumeShare) {
        SandboxConfig.Builder b = SandboxConfig.builder(data, new BarQuery(Set.of(symbol), null, from, null))
                .barInterval(interval).initialCash(CASH).credentials(Rest.KEY, Rest.SECRET);
        if (volumeShare != null) {
            b.volumeShare(volumeShare);
        }
        SandboxServer s = SandboxServer.start(b.build());
        open.add(s);
        assertThat(Waits.until(() -> s.barsReplayed() >= 1, WAIT)).as("the first bar is replayed").isTrue();
        return s;
    }

    private SandboxServer startAapl() {
        return start("AAPL", null, Duration.ofMillis(40), null);
    }

    private SandboxServer startBtc() {
        return start("BTC/USD", null, Duration.ofMillis(20), null);
    }

    private AlpacaExecutor executor(SandboxServer s, RecordingOrderEventListener events) throws Exception {
        AlpacaConfig config = AlpacaConfig.builder(new Secret(Rest.KEY, "test:key"), new Secret(Rest.SECRET, "test:secret"))
                .tradingBaseUrl(s.tradingBaseUrl().toString())
                .dataBaseUrl(s.dataBaseUrl().toString())
                .build();
        AlpacaExecutor e = AlpacaExecutor.open(config);
        open.add(e);
        open.add(e.subscribe(events));
        assertThat(e.awaitStreamListening(WAIT)).as("the trade update stream comes up").isTrue();
        return e;
    }

    /** The bars of the real file: what a fill price must come from. */
    private List<Bar> sourceBars(String symbol, Instant from) {
        List<Bar> out = new ArrayList<>();
        try (BarCursor c = data.history(new BarQuery(Set.of(symbol), null, from, null))) {
            while (c.hasNext()) {
                out.add(c.next());
            }
        }
        return out;
    }

    @Test
    void aMarketBuyFillsAtTheOpenOfAReplayedBarAndCashAndPositionAgree() throws Exception {
        SandboxServer s = startAapl();
        RecordingOrderEventListener events = new RecordingOrderEventListener();
        AlpacaExecutor executor = executor(s, events);
        Instant submittedAt = s.marketTime();

        executor.submit(OrderRequest.market("buy-aapl-1", "AAPL", OrderSide.BUY, BigDecimal.TEN, TimeInForce.DAY));

        OrderEvent fill = events.await(e -> e.clientOrderId().equals("buy-aapl-1") && e.type() == OrderEventType.FILL, WAIT)
                .orElseThrow(() -> new AssertionError("no fill; events: " + events.events()));
        BigDecimal price = fill.averageFillPrice();
        // Market orders fill at the open of a bar replayed after the order arrived, a price of the real file.
        assertThat(sourceBars("AAPL", submittedAt).stream().limit(5).map(b -> BigDecimal.valueOf(b.open())))
                .as("opens of the next AAPL bars").anySatisfy(open -> assertThat(open).isEqualByComparingTo(price));
        assertThat(fill.filledQuantity()).isEqualByComparingTo("10");

        BigDecimal expectedCash = CASH.subtract(price.multiply(BigDecimal.TEN));
        AccountSnapshot snapshot = executor.snapshot().get(10, TimeUnit.SECONDS);
        assertThat(snapshot.cash()).isEqualByComparingTo(expectedCash);
        assertThat(snapshot.positions()).extracting(Position::symbol).containsExactly("AAPL");
        assertThat(snapshot.positions().get(0).quantity()).isEqualByComparingTo("10");

        Rest rest = new Rest(s.tradingBaseUrl());
        JsonNode account = rest.get("/v2/account").body();
        assertThat(account.get("cash").isTextual()).as("money is a string, as Alpaca sends it").isTrue();
        assertThat(new BigDecimal(account.get("cash").asText())).isEqualByComparingTo(expectedCash);
        JsonNode position = rest.get("/v2/positions").body().get(0);
        assertThat(position.get("symbol").asText()).isEqualTo("AAPL");
        assertThat(position.get("asset_class").asText()).isEqualTo("us_equity");
        assertThat(position.get("qty").asText()).isEqualTo("10");
        assertThat(new BigDecimal(position.get("avg_entry_price").asText())).isEqualByComparingTo(price);
        JsonNode order = rest.get("/v2/orders:by_client_order_id?client_order_id=buy-aapl-1").body();
        assertThat(order.get("status").asText()).isEqualTo("filled");
        assertThat(order.get("filled_qty").asText()).isEqualTo("10");
    }

    @Test
    void aDuplicateClientOrderIdIsRefusedWith422AndCreatesNoSecondOrder() {
        SandboxServer s = startAapl();
        Rest rest = new Rest(s.tradingBaseUrl());
        String body = "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\",\"limit_price\":\"1.00\","
                + "\"time_in_force\":\"gtc\",\"client_order_id\":\"%s\"}";

        Rest.Answer first = rest.post("/v2/orders", body.formatted("dup-1"));
        Rest.Answer second = rest.post("/v2/orders", body.formatted("dup-1"));
        Rest.Answer other = rest.post("/v2/orders", body.formatted("dup-2"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.body().get("message").asText()).contains("client_order_id must be unique");
        assertThat(other.status()).as("control: another id is accepted").isEqualTo(200);
        JsonNode all = rest.get("/v2/orders?status=all").body();
        assertThat(all).extracting(o -> o.get("client_order_id").asText()).containsExactlyInAnyOrder("dup-1", "dup-2");
    }

    @Test
    void aCryptoDayOrderIsRefusedWith422WhileGtcIsAccepted() {
        SandboxServer s = startBtc();
        Rest rest = new Rest(s.tradingBaseUrl());
        String body = "{\"symbol\":\"BTC/USD\",\"qty\":\"0.01\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"%s\","
                + "\"client_order_id\":\"%s\"}";

        Rest.Answer day = rest.post("/v2/orders", body.formatted("day", "btc-day"));
        Rest.Answer gtc = rest.post("/v2/orders", body.formatted("gtc", "btc-gtc"));

        assertThat(day.status()).isEqualTo(422);
        assertThat(day.body().get("code").asInt()).isEqualTo(42210000);
        assertThat(day.body().get("message").asText()).contains("invalid crypto time_in_force");
        assertThat(gtc.status()).as("control: gtc is a valid crypto time in force").isEqualTo(200);
        assertThat(rest.get("/v2/orders:by_client_order_id?client_order_id=btc-day").status()).isEqualTo(404);
    }

    @Test
    void aFractionalEquityOrderMustBeADayOrder() {
        SandboxServer s = startAapl();
        Rest rest = new Rest(s.tradingBaseUrl());
        Rest.Answer gtc = rest.post("/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"0.5\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"gtc\"}");
        Rest.Answer numberQty = rest.post("/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":1,\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\"}");
        Rest.Answer day = rest.post("/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"0.5\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\"}");

        assertThat(gtc.status()).isEqualTo(422);
        assertThat(gtc.body().get("message").asText()).contains("fractional orders must be DAY orders");
        assertThat(numberQty.status()).as("qty is a string in Alpaca's API").isEqualTo(422);
        assertThat(day.status()).as("control").isEqualTo(200);
    }

    @Test
    void aCryptoBuyIsHeldAsBtcusdWithAssetClassCrypto() throws Exception {
        SandboxServer s = startBtc();
        RecordingOrderEventListener events = new RecordingOrderEventListener();
        AlpacaExecutor executor = executor(s, events);

        executor.submit(OrderRequest.market("buy-btc-1", "BTC/USD", OrderSide.BUY, new BigDecimal("0.5"), TimeInForce.GTC));

        OrderEvent fill = events.await(e -> e.clientOrderId().equals("buy-btc-1") && e.type() == OrderEventType.FILL, WAIT)
                .orElseThrow(() -> new AssertionError("no fill; events: " + events.events()));
        Rest rest = new Rest(s.tradingBaseUrl());
        JsonNode position = rest.get("/v2/positions").body().get(0);
        assertThat(position.get("symbol").asText()).isEqualTo("BTCUSD");
        assertThat(position.get("asset_class").asText()).isEqualTo("crypto");
        assertThat(position.get("qty").asText()).isEqualTo("0.5");
        assertThat(rest.get("/v2/positions/BTCUSD").status()).isEqualTo(200);
        JsonNode activity = rest.get("/v2/account/activities/FILL").body().get(0);
        assertThat(activity.get("symbol").asText()).isEqualTo("BTCUSD");
        assertThat(new BigDecimal(activity.get("price").asText())).isEqualByComparingTo(fill.averageFillPrice());
        AccountSnapshot snapshot = executor.snapshot().get(10, TimeUnit.SECONDS);
        assertThat(snapshot.cash()).isEqualByComparingTo(CASH.subtract(fill.averageFillPrice().multiply(new BigDecimal("0.5"))));
        assertThat(snapshot.positions().get(0).quantity()).isEqualByComparingTo("0.5");
    }

    @Test
    void aLargeOrderFillsInPartsByVolumeAndTheFillActivitiesPageInOrder() {
        // At most a millionth of a bar's volume fills per bar: AAPL's 2013 days traded 5 to 40 million shares.
        SandboxServer s = start("AAPL", null, Duration.ofMillis(25), new BigDecimal("0.000001"));
        Rest rest = new Rest(s.tradingBaseUrl());
        Rest.Answer posted = rest.post("/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"60\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"gtc\",\"client_order_id\":\"big-1\"}");
        assertThat(posted.status()).isEqualTo(200);
        String orderId = posted.body().get("id").asText();
        assertThat(Waits.until(() -> rest.get("/v2/orders/" + orderId).body().get("status").asText().equals("filled"), WAIT))
                .as("the order fills over several bars").isTrue();

        List<JsonNode> pages = new ArrayList<>();
        String token = null;
        for (int i = 0; i < 100; i++) {
            JsonNode page = rest.get("/v2/account/activities/FILL?direction=asc&page_size=2"
                    + (token == null ? "" : "&page_token=" + token)).body();
            if (page.isEmpty()) {
                break;
            }
            assertThat(page.size()).isLessThanOrEqualTo(2);
            page.forEach(pages::add);
            token = page.get(page.size() - 1).get("id").asText();
        }
        assertThat(pages.size()).as("partial fills").isGreaterThanOrEqualTo(3);
        BigDecimal cum = BigDecimal.ZERO;
        for (int i = 0; i < pages.size(); i++) {
            JsonNode a = pages.get(i);
            assertThat(a.get("activity_type").asText()).isEqualTo("FILL");
            assertThat(a.get("order_id").asText()).isEqualTo(orderId);
            assertThat(a.get("id").asText()).matches("\\d{17}::[0-9a-f-]{36}");
            cum = cum.add(new BigDecimal(a.get("qty").asText()));
            assertThat(new BigDecimal(a.get("cum_qty").asText())).isEqualByComparingTo(cum);
            assertThat(new BigDecimal(a.get("leaves_qty").asText())).isEqualByComparingTo(new BigDecimal("60").subtract(cum));
            assertThat(a.get("type").asText()).isEqualTo(i == pages.size() - 1 ? "fill" : "partial_fill");
        }
        assertThat(cum).isEqualByComparingTo("60");
        JsonNode desc = rest.get("/v2/account/activities/FILL").body();
        assertThat(desc.get(0).get("id").asText()).as("newest first by default").isEqualTo(token);
    }

    @Test
    void historicalBarsShowOnlyWhatWasReplayedAndRefuseBadRequests() {
        SandboxServer s = startAapl();
        assertThat(Waits.until(() -> s.barsReplayed() >= 6, WAIT)).isTrue();
        Rest rest = new Rest(s.dataBaseUrl());

        Instant clock = s.marketTime();
        JsonNode answer = rest.get("/v2/stocks/bars?symbols=AAPL&timeframe=1Day&feed=iex&limit=10000").body();
        JsonNode bars = answer.get("bars").get("AAPL");
        List<Bar> source = sourceBars("AAPL", null);
        assertThat(bars.size()).isGreaterThanOrEqualTo(5).isLessThan(source.size());
        for (int i = 0; i < bars.size(); i++) {
            JsonNode b = bars.get(i);
            assertThat(Instant.parse(b.get("t").asText())).isEqualTo(source.get(i).start()).isBefore(clock);
            assertThat(b.get("o").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(source.get(i).open()));
            assertThat(b.get("c").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(source.get(i).close()));
        }
        JsonNode paged = rest.get("/v2/stocks/bars?symbols=AAPL&timeframe=1Day&limit=2").body();
        assertThat(paged.get("bars").get("AAPL").size()).isEqualTo(2);
        assertThat(paged.get("next_page_token").isTextual()).isTrue();

        assertThat(rest.get("/v2/stocks/bars?symbols=AAPL&timeframe=1Min").status()).isEqualTo(400);
        assertThat(rest.get("/v1beta3/crypto/us/bars?symbols=BTCUSD&timeframe=5Min").status())
                .as("market data refuses BTCUSD").isEqualTo(400);
        assertThat(rest.getWithoutKeys("/v2/stocks/bars?symbols=AAPL&timeframe=1Day").status()).isEqualTo(401);
        assertThat(rest.getWithoutKeys("/v2/account").status()).isEqualTo(401);
        JsonNode clockJson = rest.get("/v2/clock").body();
        Instant reported = java.time.OffsetDateTime.parse(clockJson.get("timestamp").asText()).toInstant();
        assertThat(reported).as("the clock is the replay's").isAfterOrEqualTo(clock).isBefore(Instant.parse("2014-01-02T00:00:00Z"));
    }

    @Test
    void cryptoBarsAreServedUnderThePairName() {
        SandboxServer s = startBtc();
        assertThat(Waits.until(() -> s.barsReplayed() >= 4, WAIT)).isTrue();
        Rest rest = new Rest(s.dataBaseUrl());
        JsonNode answer = rest.get("/v1beta3/crypto/us/bars?symbols=BTC/USD&timeframe=5Min&sort=desc").body();
        JsonNode bars = answer.get("bars").get("BTC/USD");
        assertThat(bars.size()).isGreaterThanOrEqualTo(3);
        Instant newest = Instant.parse(bars.get(0).get("t").asText());
        assertThat(Instant.parse(bars.get(1).get("t").asText())).as("sort=desc: newest first").isBefore(newest);
        assertThat(newest.plus(Duration.ofMinutes(5))).as("only bars whose close is known").isBeforeOrEqualTo(s.marketTime());
        assertThat(rest.get("/v2/stocks/bars?symbols=BTC/USD&timeframe=5Min").status())
                .as("the stock endpoint refuses a crypto pair").isEqualTo(400);
    }
}
