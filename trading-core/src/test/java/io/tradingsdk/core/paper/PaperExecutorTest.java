package io.tradingsdk.core.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Fill;
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
import io.tradingsdk.tck.RecordingOrderEventListener;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the paper broker fills, prices and books orders, on real AAPL daily bars. */
class PaperExecutorTest {

    private static List<Bar> bars;

    private final ManualClock clock = new ManualClock(java.time.Instant.parse("2013-01-01T00:00:00Z"));
    private final RecordingOrderEventListener events = new RecordingOrderEventListener();
    private PaperExecutor paper;

    @BeforeAll
    static void loadBars() {
        bars = AppleDailyBars.load();
        // The expectations below are written against these rows of the file.
        assertThat(bars.get(1).open()).isEqualTo(547.88);
        assertThat(bars.get(8).low()).isEqualTo(498.51);
    }

    private PaperExecutor start(PaperExecutorConfig config) {
        paper = new PaperExecutor(config, clock);
        paper.subscribe(events);
        return paper;
    }

    /** The paper broker trades bar i; then the clock reads the bar's end, when the engine would react to it. */
    private void feed(int i) {
        paper.onBar(bars.get(i));
        clock.set(bars.get(i).end());
    }

    private static OrderRequest market(String id, OrderSide side, String qty, TimeInForce tif) {
        return OrderRequest.market(id, "AAPL", side, new BigDecimal(qty), tif);
    }

    private static OrderRequest limit(String id, OrderSide side, String qty, String limit, TimeInForce tif) {
        return OrderRequest.limit(id, "AAPL", side, new BigDecimal(qty), new BigDecimal(limit), tif);
    }

    private List<Fill> fillsOf(String id) {
        return events.eventsOf(id).stream().map(OrderEvent::fill).filter(Objects::nonNull).collect(Collectors.toList());
    }

    private List<OrderEventType> typesOf(String id) {
        return events.eventsOf(id).stream().map(OrderEvent::type).collect(Collectors.toList());
    }

    private Order lookup(String id) {
        return paper.lookup(id).join().orElseThrow();
    }

    private AccountSnapshot snapshot() {
        return paper.snapshot().join();
    }

    @Test
    @DisplayName("a market order fills at the next bar's open, moved against the taker by the slippage, with the exact commission")
    void marketOrderFillsAtNextOpenWithSlippageAndCommission() {
        start(PaperExecutorConfig.defaults().withSlippageBps(new BigDecimal("10"))
                .withCommission(new BigDecimal("0.005"), new BigDecimal("1.00"))
                .withInitialCash(new BigDecimal("1000000")));
        feed(0);
        paper.submit(market("buy-1", OrderSide.BUY, "100", TimeInForce.DAY));
        assertThat(typesOf("buy-1")).containsExactly(OrderEventType.NEW);
        assertThat(events.eventsOf("buy-1").get(0).brokerOrderId()).isEqualTo("paper-1");

        feed(1); // open 547.88 * 1.0010 = 548.42788 -> 548.43; fee max(1.00, 100 * 0.005) = 1.00
        assertThat(typesOf("buy-1")).containsExactly(OrderEventType.NEW, OrderEventType.FILL);
        Fill buy = fillsOf("buy-1").get(0);
        assertThat(buy.fillId()).isEqualTo("paper-1-1");
        assertThat(buy.price()).isEqualByComparingTo("548.43");
        assertThat(buy.quantity()).isEqualByComparingTo("100");
        assertThat(buy.fee()).isEqualByComparingTo("1.00");
        assertThat(buy.time()).isEqualTo(bars.get(1).start());

        paper.submit(market("sell-1", OrderSide.SELL, "100", TimeInForce.DAY));
        feed(2); // open 536.97 * 0.9990 = 536.43303 -> 536.43; fee 1.00
        Fill sell = fillsOf("sell-1").get(0);
        assertThat(sell.price()).isEqualByComparingTo("536.43");
        assertThat(sell.fee()).isEqualByComparingTo("1.00");

        paper.submit(market("buy-2", OrderSide.BUY, "300", TimeInForce.DAY));
        feed(3); // open 522.00 * 1.0010 = 522.522 -> 522.52; fee 300 * 0.005 = 1.50 above the minimum
        Fill buy2 = fillsOf("buy-2").get(0);
        assertThat(buy2.price()).isEqualByComparingTo("522.52");
        assertThat(buy2.fee()).isEqualByComparingTo("1.50");

        AccountSnapshot account = snapshot();
        // 1,000,000 - 54,843 - 1 + 53,643 - 1 - 156,756 - 1.50
        assertThat(account.cash()).isEqualByComparingTo("842040.50");
        assertThat(account.positions()).hasSize(1);
        Position p = account.positions().get(0);
        assertThat(p.symbol()).isEqualTo("AAPL");
        assertThat(p.quantity()).isEqualByComparingTo("300");
        assertThat(p.averagePrice()).isEqualByComparingTo("522.52");
        assertThat(p.marketPrice()).isEqualByComparingTo("523.90"); // bar 3's close
        assertThat(p.realizedPnl()).isEqualByComparingTo("-1200.00"); // (536.43 - 548.43) * 100
        assertThat(account.openOrders()).isEmpty();
    }

