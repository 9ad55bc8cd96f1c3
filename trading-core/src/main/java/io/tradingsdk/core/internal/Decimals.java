package io.tradingsdk.core.internal;

import java.math.BigDecimal;

/**
 * Converts prices that arrive as {@code double} (bars, statistics) into money decimals, the same
 * decimal {@link BigDecimal#valueOf(double)} gives, without going through {@link
 * Double#toString(double)} (which costs a few hundred nanoseconds and a string per call).
 *
 * <p>The fast path covers what market prices look like: a magnitude in [0.001, 10^7) with at most
 * nine decimals and at most fifteen significant digits. For such a {@code d} it answers the decimal with the fewest decimals (at least
 * one, as {@code Double.toString} prints) that converts back to exactly {@code d}; that is the
 * decimal {@code BigDecimal.valueOf(d)} gives, scale included. Every other value goes through
 * {@code BigDecimal.valueOf}. Either way the answer converts back to {@code d} exactly.
 *
 * <p>Not part of the SDK's API: an {@code internal} package. Thread-safe (stateless).
 */
public final class Decimals {

    private static final int MAX_SCALE = 9;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    /** Below 10^-3 and from 10^7 on, Double.toString switches to exponent notation. */
    private static final double MIN_PLAIN = 1e-3;
    private static final double MAX_PLAIN = 1e7;
    /** Fifteen significant digits: two such decimals never convert to the same double. */
    private static final double MAX_UNSCALED = 1e15;

    private Decimals() {
    }

    /**
     * The shortest decimal that converts back to {@code d}, as {@link BigDecimal#valueOf(double)}.
     *
     * @throws NumberFormatException if {@code d} is NaN or infinite (as {@code BigDecimal.valueOf})
     */
    public static BigDecimal of(double d) {
        double magnitude = Math.abs(d);
        if (magnitude >= MIN_PLAIN && magnitude < MAX_PLAIN) {
            for (int scale = 1; scale <= MAX_SCALE; scale++) {
                double scaled = d * POW10[scale];
                if (Math.abs(scaled) >= MAX_UNSCALED) {
                    break; // more than 15 significant digits: leave it to BigDecimal.valueOf
                }
                double unscaled = Math.rint(scaled);
                // Division by an exact power of ten is correctly rounded: equal means it converts back.
                // At most 15 significant digits, no other decimal of this length converts to d.
                if (unscaled / POW10[scale] == d) {
                    return BigDecimal.valueOf((long) unscaled, scale);
                }
            }
        }
        return BigDecimal.valueOf(d);
    }
}
