package io.tradingsdk.research;

import io.tradingsdk.core.backtest.BacktestProgressListener;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ResearchBacktest} runs a backtest.
 *
 * @param progress         told how far the run has come, or {@code null} for no progress; with a
 *                         listener the bars are counted first, in one extra read of the data
 * @param progressInterval the least time between two progress reports
 * @param keepSeries       keep equity, prices, fills and orders over time (for a report); without
 *                         it only the statistics are computed, in memory that does not grow with
 *                         the number of bars beyond one value per day
 */
public record RunOptions(BacktestProgressListener progress, Duration progressInterval, boolean keepSeries) {

    public RunOptions {
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must not be negative, was " + progressInterval);
        }
    }

    /** For a report: series kept, no progress. */
    public static RunOptions report() {
        return new RunOptions(null, Duration.ofSeconds(1), true);
    }

    /** For a sweep: statistics only, no progress. */
    public static RunOptions statisticsOnly() {
        return new RunOptions(null, Duration.ofSeconds(1), false);
    }

    public RunOptions withProgress(BacktestProgressListener listener, Duration interval) {
        return new RunOptions(listener, interval, keepSeries);
    }
}
