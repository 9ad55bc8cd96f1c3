package io.tradingsdk.node.internal;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.recovery.RecoveryReport;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The node's own engine listener: when recovery ended, and which orders reached a final state. */
public final class StopWatcher implements EngineListener {
    private final CountDownLatch recovered = new CountDownLatch(1);
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private volatile RecoveryReport report;

    @Override
    public void onRecovered(RecoveryReport r) {
        report = r;
        recovered.countDown();
    }

    @Override
    public synchronized void onOrderEvent(OrderEvent event) {
        if (event.type().resultingStatus() != null && event.type().resultingStatus().isTerminal()) {
            finished.add(event.clientOrderId());
            notifyAll();
        }
    }

    public boolean awaitRecovered(long millis) throws InterruptedException {
        return recovered.await(millis, TimeUnit.MILLISECONDS);
    }

    public RecoveryReport report() {
        return report;
    }

    /** Waits until every id has a final event or the time is up; returns the ids still open. */
    public synchronized Set<String> awaitFinished(Collection<String> ids, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Set<String> open = ConcurrentHashMap.newKeySet();
            for (String id : ids) {
                if (!finished.contains(id)) {
                    open.add(id);
                }
            }
            long left = deadline - System.nanoTime();
            if (open.isEmpty() || left <= 0) {
                return open;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
