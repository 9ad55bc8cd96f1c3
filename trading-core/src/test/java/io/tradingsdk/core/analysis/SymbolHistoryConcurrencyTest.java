package io.tradingsdk.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.core.analysis.internal.SymbolHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The event loop writes closes while the analyzer copies windows: a reader must never get a window
 * that mixes bars from before and after a write. Each bar k has time k and close 2k + 1, so a copy
 * is consistent exactly when its times are consecutive and every close matches its time.
 */
class SymbolHistoryConcurrencyTest {

    private static final int CAPACITY = 64;
    private static final int WRITES = 300_000;

    private static double close(long time) {
        return 2.0 * time + 1.0;
    }

    @Test
    void readersNeverSeeATornWindowWhileTheLoopWrites() throws Exception {
        SymbolHistory history = new SymbolHistory("A", CAPACITY);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> torn = new AtomicReference<>();
        AtomicLong consistentCopies = new AtomicLong();
        AtomicLong fullCopies = new AtomicLong();

        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                long[] times = new long[CAPACITY];
                double[] closes = new double[CAPACITY];
                long lastSeen = -1;
                while (writing.get() && torn.get() == null) {
                    int n = history.copyTo(times, closes);
                    if (n <= 0) {
                        continue;
                    }
                    String problem = check(times, closes, n, lastSeen);
                    if (problem != null) {
                        torn.compareAndSet(null, problem);
                        return;
                    }
                    lastSeen = times[n - 1];
                    consistentCopies.incrementAndGet();
                    if (n == CAPACITY) {
                        fullCopies.incrementAndGet();
                    }
                }
            }, "reader-" + r);
            readers.add(reader);
            reader.start();
        }

        Thread writer = new Thread(() -> {
            for (long k = 0; k < WRITES; k++) {
                history.record(k, close(k));
                if (k % 16 == 0) {
                    history.record(k, close(k)); // a corrected bar: replaces the last close in place
                }
                // Pace like an event loop that does other work between bars, so readers get their turn.
                for (int spin = 0; spin < 8; spin++) {
                    Thread.onSpinWait();
                }
            }
        }, "loop");
        writer.start();
        writer.join(60_000);
        writing.set(false);
        for (Thread reader : readers) {
            reader.join(10_000);
        }

        assertThat(torn.get()).as("a torn window").isNull();
        assertThat(consistentCopies.get()).as("consistent copies made while writing").isGreaterThan(100);
        assertThat(fullCopies.get()).isGreaterThan(0);
        long[] times = new long[CAPACITY];
        double[] closes = new double[CAPACITY];
        assertThat(history.copyTo(times, closes)).isEqualTo(CAPACITY);
        assertThat(times[CAPACITY - 1]).isEqualTo(WRITES - 1);
        assertThat(check(times, closes, CAPACITY, -1)).isNull();
    }

    /** Null when the window is consistent and not older than what this reader saw before. */
    static String check(long[] times, double[] closes, int n, long lastSeen) {
        if (n < Math.min(CAPACITY, times[n - 1] + 1)) {
            return "window of " + n + " ending at " + times[n - 1] + " is too short";
        }
        if (times[n - 1] < lastSeen) {
            return "window went back in time: " + times[n - 1] + " after " + lastSeen;
        }
        for (int i = 0; i < n; i++) {
            if (i > 0 && times[i] != times[i - 1] + 1) {
                return "times not consecutive at " + i + ": " + times[i - 1] + ", " + times[i];
            }
            if (closes[i] != close(times[i])) {
                return "close " + closes[i] + " at time " + times[i] + " belongs to another bar";
            }
        }
        return null;
    }
}
