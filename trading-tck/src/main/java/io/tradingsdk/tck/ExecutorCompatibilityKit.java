package io.tradingsdk.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Executor} must have, as JUnit 5 tests. An implementation proves it by
 * extending this class in its own test sources and implementing the hooks:
 *
 * <pre>{@code
 * class MyExecutorCompatibilityTest extends ExecutorCompatibilityKit {
 *     protected Executor createExecutor() { return new MyExecutor(...); }
 *     protected void makeMarketTrade(String symbol, BigDecimal price) { venue.trade(symbol, price); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh executor from {@link #createExecutor()} with a
 * {@link RecordingOrderEventListener} subscribed, and closes it afterwards. The account behind it
 * may hold earlier positions: position checks compare the snapshot before and after. Client order
 * ids are unique per kit instance ({@code tck-<random>-<tag>-<n>}), so a shared venue account is
 * fine.
 *
 * <p>Two tests are optional. The venue-halt test runs only for a kit whose {@link #canForceHalt()}
 * says it can make the venue halt the executor ({@link #forceHalt()}), and is skipped otherwise (an
 * executor whose venue never halts, like the paper executor). The test of a replace after a partial
 * fill runs only for a kit whose {@link #canFillInParts()} says it can fill orders in part
 * ({@link #makePartialTrade}); a kit for a real or fake broker should say so.
 *
 * <p>The test that open orders reported by {@link Executor#snapshot()} are watched is optional as
 * well: it runs only for a kit that can place an order in the account without the executor under
 * test ({@link #placeOrderOutsideExecutor}), as an earlier run of the host or another application
 * would.
 *
 * <p>Waiting is bounded by {@link #eventTimeout()} and polls the recorded events; no test asserts
 * on elapsed time. When a test needs an order to fill, it calls {@link #makeMarketTrade} again on
 * each polling round until the order is filled, so executors that fill in parts (one part per
 * trade) pass as well.
 */
public abstract class ExecutorCompatibilityKit {

    /** Event types that mean "the venue has the order and it is working". */
    protected static final Set<OrderEventType> ACCEPTANCE =
            EnumSet.of(OrderEventType.PENDING_NEW, OrderEventType.ACCEPTED, OrderEventType.NEW);

    private static final Duration POLL_ROUND = Duration.ofMillis(100);

    /** The executor under test, created before each test. */
    protected Executor executor;
    /** Every event the executor delivered during the current test. */
    protected final RecordingOrderEventListener events = new RecordingOrderEventListener();

    private AutoCloseable subscription;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger idSequence = new AtomicInteger();

    // ---------------------------------------------------------------- hooks

    /** A fresh executor for one test; the kit subscribes to it and closes it. */
    protected abstract Executor createExecutor();

    /**
     * Drives the venue so that a trade in {@code symbol} happens at {@code price}: working market
     * orders fill (at least partly) at about that price, limit orders fill if the price reaches them.
     * The paper executor feeds a bar; a fake broker server fills its open orders.
     */
    protected abstract void makeMarketTrade(String symbol, BigDecimal price);

    /** A symbol the venue trades. */
    protected String tradableSymbol() {
        return "AAPL";
    }

    /** A typical price of {@link #tradableSymbol()}; far-away limits are half of it. */
    protected BigDecimal referencePrice() {
        return new BigDecimal("100");
    }

    /** The longest the kit waits for one expected event or future. */
    protected Duration eventTimeout() {
        return Duration.ofSeconds(5);
    }

    /** The quantity of the kit's orders. */
    protected BigDecimal orderQuantity() {
        return BigDecimal.TEN;
    }

    /**
     * Whether this kit can make a trade fill working orders only in part ({@link #makePartialTrade}).
     * Default {@code false}: the test of a replace after a partial fill is skipped.
     */
    protected boolean canFillInParts() {
        return false;
    }

    /**
     * Drives the venue so that a trade in {@code symbol} at {@code price} fills each working order it
     * reaches in part: some quantity, never all of it. For example a fake broker that fills at most a
     * set quantity per trade, or a paper executor with a partial fill ratio below one. Called on the
     * test thread, only when {@link #canFillInParts()} is {@code true}.
     *
     * @throws UnsupportedOperationException by default
     */
    protected void makePartialTrade(String symbol, BigDecimal price) {
        throw new UnsupportedOperationException("this kit cannot fill orders in part");
    }

    /**
     * Whether this kit can make the venue halt the executor under test ({@link #forceHalt()}).
     * Default {@code false}: the venue-halt test is skipped.
     */
    protected boolean canForceHalt() {
        return false;
    }

    /**
     * Makes the venue halt {@link #executor} by whatever means the venue has, for example a fake
     * broker that answers the next order with HTTP 401 and an order submitted here to meet it.
     * Returns once the cause is on its way; the kit then waits up to {@link #eventTimeout()} for
     * {@link io.tradingsdk.api.order.OrderEventListener#onVenueHalted}. Called on the test thread,
     * only when {@link #canForceHalt()} is {@code true}; orders it submits may end as they like.
     *
     * @throws UnsupportedOperationException by default
     */
    protected void forceHalt() {
        throw new UnsupportedOperationException("this kit cannot make the venue halt the executor");
    }

    /**
     * How many submits of {@code clientOrderId} reached the venue, or {@code -1} when the kit cannot
     * tell (the default). The venue-halt test uses it to check that an order after the halt was not
     * sent; with {@code -1} it relies on the events alone.
     */
    protected int submitsReceivedByVenue(String clientOrderId) {
        return -1;
    }

    /**
     * Places {@code request} at the venue, in the account of {@link #executor}, without going through
     * it (as an earlier run of the host or another application would), and returns {@code true}; or
     * returns {@code false} when the venue has no such way (the default), and the test of watching
     * snapshot orders is skipped. Called on the test thread.
     */
    protected boolean placeOrderOutsideExecutor(OrderRequest request) {
        return false;
    }

    // ---------------------------------------------------------------- lifecycle

    @BeforeEach
    void openExecutor() {
        executor = createExecutor();
        assertNotNull(executor, "createExecutor() returned null");
        subscription = executor.subscribe(events);
        assertNotNull(subscription, "subscribe() must return a handle");
    }

    @AfterEach
    void closeExecutor() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        if (executor != null) {
            executor.close();
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    @DisplayName("a market order is accepted, then fills completely; cumulative filled quantity never decreases")
    void marketOrderIsAcceptedThenFillsCompletely() {
        String id = newClientOrderId("mkt");
        executor.submit(marketBuy(id, orderQuantity()));
        OrderEvent accepted = awaitAccepted(id);
        assertEquals(id, accepted.clientOrderId());
        assertEquals(tradableSymbol(), accepted.symbol());
        assertEquals(OrderSide.BUY, accepted.side());

        OrderEvent filled = awaitFilledWhileTrading(id);
        assertEquals(0, orderQuantity().compareTo(filled.filledQuantity()),
                () -> "final filledQuantity must equal the order quantity " + orderQuantity() + ", was "
                        + filled.filledQuantity());
        assertNotNull(filled.averageFillPrice(), "a FILL event carries the average fill price");
        assertTrue(filled.averageFillPrice().signum() > 0, "average fill price must be positive");

        List<OrderEvent> history = events.eventsOf(id);
        assertTrue(ACCEPTANCE.contains(history.get(0).type()),
                () -> "the first event of an order is an acceptance, was " + describe(history));
        assertFilledQuantityNeverDecreases(id);
        assertAttachedFillsSumTo(id, orderQuantity());
        assertConsistentEventHistory();
    }

    @Test
    @DisplayName("lookup by client order id returns the order with its terms and its final status")
    void lookupReturnsOrderWithTermsAndFinalStatus() {
        String id = newClientOrderId("lookup");
        OrderRequest request = marketBuy(id, orderQuantity());
        executor.submit(request);
        awaitAccepted(id);
        awaitFilledWhileTrading(id);

        Order order = lookupPresent(id);
        assertEquals(id, order.clientOrderId());
        assertEquals(tradableSymbol(), order.symbol());
        assertEquals(OrderSide.BUY, order.request().side());
        assertEquals(OrderType.MARKET, order.request().type());
        assertEquals(0, orderQuantity().compareTo(order.request().quantity()),
                () -> "looked-up quantity must be " + orderQuantity() + ", was " + order.request().quantity());
        assertEquals(OrderStatus.FILLED, order.status());
        assertEquals(0, orderQuantity().compareTo(order.filledQuantity()),
                () -> "looked-up filledQuantity must be " + orderQuantity() + ", was " + order.filledQuantity());
        assertNotNull(order.averageFillPrice(), "a filled order has an average fill price");
    }

    @Test
    @DisplayName("lookup of an unknown client order id completes with empty, not exceptionally")
    void lookupOfUnknownIdIsEmpty() {
        Optional<Order> found = await(executor.lookup(newClientOrderId("never-sent")), "lookup of an unknown id");
        assertNotNull(found, "lookup must complete with an Optional, not null");
        assertTrue(found.isEmpty(), () -> "an id the venue never saw must be empty, was " + found);
    }

    @Test
    @DisplayName("re-submitting the same client order id never creates a second order or a second fill")
    void resubmittingSameClientOrderIdDoesNotCreateSecondOrder() {
        BigDecimal before = positionQuantity(snapshotNow());
        String id = newClientOrderId("dup");
        executor.submit(marketBuy(id, orderQuantity()));
        awaitAccepted(id);
        // Same id, different terms: a retry must never become a new order, whatever it carries.
        assertDoesNotThrow(() -> executor.submit(marketBuy(id, orderQuantity().add(orderQuantity()))),
                "a duplicate client order id is reported through events, not thrown");
        awaitFilledWhileTrading(id);
        // One more trade: a second order, if one had been created, would fill now.
        makeMarketTrade(tradableSymbol(), referencePrice());

        Order order = lookupPresent(id);
        assertEquals(0, orderQuantity().compareTo(order.request().quantity()),
                () -> "the original order's quantity must be kept, was " + order.request().quantity());
        assertEquals(0, orderQuantity().compareTo(order.filledQuantity()),
                () -> "filled quantity must be the original quantity, was " + order.filledQuantity());

        List<OrderEvent> history = events.eventsOf(id);
        BigDecimal maxFilled = history.stream().map(OrderEvent::filledQuantity).reduce(BigDecimal.ZERO, BigDecimal::max);
        assertEquals(0, orderQuantity().compareTo(maxFilled),
                () -> "no event may report more than the original quantity filled: " + describe(history));
        assertAttachedFillsSumTo(id, orderQuantity());
        Set<String> brokerIds = new LinkedHashSet<>();
        history.stream().map(OrderEvent::brokerOrderId).filter(b -> b != null).forEach(brokerIds::add);
        assertTrue(brokerIds.size() <= 1, () -> "one client order id, one broker order; saw " + brokerIds);

        BigDecimal after = positionQuantity(snapshotNow());
        assertEquals(0, orderQuantity().compareTo(after.subtract(before)),
                () -> "the position must grow by exactly one order's quantity: before " + before + ", after " + after);
        assertConsistentEventHistory();
    }

    @Test
    @DisplayName("cancel of an open limit order ends it CANCELED")
    void cancelOfOpenLimitOrderEndsCanceled() {
        String id = newClientOrderId("cancel");
        executor.submit(farBuyLimit(id, farBuyLimitPrice()));
        awaitAccepted(id);
        // A trade at the reference price does not reach a limit at half of it.
        makeMarketTrade(tradableSymbol(), referencePrice());

        executor.cancel(id);
        OrderEvent canceled = awaitEvent(isFor(id, OrderEventType.CANCELED), "CANCELED for " + id);
        assertEquals(0, canceled.filledQuantity().signum(), "nothing was filled before the cancel");
        Order order = lookupPresent(id);
        assertEquals(OrderStatus.CANCELED, order.status());
        assertTrue(events.eventsOf(id).stream().noneMatch(e -> e.fill() != null),
                () -> "a limit far from the market must not fill: " + describe(events.eventsOf(id)));
        assertConsistentEventHistory();
    }

    @Test
    @DisplayName("cancel of an unknown client order id is reported (ORDER_CANCEL_REJECTED) and never thrown")
    void cancelOfUnknownIdIsRejectedWithoutException() {
        String id = newClientOrderId("unknown-cancel");
        assertDoesNotThrow(() -> executor.cancel(id), "cancel of an unknown id must not throw");
        OrderEvent rejected = awaitEvent(isFor(id, OrderEventType.ORDER_CANCEL_REJECTED),
                "ORDER_CANCEL_REJECTED for unknown " + id);
        assertEquals(0, rejected.filledQuantity().signum(), "an unknown order has nothing filled");
        assertTrue(events.eventsOf(id).stream().noneMatch(e -> e.type() == OrderEventType.CANCELED),
                "an order that never existed cannot be CANCELED");
    }

    @Test
    @DisplayName("replace of an open limit order ends the old order REPLACED and makes the new id live")
    void replaceOfOpenLimitOrderEndsOldReplacedAndNewLive() {
        String oldId = newClientOrderId("repl-old");
        String newId = newClientOrderId("repl-new");
        executor.submit(farBuyLimit(oldId, farBuyLimitPrice()));
        awaitAccepted(oldId);

        BigDecimal newLimit = farBuyLimitPrice().add(new BigDecimal("0.01"));
        executor.replace(oldId, new ReplaceRequest(newId, null, newLimit, null, null));
        awaitEvent(isFor(oldId, OrderEventType.REPLACED), "REPLACED for " + oldId);
        awaitAccepted(newId);

        assertEquals(OrderStatus.REPLACED, lookupPresent(oldId).status());
        Order replacement = lookupPresent(newId);
        assertFalse(replacement.status().isTerminal(), () -> "the replacement must be live, was " + replacement.status());
        assertEquals(tradableSymbol(), replacement.symbol());
        assertEquals(OrderSide.BUY, replacement.request().side());
        assertEquals(OrderType.LIMIT, replacement.request().type());
        assertEquals(0, newLimit.compareTo(replacement.request().limitPrice()),
                () -> "the replacement carries the new limit " + newLimit + ", was " + replacement.request().limitPrice());
        assertEquals(0, orderQuantity().compareTo(replacement.request().quantity()),
                () -> "a quantity left null keeps its value " + orderQuantity() + ", was "
                        + replacement.request().quantity());

        executor.cancel(newId);
        awaitEvent(isFor(newId, OrderEventType.CANCELED), "CANCELED for the replacement " + newId);
        assertConsistentEventHistory();
    }

    @Test
    @DisplayName("optional: replace without a quantity after a partial fill: the replacement has the requested quantity, not the unfilled rest")
    void replaceWithoutQuantityKeepsTheRequestedQuantity() {
        Assumptions.assumeTrue(canFillInParts(), "this kit cannot fill orders in part (canFillInParts)");
        String oldId = newClientOrderId("repl-part-old");
        String newId = newClientOrderId("repl-part-new");
        // A buy limit at the reference price: a trade there reaches it.
        executor.submit(OrderRequest.limit(oldId, tradableSymbol(), OrderSide.BUY, orderQuantity(), referencePrice(),
                TimeInForce.GTC));
        awaitAccepted(oldId);
        makePartialTrade(tradableSymbol(), referencePrice());
        OrderEvent part = awaitEvent(isFor(oldId, OrderEventType.PARTIAL_FILL), "PARTIAL_FILL for " + oldId);
        BigDecimal filled = part.filledQuantity();
        assertTrue(filled.signum() > 0 && filled.compareTo(orderQuantity()) < 0,
                () -> "makePartialTrade must fill part of the order, filled " + filled + " of " + orderQuantity());

        // A far limit, so the replacement does not trade while the test looks at it.
        executor.replace(oldId, new ReplaceRequest(newId, null, farBuyLimitPrice(), null, null));
        awaitEvent(isFor(oldId, OrderEventType.REPLACED), "REPLACED for " + oldId);
        awaitAccepted(newId);

        Order replaced = lookupPresent(oldId);
        assertEquals(OrderStatus.REPLACED, replaced.status());
        assertEquals(0, filled.compareTo(replaced.filledQuantity()),
                () -> "the replaced order keeps its fills " + filled + ", was " + replaced.filledQuantity());
        Order replacement = lookupPresent(newId);
        BigDecimal rest = orderQuantity().subtract(filled);
        assertEquals(0, orderQuantity().compareTo(replacement.request().quantity()),
                () -> "a replace without a quantity keeps the requested quantity " + orderQuantity()
                        + " (ReplaceRequest, as Alpaca's PATCH does), not the unfilled rest " + rest + "; was "
                        + replacement.request().quantity());

        executor.cancel(newId);
        awaitEvent(isFor(newId, OrderEventType.CANCELED), "CANCELED for the replacement " + newId);
        assertConsistentEventHistory();
    }

    @Test
    @DisplayName("the account snapshot after a fill shows the position")
    void snapshotAfterFillShowsPosition() {
        BigDecimal before = positionQuantity(snapshotNow());
        String id = newClientOrderId("snap");
        executor.submit(marketBuy(id, orderQuantity()));
        awaitAccepted(id);
        awaitFilledWhileTrading(id);

        AccountSnapshot after = snapshotNow();
        assertNotNull(after.cash(), "a snapshot has cash");
        BigDecimal delta = positionQuantity(after).subtract(before);
        assertEquals(0, orderQuantity().compareTo(delta),
                () -> "the position in " + tradableSymbol() + " must grow by " + orderQuantity() + ", grew by " + delta
                        + "; positions " + after.positions());
        assertTrue(after.openOrders().stream().noneMatch(o -> o.clientOrderId().equals(id)),
                "a filled order is not an open order");
    }

    @Test
    @DisplayName("no event moves an order away from a terminal status (FILLED, CANCELED, REPLACED)")
    void eventsNeverGoBackFromTerminalStatus() {
        String filledId = newClientOrderId("term-fill");
        executor.submit(marketBuy(filledId, orderQuantity()));
        awaitAccepted(filledId);
        awaitFilledWhileTrading(filledId);
        executor.cancel(filledId);
        awaitEvent(isFor(filledId, OrderEventType.ORDER_CANCEL_REJECTED), "ORDER_CANCEL_REJECTED for filled " + filledId);

        String canceledId = newClientOrderId("term-cancel");
        executor.submit(farBuyLimit(canceledId, farBuyLimitPrice()));
        awaitAccepted(canceledId);
        executor.cancel(canceledId);
        awaitEvent(isFor(canceledId, OrderEventType.CANCELED), "CANCELED for " + canceledId);

        String neverId = newClientOrderId("term-never");
        executor.replace(canceledId, new ReplaceRequest(neverId, null, farBuyLimitPrice(), null, null));
        awaitEvent(isFor(canceledId, OrderEventType.ORDER_REPLACE_REJECTED),
                "ORDER_REPLACE_REJECTED for canceled " + canceledId);
        executor.cancel(canceledId);
        awaitEvent(e -> e.clientOrderId().equals(canceledId) && e.type() == OrderEventType.ORDER_CANCEL_REJECTED,
                "ORDER_CANCEL_REJECTED for canceled " + canceledId);
        makeMarketTrade(tradableSymbol(), referencePrice());
        makeMarketTrade(tradableSymbol(), farBuyLimitPrice());

        assertEquals(OrderStatus.FILLED, lookupPresent(filledId).status());
        assertEquals(OrderStatus.CANCELED, lookupPresent(canceledId).status());
        assertTrue(await(executor.lookup(neverId), "lookup of " + neverId).isEmpty(),
                "replacing a canceled order must not create the replacement");
        assertConsistentEventHistory();
    }

    @Test
    @DisplayName("optional: a venue halt is reported exactly once with a reason, also to a later listener; later submits are REJECTED, not sent")
    void venueHaltIsReportedOnceAndLaterSubmitsAreRejected() throws Exception {
        Assumptions.assumeTrue(canForceHalt(), "this kit cannot make the venue halt the executor (canForceHalt)");
        forceHalt();
        events.awaitVenueHalt(eventTimeout());
        List<String> halts = events.venueHalts();
        assertFalse(halts.isEmpty(), () -> "no venue halt reported within " + eventTimeout() + " of forceHalt()");
        assertNotNull(halts.get(0), "a venue halt carries a reason");
        assertFalse(halts.get(0).isBlank(), "a venue halt carries a non-blank reason");

        String id = newClientOrderId("after-halt");
        assertDoesNotThrow(() -> executor.submit(marketBuy(id, orderQuantity())),
                "a halted executor reports a refusal as an event, it does not throw");
        OrderEvent rejected = awaitEvent(isFor(id, OrderEventType.REJECTED), "REJECTED for " + id + " submitted after the halt");
        assertEquals(0, rejected.filledQuantity().signum(), "an order refused after a halt has nothing filled");
        makeMarketTrade(tradableSymbol(), referencePrice()); // it would fill now, had it been sent
        int received = submitsReceivedByVenue(id);
        if (received >= 0) {
            assertEquals(0, received, () -> "an order submitted after the halt must not reach the venue; it arrived "
                    + received + " time(s)");
        }
        assertTrue(events.eventsOf(id).stream().noneMatch(e -> ACCEPTANCE.contains(e.type()) || e.fill() != null),
                () -> "an order submitted after the halt is never accepted or filled: " + describe(events.eventsOf(id)));
        // The rejection came after the halt on the same event thread: a second report would have come by now.
        assertEquals(1, events.venueHalts().size(), () -> "one halt, one report; got " + events.venueHalts());

        // A listener subscribing after the halt hears it as well, and also only once.
        RecordingOrderEventListener late = new RecordingOrderEventListener();
        try (AutoCloseable lateSubscription = executor.subscribe(late)) {
            assertTrue(late.awaitVenueHalt(eventTimeout()).isPresent(),
                    () -> "a listener subscribing after the halt must hear it within " + eventTimeout());
            String lateId = newClientOrderId("after-halt-late");
            executor.submit(marketBuy(lateId, orderQuantity()));
            assertTrue(late.await(isFor(lateId, OrderEventType.REJECTED), eventTimeout()).isPresent(),
                    () -> "no REJECTED for " + lateId + " submitted after the halt; received " + describe(late.events()));
            assertEquals(1, late.venueHalts().size(), () -> "one halt, one report; got " + late.venueHalts());
            if (submitsReceivedByVenue(lateId) >= 0) {
                assertEquals(0, submitsReceivedByVenue(lateId), "an order submitted after the halt must not reach the venue");
            }
        }
    }

    @Test
    @DisplayName("executionsSince returns each fill once, oldest first, with stable ids and cumulative quantities")
    void executionsSinceReturnsEachFillOnceWithStableIds() {
        String id = newClientOrderId("exec");
        executor.submit(marketBuy(id, orderQuantity()));
        Instant since = awaitAccepted(id).time().minusSeconds(1);
        awaitFilledWhileTrading(id);

        List<OrderEvent> all = await(executor.executionsSince(since), "executionsSince(" + since + ")");
        assertNotNull(all, "executionsSince must complete with a list, not null");
        Instant previous = since;
        for (OrderEvent e : all) {
            assertFalse(e.time().isBefore(previous), () -> "executions must come oldest first and at or after " + since
                    + ": " + describeExecutions(all));
            previous = e.time();
        }
        List<OrderEvent> mine = executionsOf(all, id);
        assertExecutionsCover(id, mine, orderQuantity());

        List<OrderEvent> again = executionsOf(await(executor.executionsSince(since), "executionsSince again"), id);
        assertEquals(fillIds(mine), fillIds(again), "the same executions have the same ids on every call");

        Instant firstTime = mine.get(0).time();
        List<OrderEvent> fromFirst = executionsOf(await(executor.executionsSince(firstTime),
                "executionsSince(first execution time)"), id);
        assertEquals(fillIds(mine), fillIds(fromFirst), "the lower bound is inclusive");
        Instant afterLast = mine.get(mine.size() - 1).time().plusMillis(1);
        List<OrderEvent> later = executionsOf(await(executor.executionsSince(afterLast),
                "executionsSince(after the last execution)"), id);
        assertTrue(later.isEmpty(), () -> "executions before the lower bound are left out: " + describeExecutions(later));
    }

    @Test
    @DisplayName("executionsSince includes fills that happened while no listener was subscribed")
    void executionsSinceIncludesFillsNobodyHeard() throws Exception {
        String id = newClientOrderId("exec-unheard");
        executor.submit(marketBuy(id, orderQuantity()));
        Instant since = awaitAccepted(id).time().minusSeconds(1);
        subscription.close();
        try {
            long deadline = System.nanoTime() + eventTimeout().toNanos();
            while (true) {
                makeMarketTrade(tradableSymbol(), referencePrice());
                Order order = lookupPresent(id);
                if (order.status() == OrderStatus.FILLED) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    fail("order " + id + " did not fill within " + eventTimeout() + " while nobody listened: " + order);
                }
            }
        } finally {
            subscription = executor.subscribe(events);
        }
        List<OrderEvent> mine = executionsOf(await(executor.executionsSince(since), "executionsSince(" + since + ")"), id);
        assertExecutionsCover(id, mine, orderQuantity());
    }

    @Test
    @DisplayName("optional: an open order reported by snapshot() is watched: its fill is delivered to the listener")
    void openOrderFromSnapshotIsWatched() {
        String id = newClientOrderId("adopted");
        Assumptions.assumeTrue(placeOrderOutsideExecutor(farBuyLimit(id, farBuyLimitPrice())),
                "this kit cannot place an order without the executor (placeOrderOutsideExecutor)");
        long deadline = System.nanoTime() + eventTimeout().toNanos();
        while (snapshotNow().openOrders().stream().noneMatch(o -> o.clientOrderId().equals(id))) {
            if (System.nanoTime() > deadline) {
                fail("the snapshot never listed the open order " + id + " placed outside the executor");
            }
        }
        Predicate<OrderEvent> filled = isFor(id, OrderEventType.FILL);
        while (events.find(filled).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the fill of " + id + ", an open order the snapshot reported, was not delivered within "
                        + eventTimeout() + "; its events: " + describe(events.eventsOf(id)));
            }
            int before = events.size();
            makeMarketTrade(tradableSymbol(), farBuyLimitPrice());
            events.awaitFrom(before, e -> e.clientOrderId().equals(id), POLL_ROUND);
        }
        assertEquals(0, orderQuantity().compareTo(events.find(filled).get().filledQuantity()),
                "the FILL of the watched order carries its whole quantity");
        assertFilledQuantityNeverDecreases(id);
        assertConsistentEventHistory();
    }

    @Test
    @DisplayName("submit after close throws IllegalStateException")
    void submitAfterCloseThrows() {
        executor.close();
        String id = newClientOrderId("closed");
        assertThrows(IllegalStateException.class, () -> executor.submit(marketBuy(id, orderQuantity())));
    }

    @Test
    @DisplayName("close is idempotent")
    void closeIsIdempotent() {
        assertDoesNotThrow(() -> executor.close());
        assertDoesNotThrow(() -> executor.close());
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /** A client order id unique to this kit instance, e.g. {@code tck-1a2b3c4d-mkt-1}. */
    protected final String newClientOrderId(String tag) {
        return "tck-" + runId + "-" + tag + "-" + idSequence.incrementAndGet();
    }

    /** A DAY market buy of {@code quantity} of {@link #tradableSymbol()}. */
    protected OrderRequest marketBuy(String clientOrderId, BigDecimal quantity) {
        return OrderRequest.market(clientOrderId, tradableSymbol(), OrderSide.BUY, quantity, TimeInForce.DAY);
    }

    /** A GTC limit buy of {@link #orderQuantity()} at {@code limitPrice}. */
    protected OrderRequest farBuyLimit(String clientOrderId, BigDecimal limitPrice) {
        return OrderRequest.limit(clientOrderId, tradableSymbol(), OrderSide.BUY, orderQuantity(), limitPrice,
                TimeInForce.GTC);
    }

    /** Half the reference price, to cents: a buy limit no trade at the reference price reaches. */
    protected BigDecimal farBuyLimitPrice() {
        return referencePrice().divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
    }

    /** Waits for a PENDING_NEW, ACCEPTED or NEW event of the order; fails listing its events otherwise. */
    protected OrderEvent awaitAccepted(String clientOrderId) {
        return awaitEvent(e -> e.clientOrderId().equals(clientOrderId) && ACCEPTANCE.contains(e.type()),
                "acceptance (PENDING_NEW, ACCEPTED or NEW) of " + clientOrderId);
    }

    /** Waits for a matching event; fails with what was received otherwise. */
    protected OrderEvent awaitEvent(Predicate<OrderEvent> predicate, String what) {
        return events.await(predicate, eventTimeout()).orElseGet(() -> fail("no " + what + " within " + eventTimeout()
                + "; received " + describe(events.events())));
    }

    /**
     * Makes market trades at the reference price until the order's FILL event arrives or
     * {@link #eventTimeout()} passes: the next trade follows as soon as the last one produced an event
     * of the order, or after a polling round of at most 100 ms when it produced none.
     */
    protected OrderEvent awaitFilledWhileTrading(String clientOrderId) {
        Predicate<OrderEvent> filled = isFor(clientOrderId, OrderEventType.FILL);
        long deadline = System.nanoTime() + eventTimeout().toNanos();
        while (true) {
            Optional<OrderEvent> done = events.find(filled);
            if (done.isPresent()) {
                return done.get();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return fail("order " + clientOrderId + " did not fill within " + eventTimeout() + "; its events: "
                        + describe(events.eventsOf(clientOrderId)));
            }
            int before = events.size();
            makeMarketTrade(tradableSymbol(), referencePrice());
            // Trade again as soon as this trade produced an event of the order (a partial fill), or
            // after a short round when it produced none yet.
            Duration round = Duration.ofNanos(Math.min(remaining, POLL_ROUND.toNanos()));
            events.awaitFrom(before, e -> e.clientOrderId().equals(clientOrderId), round);
        }
    }

    /** Events of this client order id and type. */
    protected static Predicate<OrderEvent> isFor(String clientOrderId, OrderEventType type) {
        return e -> e.clientOrderId().equals(clientOrderId) && e.type() == type;
    }

    /** Looks the order up and fails unless the venue knows it. */
    protected Order lookupPresent(String clientOrderId) {
        Optional<Order> found = await(executor.lookup(clientOrderId), "lookup of " + clientOrderId);
        assertNotNull(found, "lookup must complete with an Optional, not null");
        assertTrue(found.isPresent(), () -> "the venue must know " + clientOrderId);
        Order order = found.get();
        assertEquals(clientOrderId, order.clientOrderId());
        return order;
    }

    protected AccountSnapshot snapshotNow() {
        AccountSnapshot s = await(executor.snapshot(), "account snapshot");
        assertNotNull(s, "snapshot must complete with a value");
        return s;
    }

    /** The signed quantity held in {@link #tradableSymbol()}, zero when the snapshot lists none. */
    protected BigDecimal positionQuantity(AccountSnapshot snapshot) {
        return snapshot.positions().stream().filter(p -> p.symbol().equals(tradableSymbol()))
                .map(Position::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Waits for a future at most {@link #eventTimeout()}; fails on timeout or exceptional completion. */
    protected <T> T await(CompletableFuture<T> future, String what) {
        assertNotNull(future, what + " returned a null future");
        try {
            return future.get(eventTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return fail(what + " completed exceptionally", e.getCause());
        } catch (TimeoutException e) {
            return fail(what + " did not complete within " + eventTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what);
        }
    }

    /** Fails unless the cumulative filled quantity of the order's events never decreases. */
    protected void assertFilledQuantityNeverDecreases(String clientOrderId) {
        BigDecimal last = BigDecimal.ZERO;
        for (OrderEvent e : events.eventsOf(clientOrderId)) {
            if (e.filledQuantity().compareTo(last) < 0) {
                fail("cumulative filled quantity of " + clientOrderId + " went down from " + last + " to "
                        + e.filledQuantity() + ": " + describe(events.eventsOf(clientOrderId)));
            }
            last = e.filledQuantity();
        }
    }

    /** When the executor attaches fills, their quantities (each fill id once) add up to {@code expected}. */
    protected void assertAttachedFillsSumTo(String clientOrderId, BigDecimal expected) {
        Map<String, Fill> fills = new LinkedHashMap<>();
        for (OrderEvent e : events.eventsOf(clientOrderId)) {
            if (e.fill() != null) {
                Fill earlier = fills.putIfAbsent(e.fill().fillId(), e.fill());
                if (earlier != null) {
                    assertEquals(0, earlier.quantity().compareTo(e.fill().quantity()),
                            "a repeated fill id must describe the same execution: " + e.fill().fillId());
                }
            }
        }
        if (!fills.isEmpty()) {
            BigDecimal sum = fills.values().stream().map(Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, expected.compareTo(sum), () -> "fills of " + clientOrderId + " must add up to " + expected
                    + ", were " + fills.values());
            for (Fill f : fills.values()) {
                assertEquals(tradableSymbol(), f.symbol());
                assertEquals(clientOrderId, f.clientOrderId());
            }
        }
    }

    /**
     * Over everything received in this test, per order: the cumulative filled quantity never
     * decreases, and once an event reports a terminal status, every later event either leaves the
     * status unchanged (a refused cancel/replace) or repeats that same terminal status.
     */
    protected void assertConsistentEventHistory() {
        Map<String, BigDecimal> filled = new HashMap<>();
        Map<String, OrderStatus> terminal = new HashMap<>();
        for (OrderEvent e : events.events()) {
            String id = e.clientOrderId();
            BigDecimal last = filled.getOrDefault(id, BigDecimal.ZERO);
            if (e.filledQuantity().compareTo(last) < 0) {
                fail("cumulative filled quantity of " + id + " went down: " + describe(events.eventsOf(id)));
            }
            filled.put(id, e.filledQuantity());
            OrderStatus status = e.type().resultingStatus();
            OrderStatus end = terminal.get(id);
            if (end != null) {
                if (status != null && status != end) {
                    fail("order " + id + " reached " + end + " and then " + status + ": " + describe(events.eventsOf(id)));
                }
                if (e.fill() != null) {
                    assertSame(OrderStatus.FILLED, end, () -> "a fill after " + end + " for " + id);
                }
            } else if (status != null && status.isTerminal()) {
                terminal.put(id, status);
            }
        }
    }

    /** The executions of one order, in the order given. */
    protected static List<OrderEvent> executionsOf(List<OrderEvent> executions, String clientOrderId) {
        return executions.stream().filter(e -> e.clientOrderId().equals(clientOrderId)).toList();
    }

    private static List<String> fillIds(List<OrderEvent> executions) {
        List<String> ids = new ArrayList<>();
        for (OrderEvent e : executions) {
            ids.add(e.fill() == null ? null : e.fill().fillId());
        }
        return ids;
    }

    /**
     * Fails unless {@code executions} (one order's, from {@link Executor#executionsSince}) are its
     * fills each once: PARTIAL_FILL then FILL last, a fill with a distinct id on each, cumulative
     * quantities that are the running sums of the fills and end at {@code quantity}.
     */
    protected void assertExecutionsCover(String clientOrderId, List<OrderEvent> executions, BigDecimal quantity) {
        assertFalse(executions.isEmpty(), () -> "no execution of " + clientOrderId + " was listed");
        Set<String> ids = new LinkedHashSet<>();
        BigDecimal cumulative = BigDecimal.ZERO;
        for (int i = 0; i < executions.size(); i++) {
            OrderEvent e = executions.get(i);
            Fill f = e.fill();
            assertNotNull(f, () -> "every execution carries its fill: " + describeExecutions(executions));
            assertTrue(ids.add(f.fillId()), () -> "fill id " + f.fillId() + " listed twice: " + describeExecutions(executions));
            boolean last = i == executions.size() - 1;
            assertEquals(last ? OrderEventType.FILL : OrderEventType.PARTIAL_FILL, e.type(),
                    () -> "the last execution is FILL, earlier ones PARTIAL_FILL: " + describeExecutions(executions));
            cumulative = cumulative.add(f.quantity());
            BigDecimal expected = cumulative;
            assertEquals(0, expected.compareTo(e.filledQuantity()), () -> "filledQuantity is the cumulative quantity "
                    + expected + " after fill " + f.fillId() + ": " + describeExecutions(executions));
            assertEquals(clientOrderId, f.clientOrderId());
            assertEquals(tradableSymbol(), e.symbol(), "executions spell the symbol as orders do");
            assertEquals(tradableSymbol(), f.symbol(), "executions spell the symbol as orders do");
            assertEquals(OrderSide.BUY, f.side());
            assertTrue(f.price().signum() > 0, "an execution has a positive price");
            assertNotNull(e.brokerOrderId(), "an execution names the broker's order");
        }
        assertEquals(0, quantity.compareTo(cumulative), () -> "the executions of " + clientOrderId + " add up to "
                + quantity + ": " + describeExecutions(executions));
    }

    private static String describeExecutions(List<OrderEvent> list) {
        StringBuilder sb = new StringBuilder("[");
        for (OrderEvent e : list) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.clientOrderId()).append(':').append(e.type()).append(" cum=")
                    .append(e.filledQuantity().toPlainString()).append(" at ").append(e.time());
            if (e.fill() != null) {
                sb.append(" fill ").append(e.fill().fillId()).append(' ').append(e.fill().quantity().toPlainString());
            }
        }
        return sb.append(']').toString();
    }

    /** A short text of events for failure messages. */
    protected static String describe(List<OrderEvent> list) {
        StringBuilder sb = new StringBuilder("[");
        for (OrderEvent e : list) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.clientOrderId()).append(':').append(e.type()).append(" filled=")
                    .append(e.filledQuantity().toPlainString());
            if (e.reason() != null) {
                sb.append(" (").append(e.reason()).append(')');
            }
        }
        return sb.append(']').toString();
    }
}
