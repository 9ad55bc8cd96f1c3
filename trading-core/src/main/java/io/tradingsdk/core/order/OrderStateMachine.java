package io.tradingsdk.core.order;

import io.tradingsdk.api.order.OrderStatus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.tradingsdk.api.order.OrderStatus.ACCEPTED;
import static io.tradingsdk.api.order.OrderStatus.ACCEPTED_FOR_BIDDING;
import static io.tradingsdk.api.order.OrderStatus.CALCULATED;
import static io.tradingsdk.api.order.OrderStatus.CANCELED;
import static io.tradingsdk.api.order.OrderStatus.CREATED;
import static io.tradingsdk.api.order.OrderStatus.DENIED;
import static io.tradingsdk.api.order.OrderStatus.DONE_FOR_DAY;
import static io.tradingsdk.api.order.OrderStatus.EXPIRED;
import static io.tradingsdk.api.order.OrderStatus.FILLED;
import static io.tradingsdk.api.order.OrderStatus.HELD;
import static io.tradingsdk.api.order.OrderStatus.NEW;
import static io.tradingsdk.api.order.OrderStatus.PARTIALLY_FILLED;
import static io.tradingsdk.api.order.OrderStatus.PENDING_CANCEL;
import static io.tradingsdk.api.order.OrderStatus.PENDING_NEW;
import static io.tradingsdk.api.order.OrderStatus.PENDING_REPLACE;
import static io.tradingsdk.api.order.OrderStatus.REJECTED;
import static io.tradingsdk.api.order.OrderStatus.REPLACED;
import static io.tradingsdk.api.order.OrderStatus.STOPPED;
import static io.tradingsdk.api.order.OrderStatus.SUBMITTED;
import static io.tradingsdk.api.order.OrderStatus.SUSPENDED;
import static io.tradingsdk.api.order.OrderStatus.UNKNOWN;

/**
 * The legal status transitions of an order, from the engine's local states through Alpaca's
 * order lifecycle (see Alpaca's {@code OrderStatus} schema in the Trading API).
 *
 * <p>Who uses it: {@link OrderTracker} before it applies any status change, and anyone who wants
 * to ask whether a status change makes sense. It is a pure, immutable table: any thread.
 *
 * <p>Rules behind the table:
 * <ul>
 *   <li>Terminal states ({@link OrderStatus#isTerminal()}: FILLED, CANCELED, EXPIRED, REPLACED,
 *       REJECTED, DENIED) go nowhere, not even to themselves.</li>
 *   <li>A non-terminal state may "move" to itself: a repeat (e.g. a second PARTIALLY_FILLED that
 *       carries more fill) is a legal no-op for the status.</li>
 *   <li>Broker statuses never lead back to a local state (CREATED, SUBMITTED, UNKNOWN, DENIED).</li>
 *   <li>Once the venue has the order working (NEW and later) it does not go back to the
 *       pre-acknowledgement states, and a partly filled order does not go back to NEW, except
 *       where Alpaca does it: a rejected cancel or replace returns the order to where it was, and a
 *       day order left over ({@code done_for_day}, {@code calculated}) works again the next day.
 *       A stale event that would move an order backwards is therefore refused.</li>
 * </ul>
 *
 * <p>The table ("broker" = every Alpaca status, PENDING_NEW through HELD; every non-terminal row
 * also contains its own status):
 * <table>
 *   <caption>Legal targets per status</caption>
 *   <tr><th>from</th><th>legal targets</th></tr>
 *   <tr><td>CREATED</td><td>SUBMITTED, DENIED</td></tr>
 *   <tr><td>SUBMITTED</td><td>UNKNOWN, DENIED (the executor refused it before sending), every broker status</td></tr>
 *   <tr><td>UNKNOWN</td><td>every broker status (a lookup or the trade stream resolved it, incl. REJECTED);
 *       SUBMITTED (a lookup proved the broker never got it and it is re-sent with the same client order id)</td></tr>
 *   <tr><td>PENDING_NEW, ACCEPTED, ACCEPTED_FOR_BIDDING, HELD</td><td>every broker status (Alpaca may report the
 *       early states in either order)</td></tr>
 *   <tr><td>NEW</td><td>PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REPLACED, REJECTED, PENDING_CANCEL,
 *       PENDING_REPLACE, DONE_FOR_DAY, STOPPED, SUSPENDED, HELD, CALCULATED</td></tr>
 *   <tr><td>PARTIALLY_FILLED</td><td>FILLED, CANCELED, EXPIRED, REPLACED, PENDING_CANCEL, PENDING_REPLACE,
 *       DONE_FOR_DAY, STOPPED, SUSPENDED, CALCULATED</td></tr>
 *   <tr><td>PENDING_CANCEL</td><td>CANCELED, FILLED, PARTIALLY_FILLED, EXPIRED, DONE_FOR_DAY, CALCULATED, REJECTED;
 *       NEW, PENDING_NEW, ACCEPTED, ACCEPTED_FOR_BIDDING, HELD (cancel rejected: back to where it was)</td></tr>
 *   <tr><td>PENDING_REPLACE</td><td>REPLACED, FILLED, PARTIALLY_FILLED, CANCELED, EXPIRED, DONE_FOR_DAY,
 *       CALCULATED, REJECTED; NEW, PENDING_NEW, ACCEPTED, ACCEPTED_FOR_BIDDING, HELD (replace rejected). Not
 *       PENDING_CANCEL: Alpaca rejects cancels while a replace is pending</td></tr>
 *   <tr><td>STOPPED</td><td>FILLED, PARTIALLY_FILLED, CANCELED, EXPIRED, DONE_FOR_DAY, CALCULATED, PENDING_CANCEL</td></tr>
 *   <tr><td>SUSPENDED</td><td>NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED, PENDING_CANCEL, DONE_FOR_DAY</td></tr>
 *   <tr><td>DONE_FOR_DAY</td><td>NEW, PENDING_NEW, ACCEPTED (next day), PARTIALLY_FILLED, FILLED, CANCELED,
 *       EXPIRED, REPLACED, PENDING_CANCEL, PENDING_REPLACE, STOPPED, SUSPENDED, CALCULATED</td></tr>
 *   <tr><td>CALCULATED</td><td>FILLED, DONE_FOR_DAY, CANCELED, EXPIRED, NEW, PARTIALLY_FILLED (next day)</td></tr>
 *   <tr><td>FILLED, CANCELED, EXPIRED, REPLACED, REJECTED, DENIED</td><td>nothing</td></tr>
 * </table>
 */