    @Test
    @DisplayName("a position that flips through zero realizes P&L on the closed part and re-opens at the fill price")
    void positionFlipsThroughZero() {
        start(PaperExecutorConfig.defaults());
        feed(0);
        paper.submit(market("buy-10", OrderSide.BUY, "10", TimeInForce.DAY));
        feed(1); // +10 @ 547.88
        paper.submit(market("sell-15", OrderSide.SELL, "15", TimeInForce.DAY));
        feed(2); // -15 @ 536.97: closes 10 at a loss of 10.91 each, opens -5 @ 536.97
        Position shortPosition = snapshot().positions().get(0);
        assertThat(shortPosition.quantity()).isEqualByComparingTo("-5");
        assertThat(shortPosition.averagePrice()).isEqualByComparingTo("536.97");
        assertThat(shortPosition.realizedPnl()).isEqualByComparingTo("-109.10");

        paper.submit(market("cover-2", OrderSide.BUY, "2", TimeInForce.DAY));
        feed(3); // +2 @ 522.00 covers part of the short at a gain of 14.97 each
        Position smaller = snapshot().positions().get(0);
        assertThat(smaller.quantity()).isEqualByComparingTo("-3");
        assertThat(smaller.averagePrice()).isEqualByComparingTo("536.97");
        assertThat(smaller.realizedPnl()).isEqualByComparingTo("-79.16"); // -109.10 + 29.94
        // 100,000 - 5,478.80 + 8,054.55 - 1,044.00
        assertThat(snapshot().cash()).isEqualByComparingTo("101531.75");
    }

    @Test
    @DisplayName("an order placed in reaction to a bar never fills on that bar, even if the paper broker sees the bar after the engine")
    void orderNeverFillsOnTheBarItReactedTo() {
        start(PaperExecutorConfig.defaults());
        clock.set(bars.get(0).end()); // the engine handled bar 0 first
        paper.submit(market("late", OrderSide.BUY, "10", TimeInForce.GTC));
        paper.onBar(bars.get(0));
        assertThat(fillsOf("late")).isEmpty();
        assertThat(lookup("late").status()).isEqualTo(OrderStatus.NEW);

        feed(1);
        assertThat(fillsOf("late")).singleElement().satisfies(f -> assertThat(f.price()).isEqualByComparingTo("547.88"));
    }

