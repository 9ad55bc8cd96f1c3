package io.tradingsdk.api.order;

/**
 * Receives order events from an {@link Executor}.
 *
 * <p>Called on the executor's thread (for the paper executor, the thread that drives it). The
 * engine's listener only enqueues the event for its event loop, so it returns at once and never
 * throws.
 */
@FunctionalInterface
public interface OrderEventListener {
    void onOrderEvent(OrderEvent event);
}
