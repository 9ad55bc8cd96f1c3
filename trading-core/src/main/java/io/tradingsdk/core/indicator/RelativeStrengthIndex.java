package io.tradingsdk.core.indicator;

import java.util.Objects;

/**
 * Relative strength index with Wilder's smoothing, in O(1) per value. Two ways to seed the
 * averages are offered ({@link Seed}); the default is {@link Seed#WILDER}, the textbook one.
 *
 * <p>Common to both: gain = max(x[i] - x[i-1], 0) and loss = max(x[i-1] - x[i], 0) for each change
 * between two values; RSI = 100 * avgGain / (avgGain + avgLoss), which is 100 - 100 / (1 + RS), and
 * 0 when both averages are 0.
 *
 * <p>Called by strategies on the engine's event loop; not thread-safe; never allocates.
 */
public final class RelativeStrengthIndex {

    /** How the averages of gains and losses begin. */
    public enum Seed {
        /**
         * Wilder's own method, as TA-Lib computes it: the first averages are the simple means of the
         * first {@code period} gains and losses; afterwards avg = (avg * (period - 1) + x) / period.
         * Ready after {@code period + 1} values (the seed's {@code period} changes), when the first
         * value is exactly the textbook one.
         */
        WILDER,
        /**
         * ta4j 0.17's {@code RSIIndicator}: the averages start at 0 (the first value's change) and
         * are smoothed from there, avg = (x - avg) / period + avg; never fully forgets the zero seed.
         * Reported from {@code period + 1} values, where it equals ta4j's value at the same index;
         * during the first few periods it differs from the textbook RSI by several points.
         */
        ZERO
    }

    private final int period;
    private final Seed seed;
    private final double multiplier;
    private int count;
    private double previous;
    private double averageGain;
    private double averageLoss;

    /**
     * An RSI with the textbook {@link Seed#WILDER} seed.
     *
     * @param period Wilder smoothing period, at least 1
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public RelativeStrengthIndex(int period) {
        this(period, Seed.WILDER);
    }

    /**
     * @param period Wilder smoothing period, at least 1
     * @param seed   how the averages begin
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public RelativeStrengthIndex(int period, Seed seed) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1, was " + period);
        }
        this.period = period;
        this.seed = Objects.requireNonNull(seed, "seed");
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
            if (seed == Seed.ZERO) {
                // Same operation order as ta4j's AbstractEMAIndicator: (x - prev) * k + prev.
                averageGain = (gain - averageGain) * multiplier + averageGain;
                averageLoss = (loss - averageLoss) * multiplier + averageLoss;
            } else if (count <= period) {
                // Seeding: sums of the first 'period' changes, divided once the last one is in.
                averageGain += gain;
                averageLoss += loss;
                if (count == period) {
                    averageGain /= period;
                    averageLoss /= period;
                }
            } else {
                // TA-Lib's order: prev * (period - 1) + x, then / period.
                averageGain = (averageGain * (period - 1) + gain) / period;
                averageLoss = (averageLoss * (period - 1) + loss) / period;
            }
        }
        previous = value;
        if (count < Integer.MAX_VALUE) {
            count++;
        }
    }

    /** Whether {@code period + 1} values (so {@code period} changes, the whole seed) have been fed. */
    public boolean isReady() {
        return count > period;
    }

    /** The RSI in [0, 100], or {@link Double#NaN} until {@link #isReady()}. */
    public double value() {
        return count > period ? rsi() : Double.NaN;
    }

    private double rsi() {
        if (seed == Seed.ZERO) {
            if (averageLoss == 0.0) {
                return averageGain == 0.0 ? 0.0 : 100.0;
            }
            return 100.0 - 100.0 / (1.0 + averageGain / averageLoss);
        }
        double sum = averageGain + averageLoss;
        return sum == 0.0 ? 0.0 : 100.0 * (averageGain / sum);
    }

    /** Number of values fed so far (saturates at {@link Integer#MAX_VALUE}). */
    public int count() {
        return count;
    }

    public int period() {
        return period;
    }

    public Seed seed() {
        return seed;
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
        return "RSI(" + period + ", " + seed + ")=" + value();
    }
}
