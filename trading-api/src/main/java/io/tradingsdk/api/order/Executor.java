package io.tradingsdk.api.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends orders to a broker (or a simulated one) and reports what happens to them as
 * {@link OrderEvent}s.
 *
 * <p><b>Who calls, on which thread:</b> the engine's event loop calls {@link #submit},
 * {@link #cancel} and {@link #replace}; they return at once and never block on the network.
 * {@link #lookup} and {@link #snapshot} may be called from any thread and complete asynchronously.
 * Events are delivered to the subscribed listener on the executor's own thread.
 *
 * <p><b>Contract</b> (checked by the compatibility kit in {@code trading-tck}):
 * <ul>
 *   <li>Idempotence: a client order id is used at most once. Submitting a request whose client
 *       order id the broker already knows never creates a second order; the executor reports the
 *       existing order's state instead.</li>
 *   <li>Only a definitive broker answer decides an outcome. When a send may or may not have arrived
 *       (timeout, reset, 5xx), the executor emits {@link OrderEventType#SUBMIT_UNKNOWN} and resolves
 *       it by lookup, never by a blind re-send.</li>
 *   <li>Broker refusals are events ({@link OrderEventType#REJECTED} with a reason), not exceptions.
 *       Exceptions from {@code submit} mean a broken invariant of the caller (a null request) or an
 *       executor that is closed ({@link IllegalStateException}).</li>
 *   <li>Cumulative filled quantity never decreases across the events of one order.</li>
 *   <li>Venue halt (for executors that can learn of one; optional in the kit): when the venue will
 *       not take this executor's orders any more (for example it refused the credentials), the
 *       executor reports it once through {@link OrderEventListener#onVenueHalted} with a reason,
 *       on its event thread, also to a listener that subscribes after the halt. From then on
 *       {@code submit} and {@code replace} end REJECTED (ORDER_REPLACE_REJECTED) without sending
 *       anything; they do not throw. The executor never lifts the halt by itself; a new executor (or
 *       connection) is needed. The engine answers a report by moving the account to HALTED until the
 *       host lifts it.</li>
 * </ul>
 */
public interface Executor extends AutoCloseable {

    /** A short stable name, e.g. {@code paper} or {@code alpaca}. */
    String name();

    /**
     * Registers the listener for all order events and a venue halt (reported to it soon after,
     * on the event thread, if the executor is halted already); replaces any earlier one. Returns a
     * handle that removes it.
     */
    AutoCloseable subscribe(OrderEventListener listener);

    /** Sends a new order. Returns at once; the outcome arrives as events. */
    void submit(OrderRequest request);

    /**
     * Requests cancellation. The outcome arrives as a CANCELED event, or ORDER_CANCEL_REJECTED when the
     * order is unknown or already final. A cancel of an id the executor never saw is reported that way
     * too, never ignored silently and never thrown.
     */
    void cancel(String clientOrderId);

    /**
     * Requests a replacement; the old order ends REPLACED and the new one starts under its own id, or
     * the old order gets ORDER_REPLACE_REJECTED with a reason (unknown, already final, new id taken,
     * invalid terms). Fields of the request left {@code null} keep the old order's values; a
     * {@code null} quantity keeps the old order's requested quantity, not its unfilled rest (see
     * {@link ReplaceRequest}).
     */
    void replace(String clientOrderId, ReplaceRequest request);

    /**
     * Looks an order up by client order id. Completes with empty when the broker does not know it,
     * exceptionally when the broker could not be asked (which is not "not found").
     */
    CompletableFuture<Optional<Order>> lookup(String clientOrderId);

    /**
     * The broker's account report; completes exceptionally when it cannot be read.
     *
     * <p>Every open order in it is one the executor watches from then on like its own: its later
     * events are delivered to the listener, and they are brought up to date over the broker's
     * records after a lost connection, as for orders this executor sent. Orders the executor cannot
     * represent (another application's order type) are left out of {@link AccountSnapshot#openOrders()}
     * and counted in {@link AccountSnapshot#foreignOrders()}; they never make the snapshot fail.
     */
    CompletableFuture<AccountSnapshot> snapshot();

    /**
     * The executions (fills) at the broker at or after {@code since}, oldest first, for orders of this
     * account whatever sent them: what recovery reads to journal the fills that happened while the
     * host was down or that a lost message never reported.
     *
     * <p>Each is a {@link OrderEventType#PARTIAL_FILL} or {@link OrderEventType#FILL} event with its
     * {@link Fill} attached: the broker's own execution id as {@link Fill#fillId()} (stable: the same
     * execution always has the same id), the execution's quantity and price, and the order's
     * cumulative filled quantity after it as {@link OrderEvent#filledQuantity()}, so that a reader
     * can tell which part of the order it covers. {@link OrderEvent#averageFillPrice()} may be null.
     * Symbols are spelled as in orders.
     *
     * <p>Any thread; completes asynchronously, exceptionally when the broker cannot be asked (which is
     * not "no executions"). The default completes exceptionally with
     * {@link UnsupportedOperationException}: recovery then falls back to each order's cumulative
     * filled quantity from {@link #lookup}, which loses the broker's execution ids. The compatibility
     * kit requires it.
     *
     * @param since inclusive lower bound on the execution time
     */
    default CompletableFuture<List<OrderEvent>> executionsSince(Instant since) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "executor " + name() + " cannot list executions"));
    }

    /** Stops delivering events and releases resources; idempotent. */
    @Override
    void close();
}
