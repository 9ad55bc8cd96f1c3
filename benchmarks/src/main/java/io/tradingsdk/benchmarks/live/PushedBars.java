package io.tradingsdk.benchmarks.live;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The bar source the sandbox replays: its cursor waits for the next bar the benchmark pushes, so
 * the sandbox trades and publishes only when the benchmark says. Without a push nothing moves: open
 * market orders do not fill.
 *
 * <p>The sandbox's replay thread publishes a step on its market-data streams right after it takes
 * the first bar of the next step from this cursor ({@code Replayer}: take, then store, serialize and
 * send the finished step). {@link #takenAt} is that moment, read from the system clock on the
 * replay thread inside the sandbox's JVM: the start of the bar frame's send, a few microseconds
 * early (the serialization of the frame counts as latency).
 */
final class PushedBars implements MarketDataSource {
    private final BlockingQueue<Bar> queue = new LinkedBlockingQueue<>();
    private final Map<Instant, Instant> takenAt = new ConcurrentHashMap<>();

    void push(Bar bar) {
        queue.add(bar);
    }

    /** When the replay thread took the bar starting at {@code barStart}, or null if it has not. */
    Instant takenAt(Instant barStart) {
        return takenAt.get(barStart);
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
                takenAt.put(b.start(), Instant.now());
                return b;
            }

            @Override
            public void close() {
            }
        };
    }
}
