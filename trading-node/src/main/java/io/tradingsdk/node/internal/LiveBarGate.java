package io.tradingsdk.node.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarListener;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the live source and the engine. Until {@link #open} it holds live bars (the node subscribes
 * before it reads warm-up history, so no bar falls between the two); on open it passes on those that
 * are newer than the warm-up's last bar of their symbol, then every new bar. After {@link #close} it
 * passes nothing: a stopping node's strategies see no new bar.
 *
 * <p>A failure that ends the subscription ({@link #onFailure}) goes to the engine at once, open or
 * not, unless closed: the engine halts the account, so nothing trades on prices that stopped
 * arriving. The node reads {@link #failure()} to refuse a start whose feed already ended.
 *
 * <p>Thread: {@link #onBar} on the source's thread; open and close on the node's. One lock; the
 * targets only enqueue.
 */
public final class LiveBarGate implements BarListener {
    private static final Logger log = LoggerFactory.getLogger(LiveBarGate.class);
    /** Bars held before open beyond this are dropped oldest first (warm-up then covers them from history). */
    static final int MAX_HELD = 100_000;

    private final BarListener engine;
    private final BarListener venue;
    private final ArrayDeque<Bar> held = new ArrayDeque<>();
    private Map<String, Instant> warmedUpTo = Map.of();
    private boolean open;
    private boolean closed;
    private long droppedWhileHeld;
    private RuntimeException failure;

    /** @param venue a simulated venue that fills from bars (the paper executor), or {@code null} */
    public LiveBarGate(BarListener engine, BarListener venue) {
        this.engine = engine;
        this.venue = venue;
    }

    @Override
    public synchronized void onBar(Bar bar) {
        if (closed) {
            return;
        }
        if (!open) {
            if (held.size() == MAX_HELD) {
                held.removeFirst();
                droppedWhileHeld++;
            }
            held.addLast(bar);
            return;
        }
        pass(bar);
    }

    @Override
    public void onFailure(RuntimeException failure) {
        synchronized (this) {
            if (closed) {
                return; // a stopping node closed its subscription; nothing trades any more
            }
            if (this.failure == null) {
                this.failure = failure;
            }
        }
        engine.onFailure(failure); // the engine logs it, at ERROR, with the halt it causes
    }

    /** The failure that ended the subscription, or null while it runs. */
    public synchronized RuntimeException failure() {
        return failure;
    }

    /** Passes on the held bars newer than the warm-up, then every new bar. */
    public synchronized void open(Map<String, Instant> warmUpLastStart) {
        if (closed || open) {
            return;
        }
        warmedUpTo = Map.copyOf(warmUpLastStart);
        open = true;
        if (droppedWhileHeld > 0) {
            log.warn("{} live bar(s) arrived before the node was ready and were more than {} held; the oldest were dropped",
                    droppedWhileHeld, MAX_HELD);
        }
        Bar b;
        while ((b = held.pollFirst()) != null) {
            pass(b);
        }
    }

    /** From now on nothing passes; held bars are dropped. */
    public synchronized void close() {
        closed = true;
        held.clear();
    }

    private void pass(Bar bar) {
        Instant last = warmedUpTo.get(bar.symbol());
        if (last != null && !bar.start().isAfter(last)) {
            return; // already seen during warm-up
        }
        if (venue != null) {
            venue.onBar(bar);
        }
        engine.onBar(bar);
    }
}
