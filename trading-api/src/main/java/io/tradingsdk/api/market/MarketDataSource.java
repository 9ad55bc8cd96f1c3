package io.tradingsdk.api.market;

import java.util.Set;

/**
 * A source of bars: historical replay for backtests, and optionally a live feed.
 *
 * <p>Threading: {@link #history} is called by the backtest runner's thread; the cursor is used by
 * that thread only. {@link #subscribe} may be called from any thread and delivers bars on a thread
 * of the source's choosing. Implementations never call back into the engine synchronously other
 * than through the {@link BarListener}.
 *
 * <p>Failures: an unknown symbol is an {@link IllegalArgumentException} naming it; I/O failures are
 * {@link java.io.UncheckedIOException}s naming the resource. A source never invents bars.
 */
public interface MarketDataSource extends AutoCloseable {

    /** A short stable name, e.g. {@code ta4j-examples} or {@code alpaca}. */
    String name();

    /** The symbols this source can serve, if it knows them up front; empty when it cannot tell. */
    default Set<String> knownSymbols() {
        return Set.of();
    }

    /**
     * Replays historical bars matching the query, merged across symbols in ascending start time
     * (ties broken by symbol), streamed rather than loaded whole.
     */
    BarCursor history(BarQuery query);

    /**
     * Starts delivering live bars to the listener. The returned handle stops the subscription.
     *
     * @throws UnsupportedOperationException if this source has no live feed
     */
    default AutoCloseable subscribe(Set<String> symbols, Timeframe timeframe, BarListener listener) {
        throw new UnsupportedOperationException(name() + " has no live feed");
    }

    @Override
    default void close() {
    }
}
