package io.tradingsdk.sandbox;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A bar source the test feeds one bar at a time: its cursor waits for the next pushed bar, so the
 * sandbox trades exactly when and at what price the test says.
 */
final class PushedBars implements MarketDataSource {
    private final BlockingQueue<Bar> queue = new LinkedBlockingQueue<>();

    void push(Bar bar) {
        queue.add(bar);
    }

    @Override
    public String name() {
        return "pushed";
    }

    @Override
    public BarCursor history(BarQuery query) {
        return new BarCursor() {
            private Bar next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Bar next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Bar b = next;
                next = null;
                return b;
            }

            @Override
            public void close() {
            }
        };
    }
}
