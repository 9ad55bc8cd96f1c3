package io.tradingsdk.sandbox.internal.replay;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a bar cursor on its own thread: the bars that start at the same instant form one step.
 * Each bar goes to the broker as soon as it is read (orders fill at its prices); when the next step
 * begins (or the cursor ends), the step is stored, the clock moves to its end and it is published.
 * Steps are {@code interval} apart in wall time.
 */
public final class Replayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Replayer.class);

    private final BarCursor cursor;
    private final Duration interval;
    private final ReplayClock clock;
    private final BarStore store;
    private final Consumer<Bar> broker;
    private final Consumer<List<Bar>> publisher;
    private final Thread thread;
    private Bar pending;
    private volatile boolean stopped;
    private final java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();

    /** Reads the first bar now (so the clock starts at it); the replay begins with {@link #start}. */
    public Replayer(BarCursor cursor, Duration interval, BarStore store, Consumer<Bar> broker,
                    Consumer<List<Bar>> publisher) {
        this.cursor = cursor;
        this.interval = interval;
        this.store = store;
        this.broker = broker;
        this.publisher = publisher;
        if (!cursor.hasNext()) {
            throw new IllegalArgumentException("the bar source has no bars for the sandbox's query");
        }
        this.pending = cursor.next();
        this.clock = new ReplayClock(pending.start());
        this.thread = new Thread(this::run, "alpaca-sandbox-replay");
        this.thread.setDaemon(true);
    }

    public ReplayClock clock() {
        return clock;
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            List<Bar> step = new ArrayList<>();
            Bar bar = pending;
            pending = null;
            while (!stopped && bar != null) {
                if (!step.isEmpty() && !bar.start().equals(step.get(0).start())) {
                    finish(step);
                    step = new ArrayList<>();
                    Thread.sleep(interval.toMillis(), interval.toNanosPart() % 1_000_000);
                }
                // Fills happen as soon as the bar is read; its step is published when the next step begins.
                broker.accept(bar);
                applied.incrementAndGet();
                step.add(bar);
                bar = !stopped && cursor.hasNext() ? cursor.next() : null;
            }
            if (!step.isEmpty()) {
                finish(step);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopped) {
                log.error("sandbox replay stopped: {}", e.toString(), e);
            }
        } finally {
            clock.finish();
        }
    }

    private void finish(List<Bar> step) {
        Instant end = step.get(0).end();
        for (Bar b : step) {
            store.add(b);
            end = b.end().isAfter(end) ? b.end() : end;
        }
        clock.advanceTo(end);
        publisher.accept(step);
    }

    /** How many bars the broker has been handed. */
    public long barsApplied() {
        return applied.get();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cursor.close();
    }
}
