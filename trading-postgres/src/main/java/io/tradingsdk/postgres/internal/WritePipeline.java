package io.tradingsdk.postgres.internal;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries asynchronous journal records from the engine's event loop to PostgreSQL without ever
 * blocking the loop, and without losing or doubling a record when the database goes away.
 *
 * <pre>
 * event loop ─offer─► inbox (lock-free) ─► spool thread ─► memory buffer (bounded, FIFO)
 *                                                     └──► spill file (when memory is full, until drained)
 *                     writer thread ◄── oldest first: memory, then spill ──► batch INSERT ... ON CONFLICT DO NOTHING
 * </pre>
 *
 * <p><b>Threads.</b> {@link #offer} and {@link #flush} may be called from any thread; they only
 * enqueue (no lock, no I/O). The spool thread moves records into the memory buffer or, once it is
 * full, appends them to the spill file; it never talks to the database, so the inbox stays short
 * even while a database call hangs. The writer thread takes the oldest records (memory first, then
 * the spill file: once spilling has started, new records go to the file until it is drained, which
 * keeps the order), writes them in one transaction and only then drops them. A failed write is
 * retried with a doubling pause; nothing is dropped on failure. Because every table has a natural
 * key and is written with {@code ON CONFLICT DO NOTHING}, a batch written twice (its commit was
 * acknowledged too late, or the process stopped before dropping it) adds nothing.
 *
 * <p><b>Records refused for good</b> (SQL state class 22 or 23, e.g. a NUL character in text) are
 * isolated by writing the batch one record at a time; the refused ones go to the rejected file
 * next to the spill file, are counted and logged, and the rest is written.
 */
public final class WritePipeline {
    private static final Logger log = LoggerFactory.getLogger(WritePipeline.class);
    private static final long OUTAGE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long SPILL_SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_BACKOFF_MILLIS = 50;

    /** Writes records in one transaction; returns the rows inserted. */
    @FunctionalInterface
    public interface BatchSink {
        int write(List<Object> records) throws Exception;
    }

    private final String name;
    private final BatchSink sink;
    private final SpillFile spill;
    private final int memoryCapacity;
    private final int batchSize;
    private final long backoffMaxMillis;

    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong inboxCount = new AtomicLong();
    private final AtomicLong flushIds = new AtomicLong();
    private volatile boolean spoolParked;
    private volatile boolean spoolStop;
    private volatile boolean writerStop;
    private volatile boolean terminated;
    private final Thread spoolThread;
    private final Thread writerThread;

    // Guarded by lock.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writerWake = lock.newCondition();
    private final ArrayDeque<Object> memory = new ArrayDeque<>();
    private final Map<Long, CompletableFuture<Void>> spilledFlushes = new HashMap<>();
    private boolean spilling;
    private long spillReadOffset;
    private long lastSyncNanos = System.nanoTime();
    private long lastDropLogNanos;

    // Statistics.
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong inserted = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong spilledTotal = new AtomicLong();
    private final AtomicLong replayedFromSpill = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private volatile int memorySize;
    private volatile long spillBacklogBytes;
    private volatile boolean spillingNow;
    private volatile boolean available = true;
    private volatile String lastError;

    public WritePipeline(String name, BatchSink sink, SpillFile spill, int memoryCapacity, int batchSize,
                         Duration backoffMax) {
        this.name = name;
        this.sink = sink;
        this.spill = spill;
        this.memoryCapacity = memoryCapacity;
        this.batchSize = batchSize;
        this.backoffMaxMillis = Math.max(MIN_BACKOFF_MILLIS, backoffMax.toMillis());
        this.spillReadOffset = spill.start();
        if (!spill.isEmpty()) {
            // A previous process left records: they are older than anything recorded now, so they go first.
            spilling = true;
            spillingNow = true;
            spillBacklogBytes = spill.flushedLength() - spillReadOffset;
            log.warn("journal {}: found {} bytes of records a previous run could not write in {}; writing them first",
                    name, spillBacklogBytes, spill.path());
        }
        spoolThread = new Thread(this::spoolLoop, "trading-journal-spool-" + name);
        spoolThread.setDaemon(true);
        writerThread = new Thread(this::writerLoop, "trading-journal-writer-" + name);
        writerThread.setDaemon(true);
    }

    public void start() {
        spoolThread.start();
        writerThread.start();
    }

    /** Enqueues a record; never blocks, never throws for I/O. */
    public void offer(Object record) {
        accepted.incrementAndGet();
        enqueue(record);
    }

    /** Completes once every record offered before this call is written. */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        enqueue(new Items.FlushMarker(flushIds.incrementAndGet(), f));
        return f;
    }

    private void enqueue(Object o) {
        inbox.offer(o);
        inboxCount.incrementAndGet();
        if (spoolParked) {
            LockSupport.unpark(spoolThread);
        }
    }

    // ------------------------------------------------------------------ spool thread

    private void spoolLoop() {
        while (!spoolStop || !inbox.isEmpty()) {
            try {
                spoolOnce();
            } catch (RuntimeException e) {
                // A bug must not stop the spool: records would pile up in the inbox unwritten.
                log.error("journal {}: spool step failed; continuing", name, e);
            }
        }
    }

    private void spoolOnce() {
        Object o = inbox.poll();
        if (o == null) {
            if (spoolStop) {
                return;
            }
            lock.lock();
            try {
                flushSpillLocked();
            } finally {
                lock.unlock();
            }
            spoolParked = true;
            if (inbox.isEmpty() && !spoolStop) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            spoolParked = false;
            return;
        }
        lock.lock();
        try {
            int n = 0;
            do {
                inboxCount.decrementAndGet();
                place(o);
                n++;
            } while (n < 4096 && (o = inbox.poll()) != null);
            flushSpillLocked();
            memorySize = memory.size();
            writerWake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void place(Object o) {
        if (terminated) {
            if (o instanceof Items.FlushMarker m) {
                m.future().completeExceptionally(new IllegalStateException("journal " + name + " is closed"));
            } else {
                dropped.incrementAndGet();
            }
            return;
        }
        if (!spilling && memory.size() < memoryCapacity) {
            memory.addLast(o);
            return;
        }
        if (!spilling) {
            spilling = true;
            spillingNow = true;
            log.warn("journal {}: {} records wait in memory (the limit); further records go to {} until written",
                    name, memory.size(), spill.path());
        }
        try {
            if (o instanceof Items.FlushMarker m) {
                spilledFlushes.put(m.id(), m.future());
                spill.append(SpillCodec.encode(m), true);
            } else if (spill.append(SpillCodec.encode(o), false)) {
                spilledTotal.incrementAndGet();
            } else {
                drop("the spill file reached its size limit");
            }
        } catch (UncheckedIOException e) {
            drop(e.getMessage());
        }
    }

    private void drop(String why) {
        dropped.incrementAndGet();
        long now = System.nanoTime();
        if (lastDropLogNanos == 0 || now - lastDropLogNanos > OUTAGE_LOG_INTERVAL_NANOS) {
            lastDropLogNanos = now;
            log.error("journal {}: RECORDS LOST: {}; {} dropped so far (spill file {})", name, why, dropped.get(),
                    spill.path());
        }
    }

    private void flushSpillLocked() {
        if (!spill.hasPending() && System.nanoTime() - lastSyncNanos < SPILL_SYNC_INTERVAL_NANOS) {
            return;
        }
        try {
            if (spill.hasPending()) {
                spill.flushToOs();
                writerWake.signal();
            }
            if (System.nanoTime() - lastSyncNanos >= SPILL_SYNC_INTERVAL_NANOS) {
                spill.sync();
                lastSyncNanos = System.nanoTime();
            }
        } catch (UncheckedIOException e) {
            log.error("journal {}: {}", name, e.getMessage());
        }
        spillBacklogBytes = spilling ? spill.flushedLength() - spillReadOffset : 0;
    }

    // ------------------------------------------------------------------ writer thread

    private record Batch(List<Object> records, boolean fromSpill, long spillEnd) {
    }

    private void writerLoop() {
        long outageStart = 0;
        long lastOutageLog = 0;
        long backoff = MIN_BACKOFF_MILLIS;
        Batch batch = null;
        while (true) {
            if (batch == null) {
                try {
                    batch = takeBatch();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.error("journal {}: cannot read the spill file; retrying in 1 s", name, e);
                    pause(1000);
                    continue;
                }
                if (batch == null) {
                    return;
                }
            }
            try {
                int rows = writeIsolating(batch.records());
                inserted.addAndGet(rows);
                commit(batch);
                batch = null;
                backoff = MIN_BACKOFF_MILLIS;
                if (!available) {
                    available = true;
                    log.info("journal {}: PostgreSQL writes resumed after {} ms; {} records wait in memory, {} bytes in the"
                                    + " spill file", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStart),
                            memorySize, spillBacklogBytes);
                }
            } catch (Exception e) {
                writeFailures.incrementAndGet();
                lastError = SqlErrors.describe(e);
                long now = System.nanoTime();
                if (available) {
                    available = false;
                    outageStart = now;
                    lastOutageLog = now;
                    log.warn("journal {}: writing to PostgreSQL failed, keeping records and retrying: {}", name, lastError);
                } else if (now - lastOutageLog > OUTAGE_LOG_INTERVAL_NANOS) {
                    lastOutageLog = now;
                    log.warn("journal {}: PostgreSQL unavailable for {} s: {}; {} records in memory, spill file {} bytes",
                            name, TimeUnit.NANOSECONDS.toSeconds(now - outageStart), lastError, memorySize,
                            spillBacklogBytes);
                }
                if (writerStop) {
                    return;
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, backoffMaxMillis);
            }
            if (writerStop && terminated) {
                return;
            }
        }
    }

    private void pause(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!writerStop) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    /** Writes the batch; if PostgreSQL refuses records for good, writes them one by one and rejects the bad ones. */
    private int writeIsolating(List<Object> records) throws Exception {
        try {
            return sink.write(records);
        } catch (Exception e) {
            if (!SqlErrors.isRecordError(e)) {
                throw e;
            }
            if (records.size() == 1) {
                reject(records.get(0), e);
                return 0;
            }
            log.warn("journal {}: PostgreSQL refused a batch of {} records ({}); writing them one by one", name,
                    records.size(), SqlErrors.describe(e));
            int rows = 0;
            for (Object r : records) {
                try {
                    rows += sink.write(List.of(r));
                } catch (Exception one) {
                    if (!SqlErrors.isRecordError(one)) {
                        throw one;
                    }
                    reject(r, one);
                }
            }
            return rows;
        }
    }

    private void reject(Object record, Exception e) {
        rejected.incrementAndGet();
        String line = SpillCodec.encode(record);
        log.error("journal {}: PostgreSQL refused a record for good ({}); kept in {}", name, SqlErrors.describe(e),
                spill.rejectedPath());
        lock.lock();
        try {
            spill.reject(line, SqlErrors.describe(e));
        } finally {
            lock.unlock();
        }
    }

    private Batch takeBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (terminated) {
                    return null;
                }
                Object head;
                List<Items.FlushMarker> flushed = null;
                while ((head = memory.peekFirst()) instanceof Items.FlushMarker m) {
                    memory.pollFirst();
                    if (flushed == null) {
                        flushed = new ArrayList<>(2);
                    }
                    flushed.add(m);
                }
                if (flushed != null) {
                    // Count first, then complete: whoever waits on the flush sees nothing buffered.
                    memorySize = memory.size();
                    for (Items.FlushMarker m : flushed) {
                        m.future().complete(null);
                    }
                }
                if (!memory.isEmpty()) {
                    List<Object> recs = new ArrayList<>(Math.min(batchSize, memory.size()));
                    for (Object o : memory) {
                        if (o instanceof Items.FlushMarker || recs.size() == batchSize) {
                            break;
                        }
                        recs.add(o);
                    }
                    return new Batch(recs, false, 0);
                }
                if (spilling) {
                    long limit = spill.flushedLength();
                    if (spillReadOffset < limit) {
                        long from = spillReadOffset;
                        SpillFile.Chunk chunk;
                        lock.unlock();
                        try {
                            chunk = spill.read(from, limit, batchSize);
                        } finally {
                            lock.lock();
                        }
                        if (chunk.damaged() > 0) {
                            rejected.addAndGet(chunk.damaged());
                        }
                        if (chunk.marker() != null) {
                            CompletableFuture<Void> f = spilledFlushes.remove(chunk.marker().id());
                            spillReadOffset = chunk.endOffset();
                            if (f != null) {
                                f.complete(null);
                            }
                            continue;
                        }
                        if (chunk.records().isEmpty()) {
                            spillReadOffset = chunk.endOffset();
                            continue;
                        }
                        return new Batch(chunk.records(), true, chunk.endOffset());
                    }
                    if (!spill.hasPending()) {
                        spill.reset();
                        spillReadOffset = spill.start();
                        spilling = false;
                        spillingNow = false;
                        spillBacklogBytes = 0;
                        log.info("journal {}: spill file drained; {} records replayed from it so far", name,
                                replayedFromSpill.get());
                        continue;
                    }
                }
                if (writerStop) {
                    return null;
                }
                writerWake.await(200, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void commit(Batch b) {
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            int n = b.records().size();
            if (b.fromSpill()) {
                spillReadOffset = b.spillEnd();
                spillBacklogBytes = spill.flushedLength() - spillReadOffset;
                replayedFromSpill.addAndGet(n);
            } else {
                for (int i = 0; i < n; i++) {
                    memory.pollFirst();
                }
                memorySize = memory.size();
            }
            written.addAndGet(n);
            batches.incrementAndGet();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ close

    /**
     * Stops: waits up to {@code timeout} for everything offered to be written, then saves what is
     * left (memory before the unread spill file, so the order holds) to the spill file for the next
     * start, and releases the file.
     *
     * @return the number of records left for the next start
     */
    public long close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Void> all = flush();
        try {
            all.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("journal {}: not everything was written within {}; saving the rest to {}", name, timeout, spill.path());
        } catch (ExecutionException e) {
            log.warn("journal {}: final flush failed: {}", name, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spoolStop = true;
        LockSupport.unpark(spoolThread);
        join(spoolThread, 5_000);
        writerStop = true;
        lock.lock();
        try {
            writerWake.signalAll();
        } finally {
            lock.unlock();
        }
        join(writerThread, Math.max(1_000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        long left;
        lock.lock();
        try {
            terminated = true;
            // Whatever the spool did not get to (it stopped) is newer than the memory buffer and the spill file.
            for (Object o; (o = inbox.poll()) != null; ) {
                if (o instanceof Items.FlushMarker m) {
                    m.future().completeExceptionally(new IllegalStateException("journal " + name + " closed"));
                } else {
                    memory.addLast(o);
                }
            }
            List<Object> fromMemory = new ArrayList<>(memory.size());
            for (Object o : memory) {
                if (o instanceof Items.FlushMarker m) {
                    m.future().completeExceptionally(new IllegalStateException("journal " + name + " closed"));
                } else {
                    fromMemory.add(o);
                }
            }
            memory.clear();
            spill.flushToOs();
            long unreadBytes = spilling ? spill.flushedLength() - spillReadOffset : 0;
            left = fromMemory.size();
            if (!fromMemory.isEmpty() || unreadBytes > 0) {
                try {
                    spill.rewrite(fromMemory, spilling ? spillReadOffset : spill.flushedLength());
                    log.warn("journal {}: {} records from memory and {} bytes of spilled records were not written to"
                                    + " PostgreSQL; they are saved in {} and written on the next start", name,
                            fromMemory.size(), unreadBytes, spill.path());
                } catch (UncheckedIOException e) {
                    dropped.addAndGet(fromMemory.size());
                    log.error("journal {}: RECORDS LOST: {} records could not be saved: {}", name, fromMemory.size(),
                            e.getMessage());
                }
            } else if (spilling) {
                spill.reset();
            }
            for (CompletableFuture<Void> f : spilledFlushes.values()) {
                f.completeExceptionally(new IllegalStateException("journal " + name + " closed"));
            }
            spilledFlushes.clear();
            memorySize = 0;
        } finally {
            lock.unlock();
        }
        spill.close();
        return left;
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ statistics

    /** A consistent-enough view of the counters; cheap, any thread. */
    public record Counters(long accepted, long written, long inserted, long batches, long bufferedInMemory,
                           boolean spilling, long spillBacklogBytes, long spilledTotal, long replayedFromSpill,
                           long dropped, long rejected, long writeFailures, boolean databaseAvailable, String lastError) {
    }

    public Counters counters() {
        return new Counters(accepted.get(), written.get(), inserted.get(), batches.get(),
                memorySize + Math.max(0, inboxCount.get()), spillingNow, spillBacklogBytes, spilledTotal.get(),
                replayedFromSpill.get(), dropped.get(), rejected.get(), writeFailures.get(), available, lastError);
    }

    /** Whether the calling thread is one of this pipeline's own (for tests and diagnostics). */
    public boolean isPipelineThread(Thread t) {
        return t == spoolThread || t == writerThread;
    }
}
