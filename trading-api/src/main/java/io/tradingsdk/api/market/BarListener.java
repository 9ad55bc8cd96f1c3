package io.tradingsdk.api.market;

/**
 * Receives live bars from a {@link MarketDataSource}.
 *
 * <p>Called on the source's own thread, one call at a time per subscription, and for each symbol in
 * start-time order: every bar of a subscribed timeframe is passed to {@link #onBar} exactly once,
 * with no gap the source could have filled (a minute in which nothing traded has no bar). The
 * engine's listener only enqueues the bar for its event loop, so it returns at once; a listener
 * that blocks holds back the whole subscription.
 *
 * <p>The two default methods keep existing lambdas source compatible: corrections are ignored and
 * a failure that ends the subscription is ignored (sources also log it).
 */
@FunctionalInterface
public interface BarListener {

    /** The next bar of one subscribed symbol. */
    void onBar(Bar bar);

    /**
     * A corrected version of a bar that {@link #onBar} already delivered (same symbol, start and
     * timeframe; e.g. a trade reported late). Corrections never re-open ordering: the bar they
     * replace was delivered earlier. The default ignores them, so a listener that does not override
     * this sees each bar once as first published.
     */
    default void onBarCorrection(Bar corrected) {
    }

    /**
     * The subscription ended because of {@code failure} (for example the feed refused the
     * credentials); no call follows. Not called for failures the source recovers from itself, such
     * as a dropped connection that it re-establishes without losing bars.
     */
    default void onFailure(RuntimeException failure) {
    }
}
