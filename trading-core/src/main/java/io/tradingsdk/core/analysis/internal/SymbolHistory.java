package io.tradingsdk.core.analysis.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The last {@code capacity} bar closes of one symbol, in a ring buffer with one writer (the engine's
 * event loop) and any number of readers (the analyzer's thread). Not API.
 *
 * <p><b>Why a seqlock.</b> The writer must not allocate and must not wait for a reader, so neither
 * copy-on-publish (a new array per bar) nor a lock fits. A sequence counter does: the writer makes
 * it odd, writes the slot, and makes it even again; a reader copies the window between two reads of
 * the counter and keeps the copy only when both reads are the same even number, so no write
 * overlapped the copy. Otherwise it retries, a bounded number of times. Readers never block the
 * writer; the writer never blocks at all.
 *
 * <p><b>Memory ordering</b> (Boehm, "Can seqlocks get along with programming language memory
 * models?", 2012): the writer's odd store is followed by a store-store fence, so the data stores
 * cannot become visible before it; the even store is a release, so they cannot become visible after
 * it. The reader's first counter read is an acquire, so the data loads cannot happen before it; a
 * load-load fence keeps them before the second counter read. The data fields are plain: a racy
 * plain read may see any value (even a torn {@code long} or {@code double} on a 32-bit JVM), but a
 * copy that raced with a write is always thrown away, so a reader never returns a half-written
 * window.
 *
 * <p><b>Writer contract.</b> {@link #record} is called from one thread at a time (the event loop).
 * Bars must arrive in time order per symbol: a bar with the same start as the last one replaces its
 * close (a corrected bar), an older one is ignored and counted in {@link #outOfOrder()}.
 */
public final class SymbolHistory {

    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(SymbolHistory.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Optimistic copies tried before a reader gives up (it then treats the symbol as without data). */
    static final int MAX_READ_ATTEMPTS = 10_000;

    private final String symbol;
    private final int capacity;
    private final long[] times;
    private final double[] closes;
    /** Bars appended so far; changed by the writer only while {@link #seq} is odd. */
    private long count;
    /** Even: stable. Odd: a write is in progress. Written by the writer only. */
    @SuppressWarnings("unused")
    private volatile long seq;
    /** Writer-only bookkeeping, read racily for monitoring. */
    private long outOfOrder;

    /**
     * @param capacity how many closes to keep, at least 2
     * @throws IllegalArgumentException if capacity is below 2
     */
    public SymbolHistory(String symbol, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.symbol = symbol;
        this.capacity = capacity;
        this.times = new long[capacity];
        this.closes = new double[capacity];
    }

    public String symbol() {
        return symbol;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Appends a close (writer thread only). Allocates nothing and never waits.
     *
     * @param time  the bar's start in epoch milliseconds
     * @param close the bar's close
     */
    public void record(long time, double close) {
        long c = count;
        if (c > 0) {
            int lastSlot = (int) ((c - 1) % capacity);
            long last = times[lastSlot];
            if (time < last) {
                outOfOrder++;
                return;
            }
            if (time == last) {
                long s = (long) SEQ.getOpaque(this);
                SEQ.setOpaque(this, s + 1);
                VarHandle.storeStoreFence();
                closes[lastSlot] = close;
                SEQ.setRelease(this, s + 2);
                return;
            }
        }
        int slot = (int) (c % capacity);
        long s = (long) SEQ.getOpaque(this);
        SEQ.setOpaque(this, s + 1);
        VarHandle.storeStoreFence();
        times[slot] = time;
        closes[slot] = close;
        count = c + 1;
        SEQ.setRelease(this, s + 2);
    }

    /**
     * Copies the window, oldest first, into the given arrays (each at least {@link #capacity()}
     * long). Any thread; never blocks the writer.
     *
     * @return how many closes were copied, or {@code -1} if every attempt raced with a write (the
     *         caller then has no consistent window this time)
     */
    public int copyTo(long[] timesOut, double[] closesOut) {
        if (timesOut.length < capacity || closesOut.length < capacity) {
            throw new IllegalArgumentException("output arrays must hold " + capacity + " values, were "
                    + timesOut.length + " and " + closesOut.length);
        }
        for (int attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
            long s1 = (long) SEQ.getAcquire(this);
            if ((s1 & 1L) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long c = count;
            int n = (int) Math.min(Math.max(c, 0), capacity);
            long start = c - n;
            for (int i = 0; i < n; i++) {
                // floorMod keeps the index in range even if a racing read saw a torn count.
                int slot = (int) Math.floorMod(start + i, (long) capacity);
                timesOut[i] = times[slot];
                closesOut[i] = closes[slot];
            }
            VarHandle.loadLoadFence();
            long s2 = (long) SEQ.getOpaque(this);
            if (s1 == s2) {
                return n;
            }
            if ((attempt & 63) == 63) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
        return -1;
    }

    /** Completed writes so far (appends and replacements); racy, for monitoring and tests. */
    public long writes() {
        return ((long) SEQ.getAcquire(this)) >>> 1;
    }

    /** Bars ignored because they were older than the last one; racy, for monitoring. */
    public long outOfOrder() {
        return outOfOrder;
    }
}
