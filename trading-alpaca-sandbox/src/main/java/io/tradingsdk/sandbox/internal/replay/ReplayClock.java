package io.tradingsdk.sandbox.internal.replay;

import java.time.Instant;

/**
 * The sandbox's market time: the end of the latest replayed bar (when its close became known), or
 * the first bar's start before any bar was replayed. Written by the replay thread, read by any.
 */
public final class ReplayClock {
    private volatile Instant now;
    private volatile boolean finished;

    public ReplayClock(Instant start) {
        this.now = start;
    }

    public Instant now() {
        return now;
    }

    void advanceTo(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }

    /** Whether the replay has handed out its last bar. */
    public boolean finished() {
        return finished;
    }

    void finish() {
        finished = true;
    }
}