    @Test
    @DisplayName("partial fills over several bars report the cumulative quantity and the average price of all fills")
    void partialFillsAccumulateOverBars() {
        start(PaperExecutorConfig.defaults().withPartialFillRatio(0.4));
        feed(0);
        paper.submit(market("part", OrderSide.BUY, "10", TimeInForce.GTC));
        feed(1); // ceil(10 * 0.4) = 4 @ 547.88
        feed(2); // ceil(6 * 0.4)  = 3 @ 536.97
        feed(3); // ceil(3 * 0.4)  = 2 @ 522.00
        feed(4); // the last 1     @ 529.21

        assertThat(typesOf("part")).containsExactly(OrderEventType.NEW, OrderEventType.PARTIAL_FILL,
                OrderEventType.PARTIAL_FILL, OrderEventType.PARTIAL_FILL, OrderEventType.FILL);
        List<OrderEvent> fills = events.eventsOf("part").subList(1, 5);
        assertThat(fills).extracting(e -> e.filledQuantity().intValueExact()).containsExactly(4, 7, 9, 10);
        assertThat(fills).extracting(e -> e.fill().fillId()).containsExactly("paper-1-1", "paper-1-2", "paper-1-3",
                "paper-1-4");
        assertThat(fills).extracting(e -> e.fill().quantity().intValueExact()).containsExactly(4, 3, 2, 1);
        assertThat(fills.get(0).averageFillPrice()).isEqualByComparingTo("547.88");
        // (4 * 547.88 + 3 * 536.97) / 7 = 3802.43 / 7
        assertThat(fills.get(1).averageFillPrice().doubleValue()).isCloseTo(3802.43 / 7, within(1e-9));
        // (3802.43 + 2 * 522.00) / 9 = 4846.43 / 9
        assertThat(fills.get(2).averageFillPrice().doubleValue()).isCloseTo(4846.43 / 9, within(1e-9));
        // (4846.43 + 529.21) / 10 = 537.564 exactly
        assertThat(fills.get(3).averageFillPrice()).isEqualByComparingTo("537.564");

        Order order = lookup("part");
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("10");
        assertThat(order.averageFillPrice()).isEqualByComparingTo("537.564");
        Position p = snapshot().positions().get(0);
        assertThat(p.quantity()).isEqualByComparingTo("10");
        assertThat(p.averagePrice()).isEqualByComparingTo("537.564");
        assertThat(snapshot().cash()).isEqualByComparingTo("94624.36"); // 100,000 - 5,375.64
    }

    @Test
    @DisplayName("a limit order does not fill while bars do not reach it, and fills at the better of open and limit when one does")
    void limitOrderFillsOnlyWhenBarTradesThroughIt() {
        start(PaperExecutorConfig.defaults());
        feed(0);
        paper.submit(limit("buy-515", OrderSide.BUY, "10", "515.00", TimeInForce.GTC));
        paper.submit(limit("sell-560", OrderSide.SELL, "10", "560.00", TimeInForce.GTC));
        paper.submit(limit("buy-530", OrderSide.BUY, "10", "530.00", TimeInForce.GTC));
        for (int i = 1; i <= 7; i++) {
            feed(i); // lows 541.00 525.83 515.20 521.25 515.99 515.52 519.02: none at or below 515.00
        }
        assertThat(fillsOf("buy-515")).isEmpty();
        assertThat(lookup("buy-515").status()).isEqualTo(OrderStatus.NEW);
        assertThat(lookup("buy-515").filledQuantity()).isZero();
        assertThat(fillsOf("sell-560")).isEmpty(); // no high reaches 560.00
        // Bar 2 (open 536.97, low 525.83) went through 530.00: filled at the limit, not at the open.
        assertThat(fillsOf("buy-530")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo("530.00");
            assertThat(f.time()).isEqualTo(bars.get(2).start());
        });

