package io.tradingsdk.core.order;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.time.TradingClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's orders and their statuses, and the exactly-once source of fills for the ledger.
 *
 * <p><b>Thread:</b> single-threaded; the engine's event loop owns it and calls every method. No
 * locks, no I/O, no blocking.
 *
 * <p><b>Statuses</b> change only along {@link OrderStateMachine}. An illegal change (a stale or
 * out-of-order event, an event after a terminal status) is refused and logged at WARN, never
 * applied. An event that repeats the current status changes nothing and is not a refusal, even
 * for a terminal status (brokers and reconnects deliver duplicates).
 *
 * <p><b>Fills</b> are applied exactly once, whatever the order or repetition of events, and even
 * when the event's status change is refused (money that moved at the broker must reach the
 * ledger):
 * <ul>
 *   <li>An event that carries a {@link Fill} is de-duplicated by {@link Fill#fillId()} and by the
 *       part of the order it covers: an execution of quantity q reported at cumulative quantity c
 *       covers (c-q, c]; if that is already applied (for instance through a cumulative-only
 *       event), the fill is a duplicate. Its fee is taken from the fill.</li>
 *   <li>An event without a fill is de-duplicated by its cumulative quantity c1
 *       ({@link OrderEvent#filledQuantity()}): whatever part of (0, c1] is not applied yet becomes
 *       one derived fill, priced exactly from the average-price change,
 *       {@code (c1*avg1 - notional already applied inside (0, c1]) / (c1 - quantity already applied inside (0, c1])},
 *       scale at most 10, HALF_EVEN, trailing zeros stripped; its id is
 *       {@code clientOrderId + "#" + c1} (plain, trailing zeros stripped), its fee zero. For
 *       in-order events this is exactly {@code (c1*avg1 - c0*avg0)/(c1-c0)}.</li>
 *   <li>For quantity orders the applied quantity never exceeds the order quantity; anything
 *       beyond is dropped and logged at ERROR.</li>
 *   <li>A fill whose symbol or side differs from the order's is never applied (ERROR).</li>
 * </ul>
 * Known limit: when a cumulative-only event arrives before the fill event of the same execution,
 * the execution is applied from the cumulative event with zero fee and the later fill is a
 * duplicate, so its fee is not applied (logged at WARN). Alpaca reports no fees on trade updates.
 */
public final class OrderTracker {

    private static final Logger log = LoggerFactory.getLogger(OrderTracker.class);
    private static final int PRICE_SCALE = 10;

    /**
     * What {@link #onEvent} did.
     *
     * @param order          the tracked order after the event, or {@code null} if the id is not tracked
     * @param previousStatus the status before the event, or {@code null} if the id is not tracked
     * @param statusChanged  whether the status changed
     * @param refused        whether the event's status change was illegal and not applied, or the
     *                       event could not be applied at all (unknown order, symbol/side mismatch);
     *                       new fills may still be present when the status change was refused
     * @param newFills       fills to apply to the ledger, each exactly once; unmodifiable, empty if none
     */
    public record EventResult(TrackedOrder order, OrderStatus previousStatus, boolean statusChanged, boolean refused,
                              List<Fill> newFills) {
        public EventResult {
            newFills = List.copyOf(newFills);
        }
    }

    private final TradingClock clock;
    /** Default number of finished (terminal) orders kept for late or repeated events. */
    public static final int DEFAULT_FINISHED_RETENTION = 10_000;


    /**
     * Every client order id ever tracked: its {@link TrackedOrder} while open or among the retained
     * finished ones, the same object {@linkplain TrackedOrder#retire() retired} (details dropped) after,
     * since an id is never used twice. One map, so a lookup or a new id costs one hash probe. A
     * retired order costs about 170 bytes (its id, the map entry and the emptied object): a session
     * that places a million orders keeps about 170 MB for them; restart long sessions.
     */
    private final Map<String, TrackedOrder> byId = new HashMap<>();
    /** Orders that can still change, in creation order. */
    private TrackedOrder openHead;
    private TrackedOrder openTail;
    private int openCount;
    /**
     * The most recently finished orders, oldest first (retiring one touches only that object,
     * not the map): late and repeated events of an order
     * (reconnect backfills) still find it, while a session that runs for months does not keep every
     * order it ever placed. The journal keeps the full history.
     */
    private final ArrayDeque<TrackedOrder> finished = new ArrayDeque<>();
    private final int finishedRetention;

    /**
     * A tracker whose local transitions are stamped with {@code clock.now()}: pass the engine's
     * clock so a backtest gets simulated time.
     */
    public OrderTracker(TradingClock clock) {
        this(clock, DEFAULT_FINISHED_RETENTION);
    }

    /**
     * @param finishedRetention how many finished orders to keep for late events (at least 1)
     */
    public OrderTracker(TradingClock clock, int finishedRetention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (finishedRetention < 1) {
            throw new IllegalArgumentException("finishedRetention must be at least 1, was " + finishedRetention);
        }
        this.finishedRetention = finishedRetention;
    }

    /** A tracker whose local transitions are stamped with wall-clock time (tools, tests). */
    public OrderTracker() {
        this(new TradingClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public boolean isMarketOpen(String symbol) {
                return true;
            }
        });
    }

    /**
     * Starts tracking an order in status {@link OrderStatus#CREATED}.
     *
     * @throws NullPointerException  if {@code intent} is null
     * @throws IllegalStateException if its client order id is already tracked (nothing changes)
     */
    public TrackedOrder create(OrderIntent intent) {
        Objects.requireNonNull(intent, "intent");
        String id = intent.clientOrderId();
        TrackedOrder order = new TrackedOrder(intent);
        if (byId.putIfAbsent(id, order) != null) {
            throw new IllegalStateException("clientOrderId '" + id + "' is already tracked");
        }
        linkOpen(order);
        return order;
    }

    /**
     * Starts tracking an order that is already at the broker (recovery after a restart): in the
     * broker's status, with the broker's cumulative filled quantity counted as applied at its average
     * price, so that none of it becomes a fill again (the broker's positions, which the ledger adopts,
     * already hold it). Later events apply only what lies beyond. A terminal order is kept among the
     * finished ones, so repeated events and a re-sent signal still find it.
     *
     * @return the tracked order
     * @throws NullPointerException     if an argument is null
     * @throws IllegalStateException    if the id is tracked already (nothing changes)
     * @throws IllegalArgumentException if the broker's order is not the intent's (id, symbol or side),
     *                                  or it reports a fill without an average price (nothing changes)
     */
    public TrackedOrder adopt(OrderIntent intent, Order atBroker) {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(atBroker, "atBroker");
        String id = intent.clientOrderId();
        if (!id.equals(atBroker.clientOrderId()) || !intent.symbol().equals(atBroker.symbol())
                || intent.side() != atBroker.request().side()) {
            throw new IllegalArgumentException("broker order " + atBroker.clientOrderId() + " (" + atBroker.request().side()
                    + ' ' + atBroker.symbol() + ") is not the order of intent " + id + " (" + intent.side() + ' '
                    + intent.symbol() + ')');
        }
        BigDecimal filled = atBroker.filledQuantity();
        BigDecimal price = atBroker.averageFillPrice();
        if (filled.signum() > 0 && (price == null || price.signum() <= 0)) {
            throw new IllegalArgumentException("broker order " + id + " reports " + filled.toPlainString()
                    + " filled without an average price");
        }
        if (byId.containsKey(id)) {
            throw new IllegalStateException("clientOrderId '" + id + "' is already tracked");
        }
        TrackedOrder order = new TrackedOrder(intent);
        byId.put(id, order);
        linkOpen(order);
        OrderStatus status = atBroker.status();
        order.status(status == OrderStatus.CREATED || status == OrderStatus.DENIED ? OrderStatus.SUBMITTED : status);
        if (atBroker.brokerOrderId() != null) {
            order.brokerOrderId(atBroker.brokerOrderId());
        }
        if (filled.signum() > 0) {
            List<BigDecimal[]> parts = order.uncovered(BigDecimal.ZERO, filled);
            order.apply(parts, price);
            order.markFillIdSeen(id + '#' + filled.stripTrailingZeros().toPlainString());
        }
        order.touch(atBroker.updatedAt());
        retireIfFinished(order);
        return order;
    }

    /**
     * Marks client order ids as used by orders this session does not track (the journal's older
     * orders, read at a restart), so a signal that would derive one of them is recognised as already
     * executed and never sent again. Ids already tracked are left as they are.
     *
     * @return how many ids were newly marked
     */
    public int markUsed(Collection<String> clientOrderIds) {
        int n = 0;
        for (String id : clientOrderIds) {
            if (!byId.containsKey(id)) {
                byId.put(id, TrackedOrder.usedIdMark(id));
                n++;
            }
        }
        return n;
    }

    /**
     * Applies a local transition (to {@link OrderStatus#SUBMITTED}, {@link OrderStatus#DENIED} or
     * {@link OrderStatus#UNKNOWN}). Broker statuses come through {@link #onEvent} so that their
     * fills are counted.
     *
     * @param why a short reason for the log (e.g. the denial code); may be null
     * @return true if applied (or a legal repeat of the current status); false, logged at WARN and
     *         nothing changed if the id is unknown, the target is not a local status, or the
     *         transition is illegal
     * @throws NullPointerException if {@code clientOrderId} or {@code to} is null
     */
    public boolean transition(String clientOrderId, OrderStatus to, String why) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(to, "to");
        TrackedOrder order = get(clientOrderId);
        if (order == null) {
            log.warn("Refused transition to {} of unknown order {} ({})", to, clientOrderId, why);
            return false;
        }
        if (to != OrderStatus.SUBMITTED && to != OrderStatus.DENIED && to != OrderStatus.UNKNOWN) {
            log.warn("Refused local transition of order {} to broker status {} ({}); broker statuses come as events",
                    clientOrderId, to, why);
            return false;
        }
        OrderStatus from = order.status();
        if (!OrderStateMachine.isLegal(from, to)) {
            log.warn("Refused illegal transition of order {} from {} to {} ({})", clientOrderId, from, to, why);
            return false;
        }
        if (from != to) {
            order.status(to);
            order.touch(clock.now());
            log.debug("Order {} {} -> {} ({})", clientOrderId, from, to, why);
            retireIfFinished(order);
        }
        return true;
    }

    /**
     * Applies a broker (or executor) event: its new fills, then its status change if legal.
     *
     * @return what happened; for an id that is not tracked, {@code order == null}, {@code refused}
     *         and no fills (logged at WARN)
     * @throws NullPointerException if {@code event} is null
     */
    public EventResult onEvent(OrderEvent event) {
        Objects.requireNonNull(event, "event");
        TrackedOrder order = get(event.clientOrderId());
        if (order == null) {
            log.warn("Ignored {} event for untracked order {} (broker id {})", event.type(), event.clientOrderId(),
                    event.brokerOrderId());
            return new EventResult(null, null, false, true, List.of());
        }
        OrderStatus previous = order.status();
        if (!event.symbol().equals(order.symbol()) || event.side() != order.intent().side()) {
            log.error("Refused {} event for order {}: it says {} {}, the order is {} {}", event.type(),
                    order.clientOrderId(), event.side(), event.symbol(), order.intent().side(), order.symbol());
            return new EventResult(order, previous, false, true, List.of());
        }
        if (event.brokerOrderId() != null) {
            if (order.brokerOrderId() == null) {
                order.brokerOrderId(event.brokerOrderId());
            } else if (!order.brokerOrderId().equals(event.brokerOrderId())) {
                log.warn("Order {} has broker id {} but a {} event says {}; keeping the first", order.clientOrderId(),
                        order.brokerOrderId(), event.type(), event.brokerOrderId());
            }
        }

        Fill fill = event.fill() != null ? applyReportedFill(order, event) : applyCumulative(order, event);
        List<Fill> newFills = fill == null ? List.of() : List.of(fill);

        OrderStatus target = targetStatus(order, event.type());
        boolean changed = false;
        boolean refused = false;
        if (target != null && target != previous) {
            if (OrderStateMachine.isLegal(previous, target)) {
                order.status(target);
                changed = true;
                log.debug("Order {} {} -> {} on {}", order.clientOrderId(), previous, target, event.type());
            } else {
                refused = true;
                log.warn("Refused illegal transition of order {} from {} to {} on a {} event at {}{}",
                        order.clientOrderId(), previous, target, event.type(), event.time(),
                        fill != null ? " (its new fill " + fill.fillId() + " was applied)" : "");
            }
        }
        if (changed || fill != null) {
            order.touch(event.time());
        }
        if (changed) {
            retireIfFinished(order);
        }
        return new EventResult(order, previous, changed, refused, newFills);
    }

    /** The tracked order (open, or among the recently finished), or {@code null} if the id is unknown. */
    public TrackedOrder get(String clientOrderId) {
        TrackedOrder o = byId.get(clientOrderId);
        return o == null || o.isRetired() ? null : o;
    }

    /**
     * {@link #get} and "was this id used by an order finished so long ago that it is no longer kept"
     * (ids are never reused) in one lookup: the tracked order, an emptied one whose
     * {@link TrackedOrder#isRetired()} is true when the id was used long ago, or null when the id was
     * never used.
     */
    public TrackedOrder lookup(String clientOrderId) {
        return byId.get(clientOrderId);
    }

    /** Whether this client order id was ever used: open, recently finished, or retired. */
    public boolean isKnown(String clientOrderId) {
        return byId.containsKey(clientOrderId);
    }

    /** Appends to the open orders (creation order), through the orders' own links: no entry to allocate. */
    private void linkOpen(TrackedOrder order) {
        order.open = true;
        order.prevOpen = openTail;
        if (openTail == null) {
            openHead = order;
        } else {
            openTail.nextOpen = order;
        }
        openTail = order;
        openCount++;
    }

    private void unlinkOpen(TrackedOrder order) {
        TrackedOrder prev = order.prevOpen;
        TrackedOrder next = order.nextOpen;
        if (prev == null) {
            openHead = next;
        } else {
            prev.nextOpen = next;
        }
        if (next == null) {
            openTail = prev;
        } else {
            next.prevOpen = prev;
        }
        order.prevOpen = null;
        order.nextOpen = null;
        order.open = false;
        openCount--;
    }

    private void retireIfFinished(TrackedOrder order) {
        if (order.isTerminal() && order.open) {
            unlinkOpen(order);
            finished.addLast(order);
            if (finished.size() > finishedRetention) {
                finished.pollFirst().retire();
            }
        }
    }

    /** Orders whose status is not terminal, in creation order; a new unmodifiable list. */
    public Collection<TrackedOrder> openOrders() {
        List<TrackedOrder> open = new ArrayList<>();
        for (TrackedOrder o = openHead; o != null; o = o.nextOpen) {
            if (!o.isTerminal()) {
                open.add(o);
            }
        }
        return Collections.unmodifiableList(open);
    }

    /** Number of tracked orders: open ones plus the retained finished ones. */
    public int size() {
        return openCount + finished.size();
    }

    // ---- internals ----

    private static OrderStatus targetStatus(TrackedOrder order, OrderEventType type) {
        OrderStatus target = type.resultingStatus();
        if (target != null) {
            return target;
        }
        // A refused cancel/replace leaves the order where it was before it became pending.
        if ((type == OrderEventType.ORDER_CANCEL_REJECTED && order.status() == OrderStatus.PENDING_CANCEL)
                || (type == OrderEventType.ORDER_REPLACE_REJECTED && order.status() == OrderStatus.PENDING_REPLACE)) {
            OrderStatus before = order.statusBeforePending();
            if (before == OrderStatus.NEW && order.filledQuantity().signum() > 0) {
                return OrderStatus.PARTIALLY_FILLED;
            }
            return before;
        }
        return null;
    }

    /** An event with an execution attached: dedupe by fill id and by the part of the order it covers. */
    private static Fill applyReportedFill(TrackedOrder order, OrderEvent event) {
        Fill fill = event.fill();
        if (!fill.symbol().equals(order.symbol()) || fill.side() != order.intent().side()) {
            log.error("Refused fill {} for order {}: it is {} {}, the order is {} {}", fill.fillId(),
                    order.clientOrderId(), fill.side(), fill.symbol(), order.intent().side(), order.symbol());
            return null;
        }
        if (order.seenFillId(fill.fillId())) {
            log.debug("Duplicate fill {} of order {}", fill.fillId(), order.clientOrderId());
            return null;
        }
        BigDecimal cumulative = event.filledQuantity();
        BigDecimal from;
        BigDecimal to;
        if (cumulative.compareTo(fill.quantity()) >= 0) {
            from = cumulative.subtract(fill.quantity());
            to = cumulative;
        } else {
            // The broker's cumulative cannot be below this execution's own quantity; place it after
            // everything applied so the money is not lost.
            from = order.coveredEnd();
            to = from.add(fill.quantity());
            log.warn("Fill {} of order {} has quantity {} but the event's cumulative quantity is {}; applying it after"
                    + " the {} already applied", fill.fillId(), order.clientOrderId(), fill.quantity().toPlainString(),
                    cumulative.toPlainString(), from.toPlainString());
        }
        order.markFillIdSeen(fill.fillId());
        List<BigDecimal[]> parts = order.uncovered(from, to);
        BigDecimal quantity = TrackedOrder.length(parts);
        if (quantity.signum() == 0) {
            if (order.quantityCap() != null && to.compareTo(order.quantityCap()) > 0
                    && from.compareTo(order.quantityCap()) >= 0) {
                log.error("Dropped fill {} of order {}: it lies beyond the order quantity {}", fill.fillId(),
                        order.clientOrderId(), order.quantityCap().toPlainString());
            } else if (fill.fee().signum() > 0) {
                log.warn("Fill {} of order {} was already applied from a cumulative event; its fee {} is not applied",
                        fill.fillId(), order.clientOrderId(), fill.fee().toPlainString());
            } else {
                log.debug("Fill {} of order {} was already applied from a cumulative event", fill.fillId(),
                        order.clientOrderId());
            }
            return null;
        }
        if (quantity.compareTo(fill.quantity()) != 0) {
            log.warn("Fill {} of order {}: applying only {} of its {} (the rest was already applied or exceeds the order"
                    + " quantity)", fill.fillId(), order.clientOrderId(), quantity.toPlainString(),
                    fill.quantity().toPlainString());
        }
        order.apply(parts, fill.price());
        if (quantity.compareTo(fill.quantity()) == 0) {
            return fill;
        }
        return new Fill(fill.fillId(), fill.clientOrderId(), fill.symbol(), fill.side(), quantity, fill.price(),
                fill.fee(), fill.time());
    }

    /** An event without an execution: whatever part of (0, cumulative] is new becomes one derived fill. */
    private static Fill applyCumulative(TrackedOrder order, OrderEvent event) {
        BigDecimal c1 = event.filledQuantity();
        if (c1.signum() == 0) {
            return null;
        }
        BigDecimal[] covered = order.coveredWithin(c1);
        BigDecimal gap = c1.subtract(covered[0]);
        if (gap.signum() <= 0) {
            return null;
        }
        BigDecimal avg1 = event.averageFillPrice();
        if (avg1 == null || avg1.signum() <= 0) {
            log.error("Order {}: a {} event reports cumulative quantity {} but average price {}; cannot derive the fill"
                    + " of {}", order.clientOrderId(), event.type(), c1.toPlainString(), avg1, gap.toPlainString());
            return null;
        }
        BigDecimal price = c1.multiply(avg1).subtract(covered[1])
                .divide(gap, PRICE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (price.signum() <= 0) {
            log.error("Order {}: a {} event (cumulative {}, average {}) implies a fill of {} at price {}; not applied",
                    order.clientOrderId(), event.type(), c1.toPlainString(), avg1.toPlainString(), gap.toPlainString(),
                    price.toPlainString());
            return null;
        }
        List<BigDecimal[]> parts = order.uncovered(BigDecimal.ZERO, c1);
        BigDecimal quantity = TrackedOrder.length(parts);
        if (quantity.compareTo(gap) != 0) {
            log.error("Order {}: a {} event reports cumulative quantity {}, more than the order quantity {}; applying {}",
                    order.clientOrderId(), event.type(), c1.toPlainString(), order.quantityCap().toPlainString(),
                    quantity.toPlainString());
        }
        if (quantity.signum() == 0) {
            return null;
        }
        String fillId = order.clientOrderId() + '#' + c1.stripTrailingZeros().toPlainString();
        order.markFillIdSeen(fillId);
        order.apply(parts, price);
        return new Fill(fillId, order.clientOrderId(), order.symbol(), order.intent().side(), quantity, price,
                BigDecimal.ZERO, event.time());
    }
}
