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
 * Replays a bar cursor on its own thread: the bars that start at the same instant form one step;
 * each step is handed to the broker (fills at the bars' prices), then stored and published, and
 * the clock moves to the bars' end. Steps are {@code interval} apart in wall time.
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
            while (!stopped && pending != null) {
                List<Bar> step = nextStep();
                for (Bar b : step) {
                    broker.accept(b);
                }
                Instant end = step.get(0).end();
                for (Bar b : step) {
                    store.add(b);
                    end = b.end().isAfter(end) ? b.end() : end;
                }
                clock.advanceTo(end);
                publisher.accept(step);
                if (pending != null) {
                    Thread.sleep(interval.toMillis(), interval.toNanosPart() % 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("sandbox replay stopped: {}", e.toString(), e);
        } finally {
            clock.finish();
        }
    }

    private List<Bar> nextStep() {
        List<Bar> step = new ArrayList<>();
        Instant start = pending.start();
        while (pending != null && pending.start().equals(start)) {
            step.add(pending);
            pending = cursor.hasNext() ? cursor.next() : null;
        }
        return step;
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
