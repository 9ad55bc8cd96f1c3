package io.tradingsdk.core.recovery;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of an engine's recoveries and reconciliations, readable from any thread (the Micrometer
 * bridge and hosts read them; the engine writes them).
 */
public final class RecoveryMetrics {
    private final LongAdder recoveries = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private final LongAdder adoptedOrders = new LongAdder();
    private final LongAdder journaledFills = new LongAdder();
    private final LongAdder neverSent = new LongAdder();
    private final LongAdder foreignOrders = new LongAdder();
    private final LongAdder reconciliations = new LongAdder();
    private final LongAdder differences = new LongAdder();

    /** Records a finished recovery. */
    public void onRecovered(RecoveryReport r) {
        recoveries.increment();
        adoptedOrders.add(r.adopted().size());
        journaledFills.add(r.journaledFills());
        neverSent.add(r.neverSentCancelled().size() + r.neverSentResent().size());
        foreignOrders.add(r.foreignOrders().size());
        differences.add(r.differences().size());
    }

    /** Records a recovery attempt that could not finish (the broker or the journal could not be read). */
    public void onFailedAttempt() {
        failedAttempts.increment();
    }

    /** Records a reconciliation and the differences it found. */
    public void onReconciled(int differenceCount) {
        reconciliations.increment();
        differences.add(differenceCount);
    }

    public long recoveries() {
        return recoveries.sum();
    }

    public long failedAttempts() {
        return failedAttempts.sum();
    }

    public long adoptedOrders() {
        return adoptedOrders.sum();
    }

    public long journaledFills() {
        return journaledFills.sum();
    }

    public long neverSent() {
        return neverSent.sum();
    }

    public long foreignOrders() {
        return foreignOrders.sum();
    }

    public long reconciliations() {
        return reconciliations.sum();
    }

    /** Differences found by recoveries and reconciliations together: each one is an alert. */
    public long differences() {
        return differences.sum();
    }
}
