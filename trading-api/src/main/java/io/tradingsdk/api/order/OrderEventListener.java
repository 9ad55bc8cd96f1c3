package io.tradingsdk.api.order;

/**
 * Receives order events from an {@link Executor}, and the executor's report that the venue halted
 * trading.
 *
 * <p>Called on the executor's thread (for the paper executor, the thread that drives it). The
 * engine's listener only enqueues the event for its event loop, so it returns at once and never
 * throws.
 */
@FunctionalInterface
public interface OrderEventListener {
    void onOrderEvent(OrderEvent event);

    /**
     * The venue will not accept this executor's orders any more, for a reason that retrying cannot
     * fix (for example the broker refused the credentials). From now on the executor ends every
     * new order {@link OrderEventType#REJECTED} and every replace
     * {@link OrderEventType#ORDER_REPLACE_REJECTED} without sending it; cancels are still tried.
     * The halt lasts as long as the executor (or its connection); the executor never reports that it
     * was lifted.
     *
     * <p><b>Who calls, on which thread:</b> the executor, on the thread that delivers its order
     * events, in order with them; at most once per subscribed listener. An executor that is already
     * halted when a listener subscribes reports it to that listener too. Executors that never halt
     * (the paper executor) never call it. Like {@link #onOrderEvent}, an implementation returns at
     * once and does not throw; an executor logs and ignores what it throws.
     *
     * <p>The default does nothing, so listeners written before this method existed still compile
     * and behave as before.
     *
     * @param reason why, for people: not blank, no secrets
     */
    default void onVenueHalted(String reason) {
    }

    /**
     * The executor's event stream was interrupted and has resumed (a reconnect): events of open
     * orders may have been missed. The engine answers by bringing every open order up to date from
     * the broker ({@link Executor#executionsSince} and {@link Executor#lookup}); a fill is still
     * applied at most once. Executors that back their stream with their own REST backfill call it as
     * well, after the stream listens again.
     *
     * <p><b>Who calls, on which thread:</b> the executor, on its event thread, in order with the
     * events. Returns at once and does not throw. The default does nothing.
     *
     * @param reason for people: why events may have been missed
     */
    default void onEventsMayHaveBeenMissed(String reason) {
    }
}