public final class OrderStateMachine {

    private static final Set<OrderStatus> BROKER = Collections.unmodifiableSet(EnumSet.range(PENDING_NEW, HELD));
    private static final Map<OrderStatus, Set<OrderStatus>> TABLE = buildTable();

    private OrderStateMachine() {
    }

    /**
     * Whether an order may move from {@code from} to {@code to}.
     *
     * @throws NullPointerException if either argument is null
     */
    public static boolean isLegal(OrderStatus from, OrderStatus to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return TABLE.get(from).contains(to);
    }

    /**
     * The statuses an order in {@code from} may move to (including {@code from} itself for a
     * non-terminal status); empty for a terminal status. The set is unmodifiable.
     *
     * @throws NullPointerException if {@code from} is null
     */
    public static Set<OrderStatus> legalTargets(OrderStatus from) {
        Objects.requireNonNull(from, "from");
        return TABLE.get(from);
    }

    /** Every Alpaca status (everything but the local states CREATED, DENIED, SUBMITTED, UNKNOWN). */
    public static Set<OrderStatus> brokerStatuses() {
        return BROKER;
    }

    private static Map<OrderStatus, Set<OrderStatus>> buildTable() {
        EnumSet<OrderStatus> preAck = EnumSet.of(PENDING_NEW, ACCEPTED, ACCEPTED_FOR_BIDDING, HELD);
        Map<OrderStatus, EnumSet<OrderStatus>> t = new EnumMap<>(OrderStatus.class);

        t.put(CREATED, EnumSet.of(SUBMITTED, DENIED));
        EnumSet<OrderStatus> submitted = EnumSet.of(UNKNOWN, DENIED);
        submitted.addAll(BROKER);
        t.put(SUBMITTED, submitted);
        EnumSet<OrderStatus> unknown = EnumSet.of(SUBMITTED);
        unknown.addAll(BROKER);
        t.put(UNKNOWN, unknown);

        for (OrderStatus s : preAck) {
            t.put(s, EnumSet.copyOf(BROKER));
        }
        t.put(NEW, EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REPLACED, REJECTED, PENDING_CANCEL,
                PENDING_REPLACE, DONE_FOR_DAY, STOPPED, SUSPENDED, HELD, CALCULATED));
        t.put(PARTIALLY_FILLED, EnumSet.of(FILLED, CANCELED, EXPIRED, REPLACED, PENDING_CANCEL, PENDING_REPLACE,
                DONE_FOR_DAY, STOPPED, SUSPENDED, CALCULATED));
        EnumSet<OrderStatus> pendingCancel = EnumSet.of(CANCELED, FILLED, PARTIALLY_FILLED, EXPIRED, DONE_FOR_DAY,
                CALCULATED, REJECTED, NEW);
        pendingCancel.addAll(preAck);
        t.put(PENDING_CANCEL, pendingCancel);
        EnumSet<OrderStatus> pendingReplace = EnumSet.of(REPLACED, FILLED, PARTIALLY_FILLED, CANCELED, EXPIRED,
                DONE_FOR_DAY, CALCULATED, REJECTED, NEW);
        pendingReplace.addAll(preAck);
        t.put(PENDING_REPLACE, pendingReplace);
        t.put(STOPPED, EnumSet.of(FILLED, PARTIALLY_FILLED, CANCELED, EXPIRED, DONE_FOR_DAY, CALCULATED,
                PENDING_CANCEL));
        t.put(SUSPENDED, EnumSet.of(NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED, PENDING_CANCEL,
                DONE_FOR_DAY));
        t.put(DONE_FOR_DAY, EnumSet.of(NEW, PENDING_NEW, ACCEPTED, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED,
                REPLACED, PENDING_CANCEL, PENDING_REPLACE, STOPPED, SUSPENDED, CALCULATED));
        t.put(CALCULATED, EnumSet.of(FILLED, DONE_FOR_DAY, CANCELED, EXPIRED, NEW, PARTIALLY_FILLED));

        Map<OrderStatus, Set<OrderStatus>> result = new EnumMap<>(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            EnumSet<OrderStatus> targets = t.getOrDefault(s, EnumSet.noneOf(OrderStatus.class));
            if (s.isTerminal()) {
                if (!targets.isEmpty()) {
                    throw new IllegalStateException("terminal status " + s + " must have no targets");
                }
            } else {
                targets.add(s); // a repeat is a legal no-op for the status
            }
            result.put(s, Collections.unmodifiableSet(targets));
        }
        return Collections.unmodifiableMap(result);
    }
}
