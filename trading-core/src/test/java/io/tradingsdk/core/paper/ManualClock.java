package io.tradingsdk.core.paper;

import io.tradingsdk.api.time.TradingClock;
import java.time.Duration;
import java.time.Instant;

/** A clock the test moves by hand; the market is always open. */
final class ManualClock implements TradingClock {
    private volatile Instant now;

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public boolean isMarketOpen(String symbol) {
        return true;
    }

    void set(Instant time) {
        now = time;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }
}
