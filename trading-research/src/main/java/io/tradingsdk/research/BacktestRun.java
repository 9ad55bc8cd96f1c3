package io.tradingsdk.research;

import io.tradingsdk.core.backtest.BacktestReport;
import io.tradingsdk.core.metrics.LatencyHistogram;
import io.tradingsdk.core.metrics.MetricsSnapshot;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A backtest run for research: the core's report and metrics plus what the charts and statistics need.
 *
 * @param report      the deterministic report of the core backtest
 * @param metrics     the engine's metrics (signal-to-order latency is wall-clock time: it differs from run to run)
 * @param latency     the signal-to-order latency distribution (wall-clock)
 * @param statistics  the statistics of the run (deterministic)
 * @param strategies  per strategy id, sorted by id
 * @param days        the trading days seen, in the configuration's trading zone
 * @param dailyCloses equity at the end of each of {@code days}
 * @param series      equity, prices, fills and orders over time, when {@link RunOptions#keepSeries()}
 */
public record BacktestRun(BacktestReport report, MetricsSnapshot metrics, LatencyHistogram latency,
                          PerformanceStatistics statistics, List<StrategyBreakdown> strategies, List<LocalDate> days,
                          List<Double> dailyCloses, RunSeries series) {

    public BacktestRun {
        Objects.requireNonNull(report, "report");
        strategies = List.copyOf(strategies);
        days = List.copyOf(days);
        dailyCloses = List.copyOf(dailyCloses);
        if (days.size() != dailyCloses.size()) {
            throw new IllegalArgumentException(days.size() + " days but " + dailyCloses.size() + " daily closes");
        }
    }

    public Optional<RunSeries> seriesIfKept() {
        return Optional.ofNullable(series);
    }
}
