package io.tradingsdk.core.time;

import io.tradingsdk.api.time.TradingClock;
import java.time.Instant;
import java.util.Objects;

/**
 * A clock a backtest moves forward as it replays bars. Time never goes backwards, so bars of
 * several symbols that start at one instant are replayed together, as one slice
 * ({@link io.tradingsdk.core.backtest.BarReplay}): the venue sees them all at their start before
 * the clock moves to their end.
 *
 * <p>The market counts as open for every symbol: a historical bar exists only where the market
 * traded, so replayed bars are by construction inside market hours.
 *
 * <p>Thread: {@link #advanceTo} is called by the backtest runner's thread; reads are safe from any
 * thread (the field is volatile).
 */
public final class SimulatedClock implements TradingClock {
    private volatile Instant now;

    public SimulatedClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public boolean isMarketOpen(String symbol) {
        return true;
    }

    /** Moves the clock to {@code time}; a time earlier than now is ignored (time never goes backwards). */
    public void advanceTo(Instant time) {
        if (time.isAfter(now)) {
            now = time;
        }
    }
}
