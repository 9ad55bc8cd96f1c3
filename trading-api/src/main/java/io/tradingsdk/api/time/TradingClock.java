package io.tradingsdk.api.time;

import java.time.Instant;

/**
 * The engine's notion of time and of market hours. A backtest uses a simulated clock that follows
 * the bars; paper and live trading use wall-clock time and a market calendar.
 *
 * <p><b>Thread:</b> any thread; cheap, non-blocking, no I/O (a calendar that needs the broker is
 * fetched in the background and cached).
 */
public interface TradingClock {

    Instant now();

    /** Whether the market for the symbol is open at {@link #now()}. */
    boolean isMarketOpen(String symbol);
}
