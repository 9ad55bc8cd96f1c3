package io.tradingsdk.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TradeJournal} must have, as JUnit 5 tests. An implementation proves it
 * by extending this class in its own test sources:
 *
 * <pre>{@code
 * class MyJournalCompatibilityTest extends TradeJournalCompatibilityKit {
 *     protected TradeJournal createJournal() { return new MyJournal(freshEmptyStore()); }
 * }
 * }</pre>
 *
 * <p>{@link #createJournal()} must return an <b>empty</b> journal for each test (a fresh schema, or
 * truncated tables): the tests count what the query methods return. Records are compared field by
 * field with {@link BigDecimal#compareTo}, so a store may change the scale of decimals (100 vs
 * 100.00); timestamps in the fixtures are whole seconds, so microsecond stores round-trip them.
 *
 * <p>Reads happen only after {@link TradeJournal#flush()} completed, which the contract makes
 * sufficient; no test sleeps or measures time.
 */
public abstract class TradeJournalCompatibilityKit {

    /** The journal under test, created empty before each test and closed after it. */
    protected TradeJournal journal;

    private static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");

    /** A fresh, empty journal for one test; the kit closes it. */
    protected abstract TradeJournal createJournal();

    /** The longest the kit waits for {@code recordIntent} and {@code flush} futures. */
    protected Duration writeTimeout() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    void openJournal() {
        journal = createJournal();
        assertNotNull(journal, "createJournal() returned null");
    }

    @AfterEach
    void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    @DisplayName("recordIntent's future completes and findIntent then returns the intent")
    void recordIntentCompletesAndIsFound() {
        OrderIntent intent = intent("coid-1", new BigDecimal("10"), "strategy-a");
        await(journal.recordIntent(intent), "recordIntent");
        Optional<OrderIntent> found = journal.findIntent("coid-1");
        assertTrue(found.isPresent(), "a durable intent is found by its client order id");
        assertSameIntent(intent, found.get());
        assertTrue(journal.findIntent("coid-unknown").isEmpty(), "an id never recorded is not found");
    }

    @Test
    @DisplayName("a second intent with the same client order id changes nothing: the first is kept")
    void secondIntentWithSameIdChangesNothing() {
        OrderIntent first = intent("coid-dup", new BigDecimal("10"), "strategy-a");
        OrderIntent second = intent("coid-dup", new BigDecimal("99"), "strategy-b");
        await(journal.recordIntent(first), "recordIntent of the first");
        await(journal.recordIntent(second), "recordIntent of the repeat (a retry must be able to go on)");
        await(journal.flush(), "flush");

        List<OrderIntent> all = journal.intents();
        assertEquals(1, all.size(), () -> "one intent per client order id, was " + all);
        assertSameIntent(first, all.get(0));
        assertSameIntent(first, journal.findIntent("coid-dup").orElseGet(() -> fail("intent not found")));
    }

    @Test
    @DisplayName("order events are de-duplicated by eventKey and kept in the order recorded")
    void orderEventsDeduplicatedAndOrdered() {
        OrderEvent accepted = event("coid-e", OrderEventType.NEW, "0", null);
        OrderEvent partial = event("coid-e", OrderEventType.PARTIAL_FILL, "4",
                fill("fill-e-1", "coid-e", "4", "100.10"));
        OrderEvent filled = event("coid-e", OrderEventType.FILL, "10", fill("fill-e-2", "coid-e", "6", "100.20"));
        OrderEvent other = event("coid-other", OrderEventType.NEW, "0", null);
        journal.recordOrderEvent(accepted);
        journal.recordOrderEvent(partial);
        journal.recordOrderEvent(other);
        journal.recordOrderEvent(partial);   // redelivered
        journal.recordOrderEvent(filled);
        journal.recordOrderEvent(accepted);  // redelivered late
        await(journal.flush(), "flush");

        List<OrderEvent> got = journal.orderEvents("coid-e");
        assertEquals(List.of(accepted.eventKey(), partial.eventKey(), filled.eventKey()),
                got.stream().map(OrderEvent::eventKey).collect(Collectors.toList()),
                "each event once, in the order first recorded");
        assertEquals(List.of(OrderEventType.NEW, OrderEventType.PARTIAL_FILL, OrderEventType.FILL),
                got.stream().map(OrderEvent::type).collect(Collectors.toList()));
        assertEquals(0, new BigDecimal("10").compareTo(got.get(2).filledQuantity()));
        assertEquals(1, journal.orderEvents("coid-other").size(), "events of another order are kept apart");
        assertTrue(journal.orderEvents("coid-none").isEmpty(), "an order without events has none");
    }

    @Test
    @DisplayName("fills are de-duplicated by fill id and kept in the order recorded")
    void fillsDeduplicatedByFillId() {
        Fill f1 = fill("fill-1", "coid-f", "4", "100.10");
        Fill f2 = fill("fill-2", "coid-f", "6", "100.20");
        journal.recordFill(f1);
        journal.recordFill(f2);
        journal.recordFill(f1);
        journal.recordFill(fill("fill-2", "coid-f", "6", "100.20"));
        await(journal.flush(), "flush");

        List<Fill> got = journal.fills();
        assertEquals(List.of("fill-1", "fill-2"), got.stream().map(Fill::fillId).collect(Collectors.toList()),
                "each fill id once, in the order first recorded");
        assertSameFill(f1, got.get(0));
        assertSameFill(f2, got.get(1));
    }

    @Test
    @DisplayName("signals are de-duplicated by (strategy id, signal id), not by signal id alone")
    void signalsDeduplicatedByStrategyAndId() {
        Signal a1 = signal("sig-1", "strategy-a", 0);
        Signal b1 = signal("sig-1", "strategy-b", 1);
        Signal a2 = signal("sig-2", "strategy-a", 2);
        journal.recordSignal(a1);
        journal.recordSignal(b1);
        journal.recordSignal(signal("sig-1", "strategy-a", 5)); // repeat of a1's key
        journal.recordSignal(a2);
        await(journal.flush(), "flush");

        List<String> keys = journal.signals().stream().map(s -> s.strategyId() + "/" + s.id())
                .collect(Collectors.toList());
        assertEquals(List.of("strategy-a/sig-1", "strategy-b/sig-1", "strategy-a/sig-2"), keys);
        assertEquals(a1.time(), journal.signals().get(0).time(), "the first record of a key is kept");
    }

    @Test
    @DisplayName("decisions are kept, all of them, in the order recorded")
    void decisionsKeptInOrder() {
        DecisionRecord d1 = new DecisionRecord("sig-1", "strategy-a", "AAPL", true, null, null, new BigDecimal("10"), T0);
        DecisionRecord d2 = new DecisionRecord("sig-2", "strategy-a", "AAPL", false, DenialReason.MAX_ORDER_NOTIONAL,
                "notional 250000 above 100000", null, T0.plusSeconds(1));
        DecisionRecord d3 = new DecisionRecord("sig-3", "strategy-b", "MSFT", true, null, null, new BigDecimal("3"),
                T0.plusSeconds(2));
        journal.recordDecision(d1);
        journal.recordDecision(d2);
        journal.recordDecision(d3);
        await(journal.flush(), "flush");

        List<DecisionRecord> got = journal.decisions();
        assertEquals(List.of("sig-1", "sig-2", "sig-3"),
                got.stream().map(DecisionRecord::signalId).collect(Collectors.toList()));
        DecisionRecord denied = got.get(1);
        assertEquals(false, denied.approved());
        assertEquals(DenialReason.MAX_ORDER_NOTIONAL, denied.reason());
        assertEquals("notional 250000 above 100000", denied.message());
        assertEquals(0, new BigDecimal("10").compareTo(got.get(0).quantity()));
        assertEquals(T0.plusSeconds(2), got.get(2).time());
    }

    @Test
    @DisplayName("configuration changes are kept in order with their previous and new values; a repeat changes nothing")
    void configChangesKeptInOrder() {
        io.tradingsdk.api.journal.ConfigChangeRecord v2 = new io.tradingsdk.api.journal.ConfigChangeRecord(2,
                "strategies.sma", "api:test", java.util.Map.of("fastPeriod", 10L), java.util.Map.of("fastPeriod", 12L), T0);
        io.tradingsdk.api.journal.ConfigChangeRecord v3 = new io.tradingsdk.api.journal.ConfigChangeRecord(3,
                "risk.max-order-notional", "file:trading.yaml", java.util.Map.of("maxNotional", "100000"),
                java.util.Map.of("maxNotional", "50000"), T0.plusSeconds(1));
        journal.recordConfigChange(v2);
        journal.recordConfigChange(v3);
        journal.recordConfigChange(v2);
        await(journal.flush(), "flush");

        List<io.tradingsdk.api.journal.ConfigChangeRecord> got = journal.configChanges();
        assertEquals(List.of(2L, 3L), got.stream().map(io.tradingsdk.api.journal.ConfigChangeRecord::version)
                .collect(Collectors.toList()));
        assertEquals("strategies.sma", got.get(0).target());
        assertEquals("api:test", got.get(0).origin());
        assertEquals("file:trading.yaml", got.get(1).origin());
        assertEquals(T0.plusSeconds(1), got.get(1).time());
    }

    @Test
    @DisplayName("the start-of-day equity survives: the first record of a day wins, other days are separate")
    void dayStartFirstRecordWins() {
        java.time.LocalDate day = java.time.LocalDate.of(2024, 3, 1);
        journal.recordDayStart(day, new BigDecimal("100000.50"));
        journal.recordDayStart(day, new BigDecimal("99000"));
        journal.recordDayStart(day.plusDays(1), new BigDecimal("101000"));
        await(journal.flush(), "flush");

        assertEquals(0, new BigDecimal("100000.50").compareTo(journal.dayStartEquity(day).orElseThrow()));
        assertEquals(0, new BigDecimal("101000").compareTo(journal.dayStartEquity(day.plusDays(1)).orElseThrow()));
        assertEquals(java.util.Optional.empty(), journal.dayStartEquity(day.minusDays(1)));
    }

    @Test
    @DisplayName("after flush() completes, every kind of record is readable")
    void flushMakesEverythingReadable() {
        OrderIntent i1 = intent("coid-x", new BigDecimal("10"), "strategy-a");
        OrderIntent i2 = intent("coid-y", new BigDecimal("5"), "strategy-a");
        CompletableFuture<Void> w1 = journal.recordIntent(i1);
        CompletableFuture<Void> w2 = journal.recordIntent(i2);
        journal.recordSignal(signal("sig-x", "strategy-a", 0));
        journal.recordDecision(new DecisionRecord("sig-x", "strategy-a", "AAPL", true, null, null, BigDecimal.TEN, T0));
        journal.recordOrderEvent(event("coid-x", OrderEventType.NEW, "0", null));
        Fill f = fill("fill-x", "coid-x", "10", "101.5");
        journal.recordOrderEvent(event("coid-x", OrderEventType.FILL, "10", f));
        journal.recordFill(f);
        await(journal.flush(), "flush");
        await(w1, "recordIntent");
        await(w2, "recordIntent");

        assertEquals(List.of("coid-x", "coid-y"),
                journal.intents().stream().map(OrderIntent::clientOrderId).collect(Collectors.toList()),
                "intents in the order recorded");
        assertEquals(1, journal.signals().size());
        assertEquals(1, journal.decisions().size());
        assertEquals(2, journal.orderEvents("coid-x").size());
        assertEquals(1, journal.fills().size());
        assertSameFill(f, journal.fills().get(0));
        assertSameFill(f, journal.orderEvents("coid-x").get(1).fill());
    }

    @Test
    @DisplayName("10,000 order events recorded from the event loop are all readable after flush")
    void manyEventsFromTheLoopAreAllReadable() {
        int orders = 100;
        int perOrder = 100;
        for (int o = 0; o < orders; o++) {
            String id = "coid-bulk-" + o;
            for (int n = 1; n <= perOrder; n++) {
                OrderEventType type = n == perOrder ? OrderEventType.FILL : OrderEventType.PARTIAL_FILL;
                journal.recordOrderEvent(event(id, type, Integer.toString(n), null));
            }
        }
        await(journal.flush(), "flush");

        Map<String, Integer> counts = new HashMap<>();
        for (int o = 0; o < orders; o++) {
            String id = "coid-bulk-" + o;
            List<OrderEvent> got = journal.orderEvents(id);
            counts.put(id, got.size());
            for (int n = 0; n < got.size(); n++) {
                assertEquals(0, BigDecimal.valueOf(n + 1L).compareTo(got.get(n).filledQuantity()),
                        "events of " + id + " in the order recorded");
            }
        }
        assertEquals(orders * perOrder, counts.values().stream().mapToInt(Integer::intValue).sum(),
                () -> "every event readable; per order: " + counts);
    }

    // ---------------------------------------------------------------- fixtures and helpers

    protected static OrderIntent intent(String clientOrderId, BigDecimal quantity, String strategyId) {
        OrderRequest request = OrderRequest.limit(clientOrderId, "AAPL", OrderSide.BUY, quantity, new BigDecimal("101.25"),
                TimeInForce.DAY);
        return new OrderIntent(request, "sig-" + clientOrderId, strategyId, new BigDecimal("101.20"), 0.02, T0);
    }

    protected static OrderEvent event(String clientOrderId, OrderEventType type, String filled, Fill fill) {
        BigDecimal qty = new BigDecimal(filled);
        BigDecimal avg = qty.signum() == 0 ? null : new BigDecimal("100.15");
        return new OrderEvent(type, clientOrderId, "broker-" + clientOrderId, "AAPL", OrderSide.BUY, qty, avg, fill,
                T0.plusSeconds(qty.longValue()), null);
    }

    protected static Fill fill(String fillId, String clientOrderId, String quantity, String price) {
        return new Fill(fillId, clientOrderId, "AAPL", OrderSide.BUY, new BigDecimal(quantity), new BigDecimal(price),
                new BigDecimal("1.00"), T0.plusSeconds(5));
    }

    protected static Signal signal(String id, String strategyId, int secondsAfterStart) {
        return Signal.of(id, strategyId, "AAPL", SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal("101.20"),
                T0.plusSeconds(secondsAfterStart));
    }

    protected static void assertSameIntent(OrderIntent expected, OrderIntent actual) {
        assertEquals(expected.clientOrderId(), actual.clientOrderId());
        assertEquals(expected.symbol(), actual.symbol());
        assertEquals(expected.side(), actual.side());
        assertEquals(expected.request().type(), actual.request().type());
        assertEquals(expected.request().timeInForce(), actual.request().timeInForce());
        assertDecimal(expected.request().quantity(), actual.request().quantity(), "quantity");
        assertDecimal(expected.request().notional(), actual.request().notional(), "notional");
        assertDecimal(expected.request().limitPrice(), actual.request().limitPrice(), "limitPrice");
        assertDecimal(expected.request().stopPrice(), actual.request().stopPrice(), "stopPrice");
        assertEquals(expected.signalId(), actual.signalId());
        assertEquals(expected.strategyId(), actual.strategyId());
        assertDecimal(expected.referencePrice(), actual.referencePrice(), "referencePrice");
        assertEquals(expected.riskFraction(), actual.riskFraction());
        assertEquals(expected.createdAt(), actual.createdAt());
    }

    protected static void assertSameFill(Fill expected, Fill actual) {
        assertNotNull(actual, "fill");
        assertEquals(expected.fillId(), actual.fillId());
        assertEquals(expected.clientOrderId(), actual.clientOrderId());
        assertEquals(expected.symbol(), actual.symbol());
        assertEquals(expected.side(), actual.side());
        assertDecimal(expected.quantity(), actual.quantity(), "fill quantity");
        assertDecimal(expected.price(), actual.price(), "fill price");
        assertDecimal(expected.fee(), actual.fee(), "fill fee");
        assertEquals(expected.time(), actual.time());
    }

    protected static void assertDecimal(BigDecimal expected, BigDecimal actual, String field) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, field);
        } else {
            assertEquals(0, expected.compareTo(actual), () -> field + ": expected " + expected + ", was " + actual);
        }
    }

    /** Waits for a write future at most {@link #writeTimeout()}; fails on timeout or exceptional completion. */
    protected <T> T await(CompletableFuture<T> future, String what) {
        assertNotNull(future, what + " returned a null future");
        try {
            return future.get(writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return fail(what + " completed exceptionally", e.getCause());
        } catch (TimeoutException e) {
            return fail(what + " did not complete within " + writeTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what);
        }
    }
}
