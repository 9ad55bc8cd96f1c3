package io.tradingsdk.core.backtest;

import java.time.Duration;
import java.util.Optional;

/**
 * Told how far a long backtest has come, for hosts that show progress in their own UI.
 *
 * <p>Called on the thread that runs the backtest (its event loop), so it must return quickly and
 * must not block; an exception it throws ends the backtest. A runner calls it at most about once per
 * reporting interval while bars are processed, and once more at the end with
 * {@code barsDone == barsTotal}.
 */
@FunctionalInterface
public interface BacktestProgressListener {

    void onProgress(Progress progress);

    /**
     * How far a backtest has come. Wall-clock figures: they differ from run to run and never enter
     * the backtest's results.
     *
     * @param barsDone  bars processed so far
     * @param barsTotal bars the run will process
     * @param elapsed   wall-clock time since the first bar
     */
    record Progress(long barsDone, long barsTotal, Duration elapsed) {

        public Progress {
            if (barsDone < 0 || barsTotal < 0) {
                throw new IllegalArgumentException("bar counts must not be negative, were " + barsDone + " of " + barsTotal);
            }
            if (elapsed == null || elapsed.isNegative()) {
                throw new IllegalArgumentException("elapsed must be zero or positive, was " + elapsed);
            }
        }

        /** Done as a fraction in [0, 1]; 1 when there is nothing to do. */
        public double fraction() {
            return barsTotal == 0 ? 1.0 : Math.min(1.0, (double) barsDone / barsTotal);
        }

        /** Bars per second of wall-clock time so far; 0 before any time has passed. */
        public double barsPerSecond() {
            long nanos = elapsed.toNanos();
            return nanos == 0 ? 0.0 : barsDone * 1e9 / nanos;
        }

        /** Time left at the rate so far; empty until a bar is done. */
        public Optional<Duration> remaining() {
            if (barsDone == 0) {
                return Optional.empty();
            }
            long left = Math.max(0, barsTotal - barsDone);
            return Optional.of(Duration.ofNanos((long) ((double) elapsed.toNanos() / barsDone * left)));
        }
    }
}
