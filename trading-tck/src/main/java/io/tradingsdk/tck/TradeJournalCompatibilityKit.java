package io.tradingsdk.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.JournaledOrder;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
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

    /**
     * Whether the journal keeps reconciliation records. {@link TradeJournal#recordReconciliation}'s
     * default keeps none, which the contract allows; a journal relying on that default overrides
     * this to return {@code false}, and the kit then checks that {@link TradeJournal#reconciliations()}
     * stays empty instead. The SDK's in-memory and PostgreSQL journals keep them.
     */
    protected boolean keepsReconciliations() {
        return true;
    }

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

    // ---------------------------------------------------------------- what recovery reads

    @Test
    @DisplayName("journaledOrder: the intent, the status of the last journaled event, the sums of the order's fills and its broker id")
    void journaledOrderReflectsIntentStatusAndFills() {
        OrderIntent filled = intent("coid-jo", new BigDecimal("10"), "strategy-a");
        OrderIntent partial = intent("coid-jp", new BigDecimal("8"), "strategy-b");
        await(journal.recordIntent(filled), "recordIntent");
        await(journal.recordIntent(partial), "recordIntent");
        Fill f1 = fill("fill-jo-1", "coid-jo", "4", "100.10");
        Fill f2 = fill("fill-jo-2", "coid-jo", "6", "100.20");
        Fill p1 = fill("fill-jp-1", "coid-jp", "3", "99.50");
        journal.recordOrderEvent(event("coid-jo", OrderEventType.NEW, "0", null));
        journal.recordOrderEvent(event("coid-jp", OrderEventType.NEW, "0", null));
        journal.recordFill(f1);
        journal.recordOrderEvent(event("coid-jo", OrderEventType.PARTIAL_FILL, "4", f1));
        journal.recordFill(p1);
        journal.recordOrderEvent(event("coid-jp", OrderEventType.PARTIAL_FILL, "3", p1));
        journal.recordFill(f2);
        journal.recordFill(f1); // redelivered: counted once
        journal.recordOrderEvent(event("coid-jo", OrderEventType.FILL, "10", f2));
        // Events of an order the journal has no intent for (another application's): no view.
        journal.recordOrderEvent(event("coid-foreign", OrderEventType.NEW, "0", null));
        await(journal.flush(), "flush");

        JournaledOrder jo = journal.journaledOrder("coid-jo").orElseGet(() -> fail("order with an intent not found"));
        assertSameIntent(filled, jo.intent());
        assertEquals(OrderStatus.FILLED, jo.lastStatus());
        assertTrue(jo.finished(), "a filled order is finished");
        assertDecimal(new BigDecimal("10"), jo.filledQuantity(), "filledQuantity: 4 + 6, the repeat once");
        assertDecimal(new BigDecimal("1001.60"), jo.filledNotional(), "filledNotional: 4 x 100.10 + 6 x 100.20");
        assertEquals("broker-coid-jo", jo.brokerOrderId());

        JournaledOrder jp = journal.journaledOrder("coid-jp").orElseGet(() -> fail("order with an intent not found"));
        assertSameIntent(partial, jp.intent());
        assertEquals(OrderStatus.PARTIALLY_FILLED, jp.lastStatus());
        assertDecimal(new BigDecimal("3"), jp.filledQuantity(), "filledQuantity of another order's fills kept apart");
        assertDecimal(new BigDecimal("298.50"), jp.filledNotional(), "filledNotional");

        assertTrue(journal.journaledOrder("coid-foreign").isEmpty(), "events without an intent make no journaled order");
        assertTrue(journal.journaledOrder("coid-never").isEmpty(), "an id never recorded has no journaled order");
    }

    @Test
    @DisplayName("an intent without events is CREATED, without fills or broker id, and unfinished")
    void intentWithoutEventsIsCreatedAndUnfinished() {
        OrderIntent intent = intent("coid-c", new BigDecimal("5"), "strategy-a");
        await(journal.recordIntent(intent), "recordIntent");
        await(journal.flush(), "flush");

        JournaledOrder jo = journal.journaledOrder("coid-c").orElseGet(() -> fail("durable intent not found"));
        assertEquals(OrderStatus.CREATED, jo.lastStatus());
        assertDecimal(BigDecimal.ZERO, jo.filledQuantity(), "filledQuantity");
        assertDecimal(BigDecimal.ZERO, jo.filledNotional(), "filledNotional");
        assertEquals(null, jo.brokerOrderId(), "brokerOrderId");
        List<JournaledOrder> unfinished = journal.unfinishedOrders();
        assertEquals(List.of("coid-c"), ids(unfinished), "an intent that never got an event is for recovery to resolve");
        assertEquals(OrderStatus.CREATED, unfinished.get(0).lastStatus());
        assertSameIntent(intent, unfinished.get(0).intent());
    }

    @Test
    @DisplayName("unfinishedOrders: orders without a terminal last event, oldest intent first, with their fills")
    void unfinishedOrdersOldestFirst() {
        // Recorded in this order; the ids sort the other way, so neither id nor name order passes.
        OrderIntent open = intent("coid-u3", new BigDecimal("10"), "strategy-a", T0);
        OrderIntent filled = intent("coid-u2", new BigDecimal("10"), "strategy-a", T0.plusSeconds(1));
        OrderIntent created = intent("coid-u1", new BigDecimal("10"), "strategy-b", T0.plusSeconds(2));
        OrderIntent canceled = intent("coid-u0", new BigDecimal("10"), "strategy-a", T0.plusSeconds(3));
        OrderIntent partial = intent("coid-u-", new BigDecimal("10"), "strategy-b", T0.plusSeconds(4));
        for (OrderIntent i : List.of(open, filled, created, canceled, partial)) {
            await(journal.recordIntent(i), "recordIntent");
        }
        Fill pf = fill("fill-u-1", "coid-u-", "4", "100.00");
        Fill ff = fill("fill-u2-1", "coid-u2", "10", "100.00");
        Fill cf = fill("fill-u0-1", "coid-u0", "2", "100.00");
        journal.recordOrderEvent(event("coid-u-", OrderEventType.NEW, "0", null));
        journal.recordFill(pf);
        journal.recordOrderEvent(event("coid-u-", OrderEventType.PARTIAL_FILL, "4", pf));
        journal.recordOrderEvent(event("coid-u3", OrderEventType.NEW, "0", null));
        journal.recordFill(ff);
        journal.recordOrderEvent(event("coid-u2", OrderEventType.FILL, "10", ff));
        journal.recordFill(cf);
        journal.recordOrderEvent(event("coid-u0", OrderEventType.PARTIAL_FILL, "2", cf));
        journal.recordOrderEvent(event("coid-u0", OrderEventType.CANCELED, "2", null));
        await(journal.flush(), "flush");

        List<JournaledOrder> unfinished = journal.unfinishedOrders();
        assertEquals(List.of("coid-u3", "coid-u1", "coid-u-"), ids(unfinished),
                "the open, the created and the partially filled order, in the order their intents were recorded;"
                        + " the filled and the canceled order are finished");
        assertEquals(OrderStatus.NEW, unfinished.get(0).lastStatus());
        assertEquals(OrderStatus.CREATED, unfinished.get(1).lastStatus());
        assertEquals(OrderStatus.PARTIALLY_FILLED, unfinished.get(2).lastStatus());
        assertDecimal(new BigDecimal("4"), unfinished.get(2).filledQuantity(), "filledQuantity of the partial order");
        assertDecimal(new BigDecimal("400.00"), unfinished.get(2).filledNotional(), "filledNotional of the partial order");
        assertEquals("broker-coid-u-", unfinished.get(2).brokerOrderId());
        assertSameIntent(partial, unfinished.get(2).intent());
        for (JournaledOrder o : unfinished) {
            assertEquals(journal.journaledOrder(o.clientOrderId()).orElseThrow().lastStatus(), o.lastStatus(),
                    "unfinishedOrders and journaledOrder agree on " + o.clientOrderId());
        }
        assertEquals(OrderStatus.CANCELED, journal.journaledOrder("coid-u0").orElseThrow().lastStatus());
    }

    @Test
    @DisplayName("lastStatus is the last journaled event's: an event without a status keeps it, a late event after a terminal one sets it")
    void lastStatusIsTheLastJournaledEvents() {
        await(journal.recordIntent(intent("coid-l1", new BigDecimal("10"), "strategy-a")), "recordIntent");
        await(journal.recordIntent(intent("coid-l2", new BigDecimal("10"), "strategy-a")), "recordIntent");
        Fill f = fill("fill-l1", "coid-l1", "10", "100.00");
        journal.recordFill(f);
        journal.recordOrderEvent(event("coid-l1", OrderEventType.FILL, "10", f));
        // A refused cancel carries no status: the order stays FILLED and finished.
        journal.recordOrderEvent(event("coid-l1", OrderEventType.ORDER_CANCEL_REJECTED, "10", null));
        journal.recordOrderEvent(event("coid-l2", OrderEventType.CANCELED, "0", null));
        // A late pending-cancel after the terminal event: the contract takes the last journaled event,
        // so the order is unfinished again and recovery asks the broker about it.
        journal.recordOrderEvent(event("coid-l2", OrderEventType.PENDING_CANCEL, "0", null));
        await(journal.flush(), "flush");

        assertEquals(OrderStatus.FILLED, journal.journaledOrder("coid-l1").orElseThrow().lastStatus());
        assertEquals(OrderStatus.PENDING_CANCEL, journal.journaledOrder("coid-l2").orElseThrow().lastStatus());
        assertEquals(List.of("coid-l2"), ids(journal.unfinishedOrders()));
    }

    @Test
    @DisplayName("fills(clientOrderId): only that order's fills, each once, in the order recorded")
    void fillsOfOneOrderInRecordingOrder() {
        Fill a1 = fill("z-fill", "coid-fa", "1", "100.00", T0.plusSeconds(9));
        Fill b1 = fill("m-fill", "coid-fb", "2", "100.00", T0.plusSeconds(1));
        Fill a2 = fill("a-fill", "coid-fa", "3", "100.50", T0.plusSeconds(2));
        Fill a3 = fill("k-fill", "coid-fa", "4", "101.00", T0.plusSeconds(5));
        journal.recordFill(a1);
        journal.recordFill(b1);
        journal.recordFill(a2);
        journal.recordFill(a1);
        journal.recordFill(a3);
        await(journal.flush(), "flush");

        List<Fill> got = journal.fills("coid-fa");
        assertEquals(List.of("z-fill", "a-fill", "k-fill"), fillIds(got),
                "the order's fills in recording order (not by id, not by time), the repeat once");
        assertSameFill(a1, got.get(0));
        assertSameFill(a2, got.get(1));
        assertSameFill(a3, got.get(2));
        assertEquals(List.of("m-fill"), fillIds(journal.fills("coid-fb")));
        assertTrue(journal.fills("coid-none").isEmpty(), "an order without fills has none");
    }

    @Test
    @DisplayName("fillsSince: fills at or after the instant (the boundary included), in the order recorded")
    void fillsSinceBoundaryInclusive() {
        Fill late = fill("fill-s6", "coid-s", "1", "100.00", T0.plusSeconds(6));
        Fill early = fill("fill-s4", "coid-s", "1", "100.00", T0.plusSeconds(4));
        Fill atBoundary = fill("fill-s5", "coid-t", "1", "100.00", T0.plusSeconds(5));
        journal.recordFill(late);
        journal.recordFill(early);
        journal.recordFill(atBoundary);
        await(journal.flush(), "flush");

        assertEquals(List.of("fill-s6", "fill-s5"), fillIds(journal.fillsSince(T0.plusSeconds(5))),
                "a fill exactly at the instant is included; recording order kept");
        assertEquals(List.of("fill-s6", "fill-s4", "fill-s5"), fillIds(journal.fillsSince(T0)));
        assertEquals(List.of("fill-s6"), fillIds(journal.fillsSince(T0.plusSeconds(5).plusMillis(1))));
        assertTrue(journal.fillsSince(T0.plusSeconds(7)).isEmpty(), "nothing after the last fill");
    }

    @Test
    @DisplayName("reconciliations are kept in the order recorded with their differences; a repeat of (account, kind, time) changes nothing")
    void reconciliationsKeptInOrder() {
        ReconciliationRecord recovery = new ReconciliationRecord("acct-1", "recovery", T0,
                List.of("AAPL: the broker holds 10, the journal's fills explain 8; 2 is unattributed",
                        "order coid-9 is finished in the journal but open at the broker (new)"),
                "broker vs journal vs ledger: 1 position, 2 differences");
        ReconciliationRecord endOfDay = new ReconciliationRecord("acct-1", "end-of-day", T0.plusSeconds(60), List.of(),
                "broker vs journal vs ledger: 1 position, 0 differences");
        ReconciliationRecord otherAccount = new ReconciliationRecord("acct-2", "recovery", T0, List.of(), "clean");
        journal.recordReconciliation(recovery);
        journal.recordReconciliation(endOfDay);
        journal.recordReconciliation(new ReconciliationRecord("acct-1", "recovery", T0, List.of(), "a repeat"));
        journal.recordReconciliation(otherAccount);
        await(journal.flush(), "flush");

        List<ReconciliationRecord> got = journal.reconciliations();
        if (!keepsReconciliations()) {
            assertTrue(got.isEmpty(), () -> "a journal that keeps no reconciliations returns none, was " + got);
            return;
        }
        assertEquals(List.of(recovery, endOfDay, otherAccount), got,
                "each (account, kind, time) once, the first record kept, in the order recorded");
        assertFalse(got.get(0).clean());
        assertTrue(got.get(1).clean());
    }

    // ---------------------------------------------------------------- fixtures and helpers

    protected static OrderIntent intent(String clientOrderId, BigDecimal quantity, String strategyId) {
        return intent(clientOrderId, quantity, strategyId, T0);
    }

    protected static OrderIntent intent(String clientOrderId, BigDecimal quantity, String strategyId, Instant createdAt) {
        OrderRequest request = OrderRequest.limit(clientOrderId, "AAPL", OrderSide.BUY, quantity, new BigDecimal("101.25"),
                TimeInForce.DAY);
        return new OrderIntent(request, "sig-" + clientOrderId, strategyId, new BigDecimal("101.20"), 0.02, createdAt);
    }

    protected static OrderEvent event(String clientOrderId, OrderEventType type, String filled, Fill fill) {
        BigDecimal qty = new BigDecimal(filled);
        BigDecimal avg = qty.signum() == 0 ? null : new BigDecimal("100.15");
        return new OrderEvent(type, clientOrderId, "broker-" + clientOrderId, "AAPL", OrderSide.BUY, qty, avg, fill,
                T0.plusSeconds(qty.longValue()), null);
    }

    protected static Fill fill(String fillId, String clientOrderId, String quantity, String price) {
        return fill(fillId, clientOrderId, quantity, price, T0.plusSeconds(5));
    }

    protected static Fill fill(String fillId, String clientOrderId, String quantity, String price, Instant time) {
        return new Fill(fillId, clientOrderId, "AAPL", OrderSide.BUY, new BigDecimal(quantity), new BigDecimal(price),
                new BigDecimal("1.00"), time);
    }

    private static List<String> ids(List<JournaledOrder> orders) {
        return orders.stream().map(JournaledOrder::clientOrderId).collect(Collectors.toList());
    }

    private static List<String> fillIds(List<Fill> fills) {
        return fills.stream().map(Fill::fillId).collect(Collectors.toList());
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
