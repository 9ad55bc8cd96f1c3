package io.tradingsdk.research;

import io.tradingsdk.core.backtest.Backtest;
import io.tradingsdk.core.backtest.BacktestReport;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.metrics.TradingMetrics;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.research.internal.BarCounter;
import io.tradingsdk.research.internal.ProgressObserver;
import io.tradingsdk.research.internal.RunRecorder;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs one backtest through {@link Backtest#run} and records what reports, statistics and sweeps need.
 * The same configuration and data give the same {@link BacktestRun} apart from its wall-clock latency
 * figures.
 *
 * <p>Runs on the calling thread (a backtest is single-threaded); several may run at once on
 * different threads, each with its own configuration objects.
 */
public final class ResearchBacktest {

    private ResearchBacktest() {
    }

    /**
     * @throws ConfigException as {@link Backtest#run} does (no data section, a provider missing, a
     *                         parameter out of range...); nothing was run
     */
    public static BacktestRun run(TradingConfig config, ProviderRegistry registry, Function<String, String> environment,
                                  RunOptions options) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(options, "options");
        ProgressObserver progress = null;
        if (options.progress() != null) {
            long total = BarCounter.scan(config, registry, environment).bars();
            progress = new ProgressObserver(options.progress(), total, options.progressInterval());
        }
        double initial = config.account().initialCash().doubleValue();
        RunRecorder recorder = new RunRecorder(config.engine().tradingZone(), initial, options.keepSeries());
        TradingMetrics metrics = new TradingMetrics();
        ProgressObserver p = progress;
        Backtest.Result result = Backtest.run(config, registry, environment, b -> {
            b.observer(recorder).listener(recorder, Runnable::run).metrics(metrics);
            if (p != null) {
                b.observer(p);
            }
        });
        if (progress != null) {
            progress.finish();
        }
        BacktestReport r = result.report();
        PerformanceStatistics stats = PerformanceStatistics.compute(r.initialEquity().doubleValue(),
                r.finalEquity().doubleValue(), r.firstBar(), r.lastBar(), recorder.dailyCloses(), r.sharpeRatio(),
                r.maxDrawdown(), r.trades(), recorder.barsInMarket(), recorder.exposureSum(), recorder.equitySum(),
                recorder.bars(), recorder.tradedNotional());
        return new BacktestRun(r, result.metrics(), metrics.latencyHistogram(), stats, recorder.breakdown(),
                recorder.days(), recorder.dailyCloses(), recorder.series());
    }
}
