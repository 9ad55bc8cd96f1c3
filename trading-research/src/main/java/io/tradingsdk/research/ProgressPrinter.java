package io.tradingsdk.research;

import io.tradingsdk.core.backtest.BacktestProgressListener;
import io.tradingsdk.research.sweep.SweepListener;
import io.tradingsdk.research.sweep.SweepRow;
import io.tradingsdk.research.sweep.WalkForward;
import io.tradingsdk.research.sweep.WalkForwardResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Progress of long runs as one line at a time for a job's log (normally stderr): bars or runs done of
 * the total, the rate and the time left, at most one line per interval (the last line always).
 *
 * <pre>
 * backtest: 1,200,000 / 3,000,000 bars (40.0 %), 412,000 bars/s, about 4 s left
 * sweep: 12 / 40 runs (30.0 %), 3.1 runs/s, about 9 s left
 * </pre>
 *
 * <p>Called on the thread that runs the backtest or the sweep; not for sharing between runs at once.
 */
public final class ProgressPrinter implements BacktestProgressListener, SweepListener, WalkForward.Listener {
    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long lastPrinted = Long.MIN_VALUE;

    /** One line per second at most. */
    public ProgressPrinter(PrintStream out) {
        this(out, Duration.ofSeconds(1), System::nanoTime);
    }

    ProgressPrinter(PrintStream out, Duration interval, LongSupplier nanoTime) {
        this.out = Objects.requireNonNull(out, "out");
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void onProgress(Progress p) {
        if (due(p.barsDone() >= p.barsTotal())) {
            out.println(line("backtest", p.barsDone(), p.barsTotal(), "bars", p.barsPerSecond(),
                    p.remaining().orElse(null)));
        }
    }

    @Override
    public void onRunFinished(SweepRow row, int done, int total, long elapsedNanos) {
        if (due(done >= total)) {
            double rate = elapsedNanos == 0 ? 0 : done * 1e9 / elapsedNanos;
            Duration left = done == 0 ? null : Duration.ofNanos((long) ((double) elapsedNanos / done * (total - done)));
            out.println(line("sweep", done, total, "runs", rate, left));
        }
    }

    @Override
    public void onWindowFinished(WalkForwardResult.Window window, int done, int total) {
        out.println(String.format(Locale.ROOT, "walk-forward: window %d / %d done (out of sample from %s)", done, total,
                window.outOfSampleFrom()));
    }

    private boolean due(boolean last) {
        long now = nanoTime.getAsLong();
        if (last || lastPrinted == Long.MIN_VALUE || now - lastPrinted >= intervalNanos) {
            lastPrinted = now;
            return true;
        }
        return false;
    }

    static String line(String what, long done, long total, String unit, double rate, Duration left) {
        double pct = total == 0 ? 100.0 : 100.0 * done / total;
        String r = rate >= 100 ? String.format(Locale.ROOT, "%,.0f", rate) : String.format(Locale.ROOT, "%.1f", rate);
        String eta = done >= total ? "done" : left == null ? "time left unknown" : "about " + human(left) + " left";
        return String.format(Locale.ROOT, "%s: %,d / %,d %s (%.1f %%), %s %s/s, %s", what, done, total, unit, pct, r, unit, eta);
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