        feed(8); // opens at 502.68, below the limit: a buy limit fills at the better open
        assertThat(fillsOf("buy-515")).singleElement().satisfies(f -> assertThat(f.price()).isEqualByComparingTo("502.68"));
        assertThat(snapshot().openOrders()).extracting(Order::clientOrderId).containsExactly("sell-560");
    }

    @Test
    @DisplayName("a DAY limit order that its trading day did not fill ends EXPIRED at the next day's first bar")
    void dayOrderExpiresOnTheNextDay() {
        start(PaperExecutorConfig.defaults());
        feed(0);
        paper.submit(limit("day", OrderSide.BUY, "10", "500.00", TimeInForce.DAY));
        feed(1);
        assertThat(lookup("day").status()).isEqualTo(OrderStatus.NEW);
        feed(2);
        assertThat(typesOf("day")).containsExactly(OrderEventType.NEW, OrderEventType.EXPIRED);
        assertThat(lookup("day").status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(snapshot().openOrders()).isEmpty();
    }

    @Test
    @DisplayName("an IOC order cancels whatever its first bar does not fill")
    void iocCancelsTheUnfilledRest() {
        start(PaperExecutorConfig.defaults().withPartialFillRatio(0.5));
        feed(0);
        paper.submit(limit("ioc-far", OrderSide.BUY, "10", "500.00", TimeInForce.IOC));
        paper.submit(limit("ioc-near", OrderSide.BUY, "10", "600.00", TimeInForce.IOC));
        feed(1);
        assertThat(typesOf("ioc-far")).containsExactly(OrderEventType.NEW, OrderEventType.CANCELED);
        assertThat(typesOf("ioc-near")).containsExactly(OrderEventType.NEW, OrderEventType.PARTIAL_FILL,
                OrderEventType.CANCELED);
        assertThat(lookup("ioc-near").filledQuantity()).isEqualByComparingTo("5");
    }

    @Test
    @DisplayName("stop orders trigger when the bar reaches the stop and fill at the stop or a worse open; stop-limits respect the limit")
    void stopAndStopLimitOrders() {
        start(PaperExecutorConfig.defaults());
        feed(0);
        paper.submit(market("long", OrderSide.BUY, "20", TimeInForce.GTC));
        feed(1);
        feed(2); // close 527.00
        paper.submit(new OrderRequest("stop-sell", "AAPL", OrderSide.SELL, BigDecimal.TEN, null, OrderType.STOP, null,
                new BigDecimal("520.00"), TimeInForce.GTC));
        paper.submit(new OrderRequest("stop-buy", "AAPL", OrderSide.BUY, BigDecimal.TEN, null, OrderType.STOP, null,
                new BigDecimal("530.00"), TimeInForce.GTC));
        feed(3); // open 522.00 high 529.30 low 515.20: the sell stop triggers at 520.00; the buy stop is not reached
        assertThat(fillsOf("stop-sell")).singleElement().satisfies(f -> assertThat(f.price()).isEqualByComparingTo("520.00"));
        assertThat(fillsOf("stop-buy")).isEmpty();
        feed(4); // open 529.21 high 531.89: the buy stop triggers at 530.00
        assertThat(fillsOf("stop-buy")).singleElement().satisfies(f -> assertThat(f.price()).isEqualByComparingTo("530.00"));

        feed(5); // close 517.10
        paper.submit(new OrderRequest("stop-limit", "AAPL", OrderSide.BUY, BigDecimal.TEN, null, OrderType.STOP_LIMIT,
                new BigDecimal("526.00"), new BigDecimal("525.00"), TimeInForce.GTC));
        // Bar 6 opens at 528.55, through the stop and above the limit, then trades down to 515.52: filled at the limit.
        feed(6);
        assertThat(fillsOf("stop-limit")).singleElement().satisfies(f -> assertThat(f.price()).isEqualByComparingTo("526.00"));
    }

    @Test
    @DisplayName("a notional order buys notional / fill price units, rounded down to 9 places")
    void notionalOrderConvertsAtFillPrice() {
        start(PaperExecutorConfig.defaults());
        feed(0);
        paper.submit(new OrderRequest("notional", "AAPL", OrderSide.BUY, null, new BigDecimal("10000"), OrderType.MARKET,
                null, null, TimeInForce.DAY));
        feed(1);
        BigDecimal expected = new BigDecimal("10000").divide(new BigDecimal("547.88"), 9, RoundingMode.DOWN);
        assertThat(fillsOf("notional")).singleElement().satisfies(f -> {
            assertThat(f.quantity()).isEqualByComparingTo(expected).isEqualByComparingTo("18.252172008");
            assertThat(f.notional()).isLessThanOrEqualTo(new BigDecimal("10000"));
        });
        assertThat(lookup("notional").status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    @DisplayName("with allowShort false, a sell beyond the long position is REJECTED with a reason and changes nothing")
    void shortSellRejectedWhenNotAllowed() {
        start(PaperExecutorConfig.defaults().withAllowShort(false));
        feed(0);
        paper.submit(market("naked", OrderSide.SELL, "1", TimeInForce.DAY));
        OrderEvent rejected = events.eventsOf("naked").get(0);
        assertThat(rejected.type()).isEqualTo(OrderEventType.REJECTED);
        assertThat(rejected.reason()).contains("allowShort").contains("short");
        feed(1);
        assertThat(fillsOf("naked")).isEmpty();
        assertThat(snapshot().positions()).isEmpty();
        assertThat(snapshot().cash()).isEqualByComparingTo("100000");

        paper.submit(market("long", OrderSide.BUY, "10", TimeInForce.DAY));
        feed(2);
        paper.submit(limit("sell-all", OrderSide.SELL, "10", "600.00", TimeInForce.GTC));
        paper.submit(market("one-more", OrderSide.SELL, "1", TimeInForce.DAY));
        assertThat(typesOf("sell-all")).containsExactly(OrderEventType.NEW);
        assertThat(typesOf("one-more")).containsExactly(OrderEventType.REJECTED); // 10 held, 10 already offered
        assertThat(lookup("one-more").status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    @DisplayName("a duplicate client order id restates the existing order and never fills twice")
    void duplicateClientOrderIdRestatesExistingOrder() {
        start(PaperExecutorConfig.defaults());
        feed(0);
        paper.submit(market("dup", OrderSide.BUY, "10", TimeInForce.DAY));
        paper.submit(market("dup", OrderSide.BUY, "99", TimeInForce.DAY));
        List<OrderEvent> before = events.eventsOf("dup");
        assertThat(before).extracting(OrderEvent::type).containsExactly(OrderEventType.NEW, OrderEventType.NEW);
        assertThat(before.get(1).brokerOrderId()).isEqualTo(before.get(0).brokerOrderId());
        assertThat(before.get(1).reason()).contains("duplicate clientOrderId");

        feed(1);
        paper.submit(market("dup", OrderSide.BUY, "10", TimeInForce.DAY));
        feed(2);
        OrderEvent restated = events.eventsOf("dup").get(3);
        assertThat(restated.type()).isEqualTo(OrderEventType.FILL);
        assertThat(restated.fill()).isNull();
        assertThat(restated.filledQuantity()).isEqualByComparingTo("10");
        assertThat(fillsOf("dup")).hasSize(1);
        assertThat(snapshot().positions().get(0).quantity()).isEqualByComparingTo("10");
    }

    @Test
    @DisplayName("cancel of an unknown or final order is refused with ORDER_CANCEL_REJECTED and a reason")
    void cancelRefusals() {
        start(PaperExecutorConfig.defaults());
        paper.cancel("ghost");
        OrderEvent ghost = events.eventsOf("ghost").get(0);
        assertThat(ghost.type()).isEqualTo(OrderEventType.ORDER_CANCEL_REJECTED);
        assertThat(ghost.reason()).contains("unknown");
        assertThat(ghost.brokerOrderId()).isNull();

        feed(0);
        paper.submit(market("done", OrderSide.BUY, "10", TimeInForce.DAY));
        feed(1);
        paper.cancel("done");
        assertThat(events.eventsOf("done").get(2).type()).isEqualTo(OrderEventType.ORDER_CANCEL_REJECTED);
        assertThat(events.eventsOf("done").get(2).reason()).contains("FILLED");
        assertThat(lookup("done").status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    @DisplayName("replacing a partly filled order without a quantity: the old order keeps its fills, the new one has the requested quantity (as Alpaca does), not the unfilled rest")
    void replaceOfPartlyFilledOrder() {
        start(PaperExecutorConfig.defaults().withPartialFillRatio(0.5));
        feed(0);
        paper.submit(limit("old", OrderSide.BUY, "10", "600.00", TimeInForce.GTC));
        feed(1); // 5 @ 547.88
        paper.replace("old", new ReplaceRequest("new", null, new BigDecimal("540.00"), null, null));
        assertThat(typesOf("old")).containsExactly(OrderEventType.NEW, OrderEventType.PARTIAL_FILL,
                OrderEventType.REPLACED);
        assertThat(lookup("old").filledQuantity()).isEqualByComparingTo("5");
        Order replacement = lookup("new");
        assertThat(replacement.status()).isEqualTo(OrderStatus.NEW);
        assertThat(replacement.request().quantity()).isEqualByComparingTo("10");
        assertThat(replacement.filledQuantity()).isEqualByComparingTo("0");
        assertThat(replacement.request().limitPrice()).isEqualByComparingTo("540.00");

        feed(2); // low 525.83 reaches 540.00: ceil(10 * 0.5) = 5 @ min(536.97, 540.00)
        assertThat(fillsOf("new")).singleElement().satisfies(f -> {
            assertThat(f.quantity()).isEqualByComparingTo("5");
            assertThat(f.price()).isEqualByComparingTo("536.97");
        });
        assertThat(fillsOf("old")).hasSize(1);

        paper.replace("new", new ReplaceRequest("bad", null, null, new BigDecimal("1"), null));
        OrderEvent refused = events.eventsOf("new").get(events.eventsOf("new").size() - 1);
        assertThat(refused.type()).isEqualTo(OrderEventType.ORDER_REPLACE_REJECTED);
        assertThat(refused.reason()).contains("stopPrice");
        assertThat(paper.lookup("bad").join()).isEmpty();
    }

    @Test
    @DisplayName("a listener that submits from inside an event callback gets its events after the current ones, in order")
    void reentrantListenerKeepsEventOrder() {
        start(PaperExecutorConfig.defaults());
        paper.subscribe(e -> {
            events.onOrderEvent(e);
            if (e.clientOrderId().equals("first") && e.type() == OrderEventType.FILL) {
                paper.submit(market("second", OrderSide.SELL, "10", TimeInForce.DAY));
            }
        });
        feed(0);
        paper.submit(market("first", OrderSide.BUY, "10", TimeInForce.DAY));
        feed(1);
        feed(2);
        assertThat(events.events()).extracting(e -> e.clientOrderId() + ":" + e.type())
                .containsExactly("first:NEW", "first:FILL", "second:NEW", "second:FILL");
        assertThat(snapshot().positions()).isEmpty();
    }

    @Test
    @DisplayName("after close, orders are refused with IllegalStateException and bars change nothing")
    void closedExecutorRefusesOrders() {
        start(PaperExecutorConfig.defaults());
        feed(0);
        paper.submit(market("open", OrderSide.BUY, "10", TimeInForce.GTC));
        paper.close();
        assertThatThrownBy(() -> paper.submit(market("x", OrderSide.BUY, "1", TimeInForce.DAY)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> paper.cancel("open")).isInstanceOf(IllegalStateException.class);
        paper.onBar(bars.get(1));
        assertThat(fillsOf("open")).isEmpty();
        assertThat(paper.snapshot()).isCompletedExceptionally();
    }

    @Test
    @DisplayName("invalid settings are refused with the field and the value named")
    void invalidConfigIsRefused() {
        PaperExecutorConfig d = PaperExecutorConfig.defaults();
        assertThatThrownBy(() -> d.withPartialFillRatio(0.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partialFillRatio").hasMessageContaining("0.0");
        assertThatThrownBy(() -> d.withPartialFillRatio(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partialFillRatio");
        assertThatThrownBy(() -> d.withSlippageBps(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slippageBps").hasMessageContaining("-1");
        assertThatThrownBy(() -> d.withPriceScale(11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priceScale").hasMessageContaining("11");
        assertThatThrownBy(() -> d.withCommission(new BigDecimal("-0.01"), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commissionPerShare");
    }
}
