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
 * <p>Failures: an unknown symbol is an {@link IllegalArgumentException} naming it (a source that
 * cannot know its symbols up front, {@link #knownSymbols()} empty, may instead return no bars); I/O
 * failures are {@link java.io.UncheckedIOException}s naming the resource. A source never invents
 * bars.
 *
 * <p>Historical and live: a source over stored bars (files, a database) has no live feed and its
 * {@code subscribe} methods throw {@link UnsupportedOperationException} naming the source; it does
 * not replay its history as if it were live, because a strategy would trade on old bars as if they
 * were new. Replay history through {@link #history} (the backtest runner does). A live source
 * delivers, per symbol, every bar after the subscription started exactly once and in start-time
 * order, also across its own reconnects (see {@link BarListener}).
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
     * Starts delivering live bars of {@code timeframe} for {@code symbols} to the listener; the same as
     * {@link #subscribe(LiveDataRequest, BarListener)} with bars only. The returned handle stops the
     * subscription; closing it twice is harmless.
     *
     * @throws UnsupportedOperationException if this source has no live feed (historical sources)
     * @throws IllegalArgumentException      if the source cannot deliver that timeframe or a symbol
     */
    default AutoCloseable subscribe(Set<String> symbols, Timeframe timeframe, BarListener listener) {
        throw new UnsupportedOperationException(name() + " has no live feed; it serves history only (use history())");
    }

    /**
     * Starts delivering what {@code request} asks for. Trades and quotes go to a
     * {@link MarketDataListener}; a plain {@link BarListener} may be given only for a bars-only
     * request. The default handles bars-only requests through
     * {@link #subscribe(Set, Timeframe, BarListener)} and refuses trades and quotes.
     *
     * @throws UnsupportedOperationException if this source has no live feed, or no trades or quotes
     *                                       when the request asks for them
     * @throws IllegalArgumentException      if the request asks for trades or quotes with a plain
     *                                       {@link BarListener}
     */
    default AutoCloseable subscribe(LiveDataRequest request, BarListener listener) {
        java.util.Objects.requireNonNull(request, "request");
        java.util.Objects.requireNonNull(listener, "listener");
        if (request.wantsTicks()) {
            if (!(listener instanceof MarketDataListener)) {
                throw new IllegalArgumentException("trades and quotes need a MarketDataListener");
            }
            throw new UnsupportedOperationException(name() + " delivers no trades or quotes");
        }
        return subscribe(request.symbols(), request.timeframe(), listener);
    }

    @Override
    default void close() {
    }
}
