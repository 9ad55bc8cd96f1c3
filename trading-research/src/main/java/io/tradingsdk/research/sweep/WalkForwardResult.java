package io.tradingsdk.research.sweep;

import io.tradingsdk.research.PerformanceStatistics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a walk-forward analysis: per window the parameters the in-sample sweep chose and how
 * they did out of sample, and the out-of-sample equity of all windows stitched into one curve. When
 * in-sample figures are far better than out-of-sample ones, the sweep fitted noise.
 *
 * @param windows        in time order
 * @param days           the days of the stitched out-of-sample curve
 * @param stitchedEquity equity at the end of each of {@code days}: each window's out-of-sample
 *                       returns applied to where the previous window ended, starting at the
 *                       account's initial cash
 */
public record WalkForwardResult(SweepSpec spec, double initialEquity, List<Window> windows, List<LocalDate> days,
                                List<Double> stitchedEquity) {

    public WalkForwardResult {
        windows = List.copyOf(windows);
        days = List.copyOf(days);
        stitchedEquity = List.copyOf(stitchedEquity);
    }

    /**
     * One in-sample optimisation and its out-of-sample test.
     *
     * @param bestParameters  the in-sample winner, or empty when no in-sample run succeeded
     * @param inSampleValue   the ranking statistic of the winner in sample (NaN when none)
     * @param outOfSample     the winner's statistics out of sample, or {@code null} when there was no winner
     */
    public record Window(int number, Instant inSampleFrom, Instant inSampleTo, Instant outOfSampleFrom,
                         Instant outOfSampleTo, int candidates, Map<String, Object> bestParameters, double inSampleValue,
                         PerformanceStatistics outOfSample) {
        public Window {
            bestParameters = Collections.unmodifiableMap(new LinkedHashMap<>(bestParameters));
        }

        /** The ranking statistic out of sample (NaN when there was no winner). */
        public double outOfSampleValue(RankStatistic statistic) {
            return outOfSample == null ? Double.NaN : statistic.of(outOfSample);
        }
    }

    /** Return of the stitched out-of-sample curve over the whole analysis. */
    public double stitchedReturn() {
        return stitchedEquity.isEmpty() || initialEquity == 0 ? 0.0
                : stitchedEquity.get(stitchedEquity.size() - 1) / initialEquity - 1.0;
    }

    /** Largest fall from a peak of the stitched out-of-sample curve, as a fraction. */
    public double stitchedMaxDrawdown() {
        double peak = initialEquity;
        double max = 0;
        for (double e : stitchedEquity) {
            peak = Math.max(peak, e);
            if (peak > 0) {
                max = Math.max(max, (peak - e) / peak);
            }
        }
        return max;
    }
}
