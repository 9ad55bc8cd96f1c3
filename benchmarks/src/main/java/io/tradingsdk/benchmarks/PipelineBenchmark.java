package io.tradingsdk.benchmarks;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.core.backtest.BacktestReport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.ta4j.core.BarSeries;

/**
 * Whole-pipeline backtest throughput, the SDK and ta4j 0.22.2 side by side in one run: the same
 * moving-average crossover (10/30, long only, enter on a cross up, exit on a cross down) on the
 * same synthetic one-minute bars, filled at the next bar's open on both sides.
 *
 * <p>{@code impl=sdk}: {@link SdkBacktest}, the real engine with sizing, every built-in risk rule,
 * the order state machine, the paper executor, the in-memory journal and mark to market plus
 * equity statistics on every bar. {@code impl=ta4j-double} / {@code ta4j-decimal}: ta4j's {@code
 * BarSeriesManager} with {@code TradeOnNextOpenModel} over a series of {@code DoubleNum} or of its
 * default {@code DecimalNum}; ta4j records trades only (no sizing, risk, journal or marking).
 * {@code impl=bars-only}: the floor under any engine fed these bar objects, the same cursor read
 * to the end with each bar's start and close touched and nothing else done (as the empty baseline
 * is for the risk check).
 *
 * <p>The bars (and for ta4j the series) are made before timing; each measured call builds the
 * engine or the indicators afresh and runs every bar. Before timing, the trial checks that the SDK
 * and the ta4j variant of this fork (ta4j-double for {@code impl=sdk}) make exactly the same trades:
 * same entry and exit bars, same fill prices. The secondary result {@code bars} is in bars per
 * second; the primary one counts backtests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgs = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
public class PipelineBenchmark {

    @Param({"10000", "1000000"})
    public int bars;

    @Param({"sdk", "ta4j-double", "ta4j-decimal", "bars-only"})
    public String impl;

    private Bar[] data;
    private BarSeries series;

    /** Bars per second: JMH divides this count by the iteration's time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long bars;

        @Setup(Level.Iteration)
        public void reset() {
            bars = 0;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        data = SyntheticBars.array(bars, SyntheticBars.SEED);
        if (impl.equals("bars-only")) {
            return;
        }
        String peer = impl.equals("sdk") ? "ta4j-double" : impl;
        BarSeries peerSeries = Ta4jBacktest.series(data, Ta4jBacktest.numFactory(peer));
        List<RoundTrip> sdkTrades = SdkBacktest.roundTrips(runSdk());
        List<RoundTrip> peerTrades = Ta4jBacktest.roundTrips(Ta4jBacktest.run(peerSeries));
        RoundTrip.requireSame("sdk", sdkTrades, peer, peerTrades);
        if (sdkTrades.size() < bars / 200) {
            throw new IllegalStateException("only " + sdkTrades.size() + " trades in " + bars + " bars: the strategy barely trades");
        }
        series = impl.equals("sdk") ? null : peerSeries;
    }

    private BacktestReport runSdk() {
        return SdkBacktest.run(SyntheticBars.cursor(data), Fixtures.journal("memory"));
    }

    @Benchmark
    public Object backtest(Counters counters) {
        Object result = switch (impl) {
            case "sdk" -> runSdk();
            case "bars-only" -> readBars();
            default -> Ta4jBacktest.run(series);
        };
        counters.bars += bars;
        return result;
    }

    /** Reads every bar as the engine's runner does (cursor, start, close) and does nothing else. */
    private long readBars() {
        long sum = 0;
        try (BarCursor cursor = SyntheticBars.cursor(data)) {
            while (cursor.hasNext()) {
                Bar b = cursor.next();
                sum += b.start().getEpochSecond() ^ Double.doubleToRawLongBits(b.close());
            }
        }
        return sum;
    }
}
