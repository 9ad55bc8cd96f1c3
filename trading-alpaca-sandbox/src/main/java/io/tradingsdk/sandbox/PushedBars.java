package io.tradingsdk.sandbox;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A bar source for a sandbox that a test or a benchmark drives one bar at a time: the sandbox replays
 * bars as they are {@link #push pushed}, so it trades and publishes exactly when and at what price the
 * caller says. Without a push nothing moves (open market orders do not fill).
 *
 * <p>Not a general {@link MarketDataSource}: {@link #history}'s cursor ignores the query and blocks
 * until the next push (its {@code hasNext} returns false once the waiting thread is interrupted, as
 * when the sandbox closes). One cursor at a time. {@link #push} is for any thread.
 */
public final class PushedBars implements MarketDataSource {
    private final BlockingQueue<Bar> queue = new LinkedBlockingQueue<>();
    private final Consumer<Bar> onTaken;

    /** A source that only queues. */
    public PushedBars() {
        this(bar -> { });
    }

    /**
     * @param onTaken called on the sandbox's replay thread the moment it takes a bar from the cursor
     *                (it then publishes the step before it), e.g. to time what follows
     */
    public PushedBars(Consumer<Bar> onTaken) {
        this.onTaken = Objects.requireNonNull(onTaken, "onTaken");
    }

    /** Queues the next bar the sandbox replays. */
    public void push(Bar bar) {
        queue.add(Objects.requireNonNull(bar, "bar"));
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
                onTaken.accept(b);
                return b;
            }

            @Override
            public void close() {
            }
        };
    }
}
