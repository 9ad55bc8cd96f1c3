package io.tradingsdk.postgres.internal;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.postgres.JournalUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes order intents durable before they are sent (journal-first execution), off the event loop.
 *
 * <p>{@link #submit} only enqueues (lock-free) and returns a future. One thread writes what is
 * queued, several intents in one transaction when they queue up (group commit), with a synchronous
 * commit, and completes the futures when the commit returned. A failed write is retried until the
 * intent's deadline; a watchdog thread fails the future at the deadline even if a database call
 * hangs, so the engine hears "not durable" in bounded time and does not send. (An intent whose
 * commit went through after its deadline stays in the journal without events; a restart finds it
 * open and the engine's broker lookup shows it was never sent.)
 */
public final class IntentWriter {
    private static final Logger log = LoggerFactory.getLogger(IntentWriter.class);

    /** Writes intents in one transaction. */
    @FunctionalInterface
    public interface Sink {
        void write(List<OrderIntent> intents) throws Exception;
    }

    private record Pending(OrderIntent intent, CompletableFuture<Void> future, long deadline) {
    }

    private final String name;
    private final Sink sink;
    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Pending> watched = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private final Thread watchdog;
    private volatile boolean writerParked;
    private volatile boolean watchdogParked;
    private volatile boolean stop;
    private volatile String lastError;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public IntentWriter(String name, Sink sink, Duration timeout) {
        this.name = name;
        this.sink = sink;
        this.timeoutNanos = timeout.toNanos();
        writer = new Thread(this::writeLoop, "trading-journal-intents-" + name);
        writer.setDaemon(true);
        watchdog = new Thread(this::watchLoop, "trading-journal-intent-watchdog-" + name);
        watchdog.setDaemon(true);
    }

    public void start() {
        writer.start();
        watchdog.start();
    }

    /** Enqueues the intent; the future completes when it is durable or fails at the deadline. */
    public CompletableFuture<Void> submit(OrderIntent intent) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (stop) {
            f.completeExceptionally(new IllegalStateException("journal " + name + " is closed; intent "
                    + intent.clientOrderId() + " was not recorded"));
            return f;
        }
        Pending p = new Pending(intent, f, System.nanoTime() + timeoutNanos);
        queue.offer(p);
        watched.offer(p);
        if (writerParked) {
            LockSupport.unpark(writer);
        }
        if (watchdogParked) {
            LockSupport.unpark(watchdog);
        }
        return f;
    }

    public long commits() {
        return commits.get();
    }

    public long failures() {
        return failures.get();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        long backoff = 10;
        while (!stop) {
            if (batch.isEmpty()) {
                for (Pending p; batch.size() < 500 && (p = queue.poll()) != null; ) {
                    if (!p.future().isDone()) {
                        batch.add(p);
                    }
                }
                if (batch.isEmpty()) {
                    writerParked = true;
                    if (queue.isEmpty() && !stop) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                    }
                    writerParked = false;
                    continue;
                }
            }
            List<OrderIntent> intents = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                intents.add(p.intent());
            }
            try {
                sink.write(intents);
                commits.addAndGet(batch.size());
                for (Pending p : batch) {
                    p.future().complete(null);
                }
                batch.clear();
                backoff = 10;
            } catch (Exception e) {
                lastError = SqlErrors.describe(e);
                if (SqlErrors.isRecordError(e)) {
                    for (Pending p : batch) {
                        fail(p, "PostgreSQL refused intent " + p.intent().clientOrderId() + ": " + lastError, e);
                    }
                    batch.clear();
                    continue;
                }
                log.warn("journal {}: intent write failed, retrying until its deadline: {}", name, lastError);
                long now = System.nanoTime();
                batch.removeIf(p -> p.future().isDone() || now - p.deadline() >= 0);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
                backoff = Math.min(backoff * 2, 500);
            }
        }
        for (Pending p : batch) {
            fail(p, "journal " + name + " closed before intent " + p.intent().clientOrderId() + " was durable", null);
        }
    }

    private void watchLoop() {
        while (!stop) {
            long now = System.nanoTime();
            for (Iterator<Pending> it = watched.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.future().isDone()) {
                    it.remove();
                } else if (now - p.deadline() >= 0) {
                    fail(p, "intent " + p.intent().clientOrderId() + " was not made durable within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"
                            + (lastError == null ? "" : ": " + lastError), null);
                    it.remove();
                }
            }
            watchdogParked = true;
            LockSupport.parkNanos(watched.isEmpty() ? TimeUnit.SECONDS.toNanos(1) : TimeUnit.MILLISECONDS.toNanos(20));
            watchdogParked = false;
        }
    }

    private void fail(Pending p, String message, Throwable cause) {
        if (p.future().completeExceptionally(new JournalUnavailableException(message, cause))) {
            failures.incrementAndGet();
            log.error("journal {}: {}; the order is not sent", name, message);
        }
    }

    /** Stops taking intents; waits up to {@code timeout} for those queued, then fails the rest. */
    public void close(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            boolean pending = false;
            for (Pending p : watched) {
                if (!p.future().isDone()) {
                    pending = true;
                    break;
                }
            }
            if (!pending) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        stop = true;
        LockSupport.unpark(writer);
        LockSupport.unpark(watchdog);
        try {
            writer.join(2_000);
            watchdog.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending p : watched) {
            fail(p, "journal " + name + " closed before intent " + p.intent().clientOrderId() + " was durable", null);
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            fail(p, "journal " + name + " closed before intent " + p.intent().clientOrderId() + " was durable", null);
        }
    }
}
