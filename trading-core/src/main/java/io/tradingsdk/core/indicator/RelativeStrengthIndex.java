package io.tradingsdk.core.indicator;

/**
 * Relative strength index with Wilder's smoothing, computed exactly as ta4j 0.17's
 * {@code RSIIndicator} does, in O(1) per value.
 *
 * <p>ta4j 0.17 semantics reproduced here (they matter: Wilder smoothing never forgets its seed):
 * <ul>
 *   <li>gain and loss of the first value are 0; afterwards gain = max(x[i] - x[i-1], 0) and
 *       loss = max(x[i-1] - x[i], 0);</li>
 *   <li>each average is a modified moving average seeded with the first gain/loss (0), not with
 *       an SMA of the first {@code period} changes: avg[0] = 0,
 *       avg[i] = (g[i] - avg[i-1]) * (1/period) + avg[i-1];</li>
 *   <li>RSI = 100 - 100 / (1 + avgGain / avgLoss); when avgLoss is 0 it is 100, or 0 if avgGain
 *       is 0 too.</li>
 * </ul>
 * ta4j reports a value from index 0, but its averages count {@code period} bars as unstable; this
 * class is ready once {@code period} changes have been smoothed in, i.e. after {@code period + 1}
 * values, and returns {@link Double#NaN} before. From then on the value equals ta4j's at the same
 * index.
 *
 * <p>Called by strategies on the engine's event loop; not thread-safe; never allocates.
 */
public final class RelativeStrengthIndex {
    private final int period;
    private final double multiplier;
    private int count;
    private double previous;
    private double averageGain;
    private double averageLoss;

    /**
     * @param period Wilder smoothing period, at least 1
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public RelativeStrengthIndex(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1, was " + period);
        }
        this.period = period;
        this.multiplier = 1.0 / period;
    }

    /**
     * Feeds the next value (typically a close price).
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite; the state is unchanged
     */
    public void update(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        if (count > 0) {
            double change = value - previous;
            double gain = change > 0 ? change : 0.0;
            double loss = change < 0 ? -change : 0.0;
            // Same operation order as ta4j's AbstractEMAIndicator: (x - prev) * k + prev.
            averageGain = (gain - averageGain) * multiplier + averageGain;
            averageLoss = (loss - averageLoss) * multiplier + averageLoss;
        }
        previous = value;
        if (count < Integer.MAX_VALUE) {
            count++;
        }
    }

    /** Whether {@code period + 1} values (so {@code period} changes) have been fed. */
    public boolean isReady() {
        return count > period;
    }

    /** The RSI in [0, 100], or {@link Double#NaN} until {@link #isReady()}. */
    public double value() {
        return count > period ? rsi() : Double.NaN;
    }

    private double rsi() {
        if (averageLoss == 0.0) {
            return averageGain == 0.0 ? 0.0 : 100.0;
        }
        double relativeStrength = averageGain / averageLoss;
        return 100.0 - 100.0 / (1.0 + relativeStrength);
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
        count = 0;
        previous = 0.0;
        averageGain = 0.0;
        averageLoss = 0.0;
    }

    @Override
    public String toString() {
        return "RSI(" + period + ")=" + value();
    }
}
