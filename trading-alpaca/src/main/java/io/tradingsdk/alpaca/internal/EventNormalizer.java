package io.tradingsdk.alpaca.internal;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderStatus;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the event sequence of each order consistent before the engine sees it, whatever mix of
 * stream messages, REST answers, backfills and reconnects produced it:
 * <ul>
 *   <li>cumulative filled quantity never decreases (stale events are dropped);</li>
 *   <li>nothing follows a terminal status except refusals of cancel/replace (which carry the last
 *       known filled quantity) and a late execution report with a new fill id;</li>
 *   <li>exact repeats are dropped;</li>
 *   <li>a REST snapshot (POST answer, lookup, backfill) is passed on only when it brings news: the
 *       first broker status, more filled quantity, a terminal status, or the step from a
 *       pre-acknowledgement status to a working one. The stream is authoritative for the rest;</li>
 *   <li>SUBMIT_UNKNOWN only before any broker status;</li>
 *   <li>if Alpaca reports an order the executor had declared REJECTED locally (never received),
 *       Alpaca wins: its events flow again (logged at ERROR), so money that moved reaches the ledger.</li>
 * </ul>
 * Fills are not derived here: events carry cumulative quantities, and a {@code Fill} only when the
 * stream named a real execution. <b>Thread:</b> the executor's single events thread only.
 */
public final class EventNormalizer {
    private static final Logger log = LoggerFactory.getLogger(EventNormalizer.class);
    private static final Set<OrderStatus> PRE_ACK = EnumSet.of(OrderStatus.PENDING_NEW, OrderStatus.ACCEPTED,
            OrderStatus.ACCEPTED_FOR_BIDDING, OrderStatus.HELD);

    /** Statuses an order only has before it works (HELD may also follow NEW, so it is not here). */
    private static final Set<OrderStatus> BEFORE_WORKING = EnumSet.of(OrderStatus.PENDING_NEW, OrderStatus.ACCEPTED,
            OrderStatus.ACCEPTED_FOR_BIDDING);

    /** Where an event came from. */
    public enum Source { STREAM, REST, LOCAL }

    private static final class State {
        OrderStatus status;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal average;
        boolean terminal;
        Source terminalSource;
        final Set<String> fillIds = new HashSet<>(4);
    }

    private final Map<String, State> states = new HashMap<>();

    /** The event to deliver, possibly adjusted, or {@code null} to drop it. */
    public OrderEvent accept(OrderEvent e, Source source) {
        String id = e.clientOrderId();
        State s = states.computeIfAbsent(id, k -> new State());
        OrderEventType type = e.type();
        OrderStatus status = type.resultingStatus();

        if (s.terminal && s.terminalSource == Source.LOCAL && source != Source.LOCAL && status != null
                && type != OrderEventType.SUBMIT_UNKNOWN) {
            log.error("alpaca: order {} was reported {} by this executor, but Alpaca reports {}; following Alpaca",
                    id, s.status, type);
            s.terminal = false;
            s.terminalSource = null;
            s.status = null;
        }
        if (type == OrderEventType.ORDER_CANCEL_REJECTED || type == OrderEventType.ORDER_REPLACE_REJECTED) {
            BigDecimal filled = s.filled.max(e.filledQuantity());
            BigDecimal avg = e.averageFillPrice() != null ? e.averageFillPrice() : s.average;
            if (filled.compareTo(e.filledQuantity()) == 0 && avg == e.averageFillPrice()) {
                return e;
            }
            return new OrderEvent(type, id, e.brokerOrderId(), e.symbol(), e.side(), filled, filled.signum() == 0 ? null : avg,
                    null, e.time(), e.reason());
        }
        if (type == OrderEventType.SUBMIT_UNKNOWN) {
            if (s.status != null && s.status != OrderStatus.UNKNOWN) {
                return drop(e, source, "the broker already answered");
            }
            s.status = OrderStatus.UNKNOWN;
            return e;
        }
        int cmp = e.filledQuantity().compareTo(s.filled);
        if (cmp < 0) {
            return drop(e, source, "filled quantity " + e.filledQuantity().toPlainString() + " is below "
                    + s.filled.toPlainString());
        }
        boolean newFill = e.fill() != null && !s.fillIds.contains(e.fill().fillId());
        if (s.terminal) {
            if (status == s.status && cmp == 0 && newFill && source == Source.STREAM) {
                s.fillIds.add(e.fill().fillId());
                return e; // a late execution report of a final order: lets the engine see its execution id
            }
            return drop(e, source, "order is already " + s.status);
        }
        boolean firstBrokerStatus = s.status == null || s.status == OrderStatus.UNKNOWN;
        if (source == Source.REST) {
            boolean news = firstBrokerStatus || cmp > 0 || status.isTerminal()
                    || (PRE_ACK.contains(s.status) && !PRE_ACK.contains(status));
            if (!news) {
                return drop(e, source, "no news over " + s.status);
            }
        } else {
            if (status == s.status && cmp == 0 && !newFill) {
                return drop(e, source, "repeat");
            }
            if (!firstBrokerStatus && cmp == 0 && BEFORE_WORKING.contains(status) && !PRE_ACK.contains(s.status)
                    && s.status != OrderStatus.DONE_FOR_DAY) {
                return drop(e, source, "pre-acknowledgement status after " + s.status);
            }
        }
        s.status = status;
        s.filled = e.filledQuantity();
        if (e.averageFillPrice() != null) {
            s.average = e.averageFillPrice();
        }
        if (e.fill() != null) {
            s.fillIds.add(e.fill().fillId());
        }
        if (status.isTerminal()) {
            s.terminal = true;
            s.terminalSource = source;
        }
        return e;
    }

    /**
     * Starts following an order the executor did not send (reported by a snapshot or a lookup) at
     * the state Alpaca reported, without delivering anything: later events are news only beyond it.
     * Does nothing for an order already followed.
     */
    public void seed(OrderEvent state) {
        OrderStatus status = state.type().resultingStatus();
        if (states.containsKey(state.clientOrderId()) || status == null) {
            return;
        }
        State s = new State();
        s.status = status;
        s.filled = state.filledQuantity();
        s.average = state.averageFillPrice();
        s.terminal = status.isTerminal();
        s.terminalSource = s.terminal ? Source.REST : null;
        states.put(state.clientOrderId(), s);
    }

    /** Whether the order reached a terminal status in what was delivered. */
    public boolean isTerminal(String clientOrderId) {
        State s = states.get(clientOrderId);
        return s != null && s.terminal;
    }

    /** Forgets orders (bounded memory for long sessions). */
    public void forget(String clientOrderId) {
        states.remove(clientOrderId);
    }

    private static OrderEvent drop(OrderEvent e, Source source, String why) {
        if (log.isDebugEnabled()) {
            log.debug("alpaca: dropped {} {} event of {} (filled {}): {}", source, e.type(), e.clientOrderId(),
                    e.filledQuantity().toPlainString(), why);
        }
        return null;
    }
}
