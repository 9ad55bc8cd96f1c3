package io.tradingsdk.core.analysis.internal;

import java.util.Arrays;

/**
 * The statistics of the risk analysis, as plain functions on arrays: returns, timestamp alignment,
 * Pearson correlation, sample covariance and historical value at risk. Statistics are {@code double}
 * (they are estimates, not money). Not API; any thread (no state).
 */
public final class Stats {

    /** Slack for {@code n x (1 - confidence)}, which is rarely an exact binary value (10 x 0.3 = 3.0000000000000004). */
    private static final double TAIL_SLACK = 1e-9;

    private Stats() {
    }

    /**
     * Returns between consecutive closes: {@code c[i+1] / c[i] - 1} (simple) or {@code ln(c[i+1] / c[i])} (log).
     *
     * @return how many returns were written ({@code max(0, n - 1)})
     */
    public static int returns(double[] closes, int n, boolean log, double[] out) {
        for (int i = 1; i < n; i++) {
            double ratio = closes[i] / closes[i - 1];
            out[i - 1] = log ? Math.log(ratio) : ratio - 1.0;
        }
        return Math.max(0, n - 1);
    }

    /**
     * The closes of two series at the times both have, in time order. Times of each series must be
     * strictly increasing.
     *
     * @return how many common times were found
     */
    public static int align(long[] ta, double[] ca, int na, long[] tb, double[] cb, int nb, double[] outA, double[] outB) {
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < na && j < nb) {
            long a = ta[i];
            long b = tb[j];
            if (a == b) {
                outA[k] = ca[i];
                outB[k] = cb[j];
                k++;
                i++;
                j++;
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        return k;
    }

    /** The times present in both sorted arrays, in order, written to {@code out}; returns how many. */
    public static int intersect(long[] ta, int na, long[] tb, int nb, long[] out) {
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < na && j < nb) {
            if (ta[i] == tb[j]) {
                out[k++] = ta[i];
                i++;
                j++;
            } else if (ta[i] < tb[j]) {
                i++;
            } else {
                j++;
            }
        }
        return k;
    }

    /**
     * The closes of a series at the given times (each must be present in {@code times}, which is
     * sorted); writes them to {@code out}.
     */
    public static void pick(long[] times, double[] closes, int n, long[] at, int m, double[] out) {
        int i = 0;
        for (int k = 0; k < m; k++) {
            while (i < n && times[i] != at[k]) {
                i++;
            }
            if (i == n) {
                throw new IllegalStateException("time " + at[k] + " is not in the series");
            }
            out[k] = closes[i];
        }
    }

    public static double mean(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s / n;
    }

    /**
     * Pearson's correlation of the first {@code n} values of {@code x} and {@code y} (two-pass: means
     * first, for accuracy), clamped to [-1, 1].
     *
     * @return NaN when {@code n < 2} or either series does not vary
     */
    public static double pearson(double[] x, double[] y, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(x, n);
        double my = mean(y, n);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (!(sxx > 0) || !(syy > 0)) {
            return Double.NaN;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    /** Sample covariance (denominator {@code n - 1}) of two series whose means are given. */
    public static double covariance(double[] x, double mx, double[] y, double my, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (n - 1);
    }

    /**
     * How many of {@code n} observations form the tail at {@code confidence}:
     * {@code max(1, ceil(n x (1 - confidence)))}.
     */
    public static int tailCount(int n, double confidence) {
        int m = (int) Math.ceil(n * (1.0 - confidence) - TAIL_SLACK);
        return Math.max(1, Math.min(n, m));
    }

    /**
     * Historical value at risk: with the P&amp;L sorted ascending and {@code m = tailCount(n, confidence)},
     * the loss {@code -pnl[m-1]}, i.e. the m-th worst outcome. Negative when even that outcome is a gain.
     *
     * @param sortedPnl P&amp;L per observation, sorted ascending
     */
    public static double valueAtRisk(double[] sortedPnl, int n, double confidence) {
        return -sortedPnl[tailCount(n, confidence) - 1];
    }

    /** Historical expected shortfall: the mean loss of the {@code m} worst outcomes (same m as {@link #valueAtRisk}). */
    public static double expectedShortfall(double[] sortedPnl, int n, double confidence) {
        int m = tailCount(n, confidence);
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += sortedPnl[i];
        }
        return -s / m;
    }

    /** Indices {@code 0..n-1} ordered by ascending value, ties by index (deterministic). */
    public static int[] ascendingOrder(double[] values, int n) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(values[a], values[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
