package io.tradingsdk.research.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.core.backtest.BacktestProgressListener;
import io.tradingsdk.core.engine.EngineObserver;
import java.time.Duration;

/**
 * Counts processed bars on the event loop and tells the listener at most once per interval, and
 * once at the end through {@link #finish()}. Reads the wall clock every 256 bars only.
 */
public final class ProgressObserver implements EngineObserver {
    private final BacktestProgressListener listener;
    private final long totalBars;
    private final long intervalNanos;
    private long done;
    private long startNanos = -1;
    private long nextReportNanos;

    public ProgressObserver(BacktestProgressListener listener, long totalBars, Duration interval) {
        this.listener = listener;
        this.totalBars = totalBars;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void onBarProcessed(Bar bar, PortfolioView portfolio) {
        done++;
        if (startNanos < 0) {
            startNanos = System.nanoTime();
            nextReportNanos = startNanos + intervalNanos;
        }
        if ((done & 255) == 0) {
            long now = System.nanoTime();
            if (now >= nextReportNanos) {
                nextReportNanos = now + intervalNanos;
                listener.onProgress(progress(now));
            }
        }
    }

    /** The last report: all bars done. */
    public void finish() {
        long now = System.nanoTime();
        listener.onProgress(new BacktestProgressListener.Progress(done, Math.max(done, totalBars),
                Duration.ofNanos(startNanos < 0 ? 0 : now - startNanos)));
    }

    private BacktestProgressListener.Progress progress(long now) {
        return new BacktestProgressListener.Progress(done, Math.max(done, totalBars), Duration.ofNanos(now - startNanos));
    }
}
