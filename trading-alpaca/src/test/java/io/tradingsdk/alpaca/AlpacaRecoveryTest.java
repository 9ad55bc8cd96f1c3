package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.ForeignOrder;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.OrderType;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.portfolio.Position;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What recovery relies on from the Alpaca adapter, against the local Alpaca-like server: open
 * orders of other applications never fail the snapshot, orders the snapshot or a lookup reports are
 * watched (a lost stream message is recovered), executions come from the FILL activities with
 * complete paging, one spelling per crypto asset, and Alpaca's order rules applied before sending.
 */
class AlpacaRecoveryTest {
    private FakeAlpaca alpaca;
    private AlpacaExecutor executor;
    private final EventBook book = new EventBook();

    @BeforeEach
    void start() {
        alpaca = new FakeAlpaca();
        executor = AlpacaExecutor.open(alpaca.config().build());
        executor.subscribe(book);
        assertThat(executor.awaitStreamListening(Duration.ofSeconds(5))).isTrue();
    }

    @AfterEach
    void stop() {
        executor.close();
        alpaca.close();
    }

    private static String id(String tag) {
        return "rec-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the call failed: " + e, e);
        }
    }

    /** Another client of the account posts a limit buy (as an earlier run of the host would have). */
    private void placeElsewhere(String cid, String symbol, String qty, String limit, String tif) {
        String answer = alpaca.submitAsAnotherClient("{\"symbol\":\"" + symbol + "\",\"qty\":\"" + qty
                + "\",\"side\":\"buy\",\"type\":\"limit\",\"limit_price\":\"" + limit + "\",\"time_in_force\":\"" + tif
                + "\",\"client_order_id\":\"" + cid + "\"}");
        assertThat(answer).contains(cid);
    }

    // ------------------------------------------------------------------ foreign orders

    @Test
    @DisplayName("open orders the SDK cannot represent (trailing stop without stop price, multi-leg, web client id) are foreign orders, not a failed snapshot, and are never canceled")
    void foreignOrdersDoNotFailTheSnapshot() {
        String own = id("own");
        executor.submit(OrderRequest.limit(own, "AAPL", OrderSide.BUY, BigDecimal.TEN, new BigDecimal("50"),
                TimeInForce.GTC));
        book.await(own, OrderEventType.NEW);
        String trailing = alpaca.placeTrailingStopWithoutStopPrice("AAPL", new BigDecimal("3"));
        String mleg = alpaca.placeMultiLegOrder();
        String web = alpaca.placeWebOrder("web order #7/2024", "MSFT", new BigDecimal("2"), new BigDecimal("300"));

        AccountSnapshot s = get(executor.snapshot());

        assertThat(s.openOrders()).extracting(Order::clientOrderId).containsExactly(own);
        assertThat(s.foreignOrders()).extracting(ForeignOrder::brokerOrderId).containsExactlyInAnyOrder(trailing, mleg, web);
        ForeignOrder t = foreign(s, trailing);
        assertThat(t.symbol()).isEqualTo("AAPL");
        assertThat(t.side()).isEqualTo(OrderSide.SELL);
        assertThat(t.quantity()).isEqualByComparingTo("3");
        assertThat(t.openSignedQuantity()).isEqualByComparingTo("-3");
        assertThat(t.description()).startsWith("simple trailing_stop new");
        ForeignOrder m = foreign(s, mleg);
        assertThat(m.symbol()).isNull();
        assertThat(m.side()).isNull();
        assertThat(m.quantity()).isNull();
        assertThat(m.description()).startsWith("mleg limit new");
        ForeignOrder w = foreign(s, web);
        assertThat(w.clientOrderId()).isEqualTo("web order #7/2024");
        assertThat(w.symbol()).isEqualTo("MSFT");
        assertThat(w.side()).isEqualTo(OrderSide.BUY);
        assertThat(w.openSignedQuantity()).isEqualByComparingTo("2");

        // Watched are the SDK's orders only: a stale-order backfill runs, and nothing is canceled.
        alpaca.muteStream(true);
        assertThat(FakeAlpaca.waitFor(() -> !alpaca.calls("GET", "/v2/orders?status=all").isEmpty(), 10_000)).isTrue();
        assertThat(alpaca.calls("DELETE", "/v2/orders")).isEmpty();
    }

    @Test
    @DisplayName("trade updates of foreign orders are not delivered and are not taken for lost events")
    void foreignTradeUpdatesAreIgnored() {
        try (LogCapture logs = LogCapture.start()) {
            String mleg = alpaca.clientOrderIdOfOrder(alpaca.placeMultiLegOrder());
            String web = "web order #8/2024";
            alpaca.placeWebOrder(web, "MSFT", BigDecimal.ONE, new BigDecimal("300"));
            alpaca.emit(mleg, "canceled", "canceled", null, null);
            alpaca.emit(web, "canceled", "canceled", null, null);
            String own = id("after");
            executor.submit(OrderRequest.limit(own, "AAPL", OrderSide.BUY, BigDecimal.ONE, new BigDecimal("50"),
                    TimeInForce.GTC));
            book.await(own, OrderEventType.NEW); // the stream delivers in order: the foreign updates came first

            assertThat(book.events(mleg)).isEmpty();
            assertThat(book.events(web)).isEmpty();
            assertThat(logs.text()).doesNotContain("could not apply a trade update");
        }
    }

    private static ForeignOrder foreign(AccountSnapshot s, String brokerOrderId) {
        return s.foreignOrders().stream().filter(f -> f.brokerOrderId().equals(brokerOrderId)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ watching orders the snapshot or a lookup reports

    @Test
    @DisplayName("an open order reported by the snapshot or a lookup whose stream messages are lost is brought up to date by backfill; one never reported is not (control)")
    void watchedOrdersAreRecoveredByBackfill() {
        String adopted = id("adopted");
        String looked = id("looked");
        String unseen = id("unseen");
        placeElsewhere(adopted, "AAPL", "5", "90", "gtc");
        AccountSnapshot s = get(executor.snapshot());
        assertThat(s.openOrders()).extracting(Order::clientOrderId).contains(adopted);
        placeElsewhere(looked, "AAPL", "4", "90", "gtc");
        assertThat(get(executor.lookup(looked))).isPresent();
        placeElsewhere(unseen, "AAPL", "3", "90", "gtc"); // neither in a snapshot nor looked up

        alpaca.muteStream(true); // the fill messages are lost
        alpaca.trade("AAPL", new BigDecimal("89"));
        assertThat(alpaca.order(adopted).path("status").asText()).isEqualTo("filled");
        assertThat(alpaca.order(unseen).path("status").asText()).isEqualTo("filled");

        OrderEvent fill = book.await(adopted, OrderEventType.FILL);
        assertThat(fill.filledQuantity()).isEqualByComparingTo("5");
        assertThat(fill.averageFillPrice()).isEqualByComparingTo("89");
        assertThat(book.await(looked, OrderEventType.FILL).filledQuantity()).isEqualByComparingTo("4");
        // Control: the same loss, for an order the executor was never shown, stays unreported (the
        // backfill that brought both fills above has run).
        assertThat(book.events(unseen)).extracting(OrderEvent::type).doesNotContain(OrderEventType.FILL);
    }

    // ------------------------------------------------------------------ executions

    @Test
    @DisplayName("executionsSince reads every page of the FILL activities, names the orders of other clients, and asks Alpaca once per unknown order")
    void executionsAreReadCompletelyAcrossPages() {
        Instant since = Instant.now().minusSeconds(5);
        String other = id("elsewhere");
        alpaca.setPartialFillQuantity(BigDecimal.ONE);
        placeElsewhere(other, "AAPL", "230", "150", "gtc");
        for (int i = 0; i < 230; i++) {
            alpaca.trade("AAPL", new BigDecimal("100"));
        }
        assertThat(alpaca.fillActivityCount()).isEqualTo(230);

        List<OrderEvent> first = get(executor.executionsSince(since));

        assertThat(first).hasSize(230);
        assertThat(first).extracting(e -> e.fill().fillId()).doesNotHaveDuplicates().allMatch(f -> f.contains("::"));
        for (int i = 0; i < first.size(); i++) {
            OrderEvent e = first.get(i);
            assertThat(e.clientOrderId()).isEqualTo(other);
            assertThat(e.brokerOrderId()).isEqualTo(alpaca.order(other).get("id").asText());
            assertThat(e.filledQuantity()).isEqualByComparingTo(BigDecimal.valueOf(i + 1));
            assertThat(e.type()).isEqualTo(i == 229 ? OrderEventType.FILL : OrderEventType.PARTIAL_FILL);
        }
        assertThat(alpaca.calls("GET", "/v2/account/activities/FILL")).hasSize(3)
                .allSatisfy(c -> assertThat(c.path()).contains("direction=asc").contains("page_size=100"));
        assertThat(alpaca.calls("GET", "/v2/account/activities/FILL").get(2).path()).contains("page_token=");
        assertThat(alpaca.calls("GET", "/v2/orders/")).hasSize(1); // the order of another client, named once

        List<OrderEvent> second = get(executor.executionsSince(since));
        assertThat(second).extracting(e -> e.fill().fillId())
                .containsExactlyElementsOf(first.stream().map(e -> e.fill().fillId()).toList());
        assertThat(alpaca.calls("GET", "/v2/orders/")).hasSize(1); // cached
    }

    @Test
    @DisplayName("a history longer than the bound fails the call instead of answering part of it")
    void tooLongAHistoryFails() {
        Instant since = Instant.now().minusSeconds(5);
        for (int i = 0; i < 100 * 100 + 1; i++) {
            alpaca.seedOrder("many-" + i, "AAPL", "buy", BigDecimal.ONE, "filled", BigDecimal.ONE, new BigDecimal("100"));
        }
        assertThat(executor.executionsSince(since)).failsWithin(Duration.ofSeconds(60))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(AlpacaMalformedResponseException.class)
                .withMessageContaining("more than 100 pages");
    }

    // ------------------------------------------------------------------ crypto: one spelling, gtc/ioc only

    @Test
    @DisplayName("Alpaca's BTCUSD position and the BTC/USD orders are one asset, spelled BTC/USD in positions, orders and executions")
    void cryptoIsOneSymbol() {
        Instant since = Instant.now().minusSeconds(1);
        String bought = id("btc");
        executor.submit(OrderRequest.market(bought, "BTC/USD", OrderSide.BUY, new BigDecimal("0.5"), TimeInForce.GTC));
        book.await(bought, OrderEventType.NEW);
        alpaca.trade("BTC/USD", new BigDecimal("60000"));
        book.await(bought, OrderEventType.FILL);
        String other = id("btc-elsewhere");
        placeElsewhere(other, "BTC/USD", "0.25", "61000", "gtc");
        alpaca.trade("BTC/USD", new BigDecimal("60500"));
        String resting = id("btc-open");
        executor.submit(OrderRequest.limit(resting, "BTC/USD", OrderSide.BUY, new BigDecimal("0.1"),
                new BigDecimal("30000"), TimeInForce.GTC));
        book.await(resting, OrderEventType.NEW);

        AccountSnapshot s = get(executor.snapshot());
        assertThat(s.positions()).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo("BTC/USD");
            assertThat(p.quantity()).isEqualByComparingTo("0.75");
        });
        Set<String> symbols = new TreeSet<>();
        s.positions().stream().map(Position::symbol).forEach(symbols::add);
        s.openOrders().stream().map(Order::symbol).forEach(symbols::add);
        List<OrderEvent> executions = get(executor.executionsSince(since));
        executions.forEach(e -> symbols.add(e.symbol()));
        assertThat(symbols).containsExactly("BTC/USD");
        assertThat(executions).extracting(OrderEvent::clientOrderId).containsExactly(bought, other);
    }

    @Test
    @DisplayName("a crypto DAY order is sent as gtc (Alpaca refuses day for crypto); FOK, OPG and CLS crypto orders are refused before sending")
    void cryptoTimeInForce() {
        String day = id("btc-day");
        executor.submit(OrderRequest.market(day, "BTC/USD", OrderSide.BUY, new BigDecimal("0.01"), TimeInForce.DAY));
        book.await(day, OrderEventType.NEW);
        assertThat(alpaca.order(day).get("time_in_force").asText()).isEqualTo("gtc");
        Order looked = get(executor.lookup(day)).orElseThrow();
        assertThat(looked.request().timeInForce()).isEqualTo(TimeInForce.GTC);

        String fok = id("btc-fok");
        executor.submit(OrderRequest.market(fok, "BTC/USD", OrderSide.BUY, new BigDecimal("0.01"), TimeInForce.FOK));
        OrderEvent rejected = book.await(fok, OrderEventType.REJECTED);
        assertThat(rejected.reason()).contains("not sent").contains("gtc and ioc").contains("FOK");
        assertThat(alpaca.orderPosts(fok)).isZero();
    }

    // ------------------------------------------------------------------ replace quantity

    @Test
    @DisplayName("a replace with a fractional quantity is ORDER_REPLACE_REJECTED before sending: Alpaca replaces whole shares only")
    void fractionalReplaceIsRefusedBeforeSending() {
        String id = id("frac");
        executor.submit(OrderRequest.limit(id, "AAPL", OrderSide.BUY, BigDecimal.TEN, new BigDecimal("50"), TimeInForce.GTC));
        book.await(id, OrderEventType.NEW);

        executor.replace(id, new ReplaceRequest(id("frac-new"), new BigDecimal("2.5"), null, null, null));

        OrderEvent refused = book.await(id, OrderEventType.ORDER_REPLACE_REJECTED);
        assertThat(refused.reason()).contains("whole").contains("2.5");
        assertThat(alpaca.calls("PATCH", "/v2/orders/")).isEmpty();
        assertThat(get(executor.lookup(id))).get().extracting(Order::status).isEqualTo(OrderStatus.NEW);

        // A whole quantity goes through.
        String next = id("whole");
        executor.replace(id, new ReplaceRequest(next, new BigDecimal("3"), null, null, null));
        book.await(next, OrderEventType.NEW);
        assertThat(alpaca.calls("PATCH", "/v2/orders/")).hasSize(1);
        Optional<Order> replacement = get(executor.lookup(next));
        assertThat(replacement).get().satisfies(o -> {
            assertThat(o.request().quantity()).isEqualByComparingTo("3");
            assertThat(o.request().type()).isEqualTo(OrderType.LIMIT);
        });
    }
}
