package io.tradingsdk.research.sweep;

import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.ResearchBacktest;
import io.tradingsdk.research.RunOptions;
import io.tradingsdk.research.internal.BarCounter;
import io.tradingsdk.research.internal.ConfigEdits;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Walk-forward analysis: the data is cut into rolling windows; in each, a sweep over the in-sample part
 * picks the best parameters, which are then backtested on the out-of-sample part that follows. The
 * windows move on by the out-of-sample length, so the out-of-sample parts do not overlap and stitch
 * into one curve of results the optimiser never saw.
 *
 * <p>Each out-of-sample backtest starts flat with the account's initial cash and with strategies that
 * have seen no earlier bars (their indicators warm up inside the window). The last window's
 * out-of-sample part may be shorter than the others.
 */
public final class WalkForward {
    private WalkForward() {
    }

    /** Told when a window is done; on the calling thread. */
    @FunctionalInterface
    public interface Listener {
        void onWindowFinished(WalkForwardResult.Window window, int done, int total);
    }

    /**
     * @throws IllegalArgumentException when the spec has no walk-forward section or the data is too
     *                                  short for one window (the message gives the data's span)
     * @throws ConfigException          as {@link Sweep#run}
     */
    public static WalkForwardResult run(TradingConfig config, ProviderRegistry registry,
                                        Function<String, String> environment, SweepSpec spec, Listener listener) {
        SweepSpec.WalkForwardSpec wf = spec.walkForward();
        if (wf == null) {
            throw new IllegalArgumentException("the sweep has no walkForward section (inSample, outOfSample)");
        }
        Objects.requireNonNull(environment, "environment");
        Sweep.candidates(config, registry, spec); // refuses a bad spec before the data is read
        BarCounter.Span span = BarCounter.scan(config, registry, environment);
        if (span.first() == null) {
            throw new IllegalArgumentException("walk-forward: the configuration's data has no bars");
        }
        Instant end = config.dataConfig().map(d -> d.to()).orElse(null);
        if (end == null || end.isAfter(span.last().plusSeconds(1))) {
            end = span.last().plusSeconds(1);
        }
        List<Instant[]> bounds = new ArrayList<>();
        for (Instant start = span.first(); ; start = start.plus(wf.outOfSample())) {
            Instant oosFrom = start.plus(wf.inSample());
            if (!oosFrom.isBefore(end)) {
                break;
            }
            Instant oosTo = oosFrom.plus(wf.outOfSample());
            bounds.add(new Instant[] {start, oosFrom, oosTo.isAfter(end) ? end : oosTo});
        }
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("walk-forward: the data spans " + span.first() + " to " + span.last()
                    + ", shorter than one in-sample window of " + wf.inSample() + " plus some out-of-sample time");
        }
        TradingConfig base = ConfigEdits.withoutJournal(config);
        double initial = config.account().initialCash().doubleValue();
        List<WalkForwardResult.Window> windows = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        List<Double> stitched = new ArrayList<>();
        double carried = initial;
        for (int i = 0; i < bounds.size(); i++) {
            Instant[] b = bounds.get(i);
            SweepResult in = Sweep.run(ConfigEdits.withDataRange(base, b[0], b[1]), registry, environment, spec, null);
            WalkForwardResult.Window w;
            if (in.best().isEmpty()) {
                w = new WalkForwardResult.Window(i + 1, b[0], b[1], b[1], b[2], in.ranked().size(), Map.of(), Double.NaN, null);
            } else {
                SweepRow best = in.best().get();
                TradingConfig oos = ConfigEdits.withParameters(ConfigEdits.withDataRange(base, b[1], b[2]),
                        spec.strategyId(), best.parameters());
                BacktestRun run = ResearchBacktest.run(oos, registry, environment, RunOptions.statisticsOnly());
                w = new WalkForwardResult.Window(i + 1, b[0], b[1], b[1], b[2], in.ranked().size(), best.parameters(),
                        spec.rankBy().of(best.statistics()), run.statistics());
                double scale = initial == 0 ? 0 : carried / initial;
                for (int d = 0; d < run.days().size(); d++) {
                    days.add(run.days().get(d));
                    stitched.add(run.dailyCloses().get(d) * scale);
                }
                if (!stitched.isEmpty()) {
                    carried = stitched.get(stitched.size() - 1);
                }
            }
            windows.add(w);
            if (listener != null) {
                listener.onWindowFinished(w, i + 1, bounds.size());
            }
        }
        return new WalkForwardResult(spec, initial, windows, days, stitched);
    }
}
