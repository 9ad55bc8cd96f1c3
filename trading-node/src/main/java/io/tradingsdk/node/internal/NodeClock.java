package io.tradingsdk.node.internal;

import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.time.MarketCalendarClock;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The node's trading clock: wall time, and market hours from the broker's calendar once the executor
 * (and with it the broker connection) exists; until then a weekday calendar. Components are created
 * with this clock before the broker's calendar can be read, so it delegates.
 */
public final class NodeClock implements TradingClock {
    private final Clock wall;
    private volatile TradingClock hours;

    public NodeClock(Clock wall) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.hours = new MarketCalendarClock(wall);
    }

    /** From now on market hours come from {@code clock}. */
    public void useHoursOf(TradingClock clock) {
        this.hours = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Instant now() {
        return wall.instant();
    }

    @Override
    public boolean isMarketOpen(String symbol) {
        return hours.isMarketOpen(symbol);
    }
}
