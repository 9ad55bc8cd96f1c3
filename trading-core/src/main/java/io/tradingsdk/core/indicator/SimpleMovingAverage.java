package io.tradingsdk.core.indicator;

/**
 * Simple moving average of the last {@code period} values, updated in O(1) per value with a ring
 * buffer and a compensated running sum.
 *
 * <p>Values agree with ta4j 0.17's {@code SMAIndicator} from the index where its window is full
 * ({@code index >= period - 1}); before that ta4j averages the partial window, while this class is
 * not ready and returns {@link Double#NaN}.
 *
 * <p>Called by strategies on the engine's event loop; not thread-safe; never allocates after
 * construction.
 */
public final class SimpleMovingAverage {
    private final int period;
    private final double[] window;
    private int next;
    private int count;
    // Neumaier-compensated running sum: adding the new value and subtracting the evicted one forever
    // would otherwise let rounding errors accumulate without bound over a long-running feed.
    private double sum;
    private double compensation;

    /**
     * @param period number of values averaged, at least 1
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public SimpleMovingAverage(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1, was " + period);
        }
        this.period = period;
        this.window = new double[period];
    }

    /**
     * Feeds the next value.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite; the state is unchanged
     */
    public void update(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        if (count >= period) {
            add(-window[next]);
        }
        window[next] = value;
        add(value);
        next = next + 1 == period ? 0 : next + 1;
        if (count < Integer.MAX_VALUE) {
            count++;
        }
    }

    private void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    /** Whether {@code period} values have been fed. */
    public boolean isReady() {
        return count >= period;
    }

    /** The mean of the last {@code period} values, or {@link Double#NaN} until {@link #isReady()}. */
    public double value() {
        return count >= period ? (sum + compensation) / period : Double.NaN;
    }

    /** Number of values fed so far (saturates at {@link Integer#MAX_VALUE}). */
    public int count() {
        return count;
    }

    public int period() {
        return period;
    }

    /** Forgets every value, as if newly constructed. */
    public void reset() {
        java.util.Arrays.fill(window, 0.0);
        next = 0;
        count = 0;
        sum = 0.0;
        compensation = 0.0;
    }

    @Override
    public String toString() {
        return "SMA(" + period + ")=" + value();
    }
}
