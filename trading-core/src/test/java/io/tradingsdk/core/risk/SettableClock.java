package io.tradingsdk.core.risk;

import io.tradingsdk.api.time.TradingClock;
import java.time.Instant;

/** A test clock whose time and market-open answer the test sets. */
public final class SettableClock implements TradingClock {

    private Instant now = Intents.T0;
    private boolean open = true;

    public SettableClock open(boolean value) {
        open = value;
        return this;
    }

    public SettableClock now(Instant value) {
        now = value;
        return this;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public boolean isMarketOpen(String symbol) {
        return open;
    }
}
