package io.tradingsdk.benchmarks;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.research.sweep.ParameterRange;
import io.tradingsdk.research.sweep.RankStatistic;
import io.tradingsdk.research.sweep.Sweep;
import io.tradingsdk.research.sweep.SweepResult;
import io.tradingsdk.research.sweep.SweepSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parameter-sweep speed-up: the same grid of 8 moving-average crossover backtests (fast 5, 10, 15,
 * 20 by slow 40, 80) over the same synthetic one-minute bars, run by {@link Sweep} on one worker
 * thread and on two. Each backtest is the research module's full run (engine, paper executor, risk
 * rules, statistics recorder), isolated and single-threaded; the speed-up is the time on one thread
 * over the time on two. The heap is fixed at 512 MB for all 8 runs: a sweep keeps each run's
 * statistics, never its equity curve.
 *
 * <p>Before timing, the trial checks that one and two threads rank the runs the same way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgs = {"-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 6)
@Measurement(iterations = 5, time = 6)
public class SweepBenchmark {
    static final String PROVIDER = "benchmark-bars";

    @Param({"100000"})
    public int bars;

    @Param({"1", "2"})
    public int threads;

    private TradingConfig config;
    private ProviderRegistry registry;
    private SweepSpec spec;

    @Setup(Level.Trial)
    public void setup() {
        Bar[] data = SyntheticBars.array(bars, SyntheticBars.SEED);
        registry = ProviderRegistry.builder().discover(SweepBenchmark.class.getClassLoader())
                .register(new ArrayBars(data)).build();
        config = TradingConfig.parse("sweep-benchmark", """
                account: {id: sweep, initialCash: 100000, mode: backtest}
                data: {provider: %s}
                strategies:
                  - id: sma
                    provider: moving-average-crossover
                    symbols: [%s]
                execution: {provider: paper}
                engine: {tradingZone: UTC}
                """.formatted(PROVIDER, SyntheticBars.SYMBOL));
        Map<String, ParameterRange> grid = new LinkedHashMap<>();
        grid.put("fastPeriod", ParameterRange.of(5L, 10L, 15L, 20L));
        grid.put("slowPeriod", ParameterRange.of(40L, 80L));
        spec = SweepSpec.grid("sma", RankStatistic.SHARPE, grid).withThreads(threads);
        SweepResult here = sweep();
        SweepResult single = Sweep.run(config, registry, name -> null, spec.withThreads(1), null);
        if (here.ranked().size() != 8 || !here.ranked().get(0).ok()) {
            throw new IllegalStateException("the sweep did not run its 8 backtests: " + here.ranked());
        }
        if (!here.ranked().equals(single.ranked())) {
            throw new IllegalStateException("the sweep on " + threads + " threads ranks differently from one thread");
        }
    }

    @Benchmark
    public SweepResult sweep() {
        return Sweep.run(config, registry, name -> null, spec, null);
    }

    /** The synthetic bars as a market data source: each run gets its own cursor over the shared array. */
    static final class ArrayBars implements MarketDataSourceProvider {
        private final Bar[] bars;

        ArrayBars(Bar[] bars) {
            this.bars = bars;
        }

        @Override
        public String name() {
            return PROVIDER;
        }

        @Override
        public ParameterSchema parameterSchema() {
            return ParameterSchema.empty();
        }

        @Override
        public MarketDataSource create(Parameters parameters, ProviderContext context) {
            return new MarketDataSource() {
                @Override
                public String name() {
                    return PROVIDER;
                }

                @Override
                public BarCursor history(BarQuery query) {
                    return SyntheticBars.cursor(bars);
                }
            };
        }
    }
}
