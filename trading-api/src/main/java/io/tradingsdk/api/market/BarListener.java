package io.tradingsdk.api.market;

/**
 * Receives live bars from a {@link MarketDataSource}.
 *
 * <p>Called on the source's own thread, one bar at a time and in start-time order per symbol. The
 * engine's listener only enqueues the bar for its event loop, so it returns at once.
 */
@FunctionalInterface
public interface BarListener {
    void onBar(Bar bar);
}
