package io.tradingsdk.research.sweep;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.StrategyConfig;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.ResearchBacktest;
import io.tradingsdk.research.RunOptions;
import io.tradingsdk.research.internal.ConfigEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a parameter sweep: one isolated, single-threaded backtest per candidate (its own engine,
 * executor, data source and clock, and no journal), on {@link SweepSpec#effectiveThreads()} worker
 * threads. Only each run's statistics are kept, never its equity curve, so memory grows with the
 * number of candidates, not with bars times candidates; at most two runs per thread are queued.
 *
 * <p>The same configuration, data and spec give the same ranked result on any number of threads.
 */
public final class Sweep {
    private Sweep() {
    }

    /** The candidates the spec gives for the configuration's strategy, in sweep order. */
    public static List<Map<String, Object>> candidates(TradingConfig config, ProviderRegistry registry, SweepSpec spec) {
        StrategyConfig strategy = ConfigEdits.strategy(config, spec.strategyId());
        StrategyProvider provider = registry.find(StrategyProvider.class, strategy.provider()).orElseThrow(() ->
                new ConfigException(config.sourceName(), "strategies", strategy.provider(), "no strategy provider named '"
                        + strategy.provider() + "'; known: " + registry.names(StrategyProvider.class), null));
        ParameterSpace space = ParameterSpace.of(provider.parameterSchema(), spec.parameters(), strategy.parameters());
        return spec.method() == SweepSpec.Method.GRID ? space.grid(SweepSpec.MAX_RUNS) : space.random(spec.samples(), spec.seed());
    }

    /**
     * Runs every candidate and ranks the runs. Blocks the calling thread until all finished.
     *
     * @param listener told as runs finish, on the calling thread; may be {@code null}
     * @throws ConfigException           when the spec names a strategy the configuration does not have
     * @throws InvalidParameterException naming a swept parameter the strategy does not have or a value
     *                                   out of its schema's range; nothing ran
     * @throws IllegalStateException     when a run failed for another reason than its parameters (its
     *                                   exception is the cause); the other runs are cancelled
     */
    public static SweepResult run(TradingConfig config, ProviderRegistry registry, Function<String, String> environment,
                                  SweepSpec spec, SweepListener listener) {
        Objects.requireNonNull(environment, "environment");
        List<Map<String, Object>> candidates = candidates(config, registry, spec);
        TradingConfig base = ConfigEdits.withoutJournal(config);
        int threads = Math.min(spec.effectiveThreads(), Math.max(1, candidates.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, new Workers());
        try {
            ExecutorCompletionService<SweepRow> done = new ExecutorCompletionService<>(pool);
            int total = candidates.size();
            int submitted = 0;
            int finished = 0;
            long start = System.nanoTime();
            List<SweepRow> rows = new ArrayList<>(total);
            while (finished < total) {
                while (submitted < total && submitted - finished < 2 * threads) {
                    int index = submitted++;
                    Map<String, Object> c = candidates.get(index);
                    done.submit(() -> runOne(base, registry, environment, spec.strategyId(), index, c));
                }
                SweepRow row = take(done);
                rows.add(row);
                finished++;
                if (listener != null) {
                    listener.onRunFinished(row, finished, total, System.nanoTime() - start);
                }
            }
            return SweepResult.of(spec, rows, threads);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One candidate on the calling thread. A parameter combination the strategy refuses is a row, not an error. */
    static SweepRow runOne(TradingConfig base, ProviderRegistry registry, Function<String, String> environment,
                           String strategyId, int index, Map<String, Object> candidate) {
        TradingConfig config = ConfigEdits.withParameters(base, strategyId, candidate);
        try {
            BacktestRun run = ResearchBacktest.run(config, registry, environment, RunOptions.statisticsOnly());
            return new SweepRow(index, candidate, run.statistics(), run.report().finalEquity(), null);
        } catch (ConfigException | InvalidParameterException e) {
            return new SweepRow(index, candidate, null, null, e.getMessage());
        }
    }

    private static SweepRow take(ExecutorCompletionService<SweepRow> done) {
        try {
            Future<SweepRow> f = done.take();
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sweep", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep run failed: " + e.getCause(), e.getCause());
        }
    }

    /** Named daemon threads, so a stuck run never keeps the JVM alive. */
    private static final class Workers implements ThreadFactory {
        private static final AtomicInteger SWEEPS = new AtomicInteger();
        private final int sweep = SWEEPS.incrementAndGet();
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "sweep-" + sweep + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
