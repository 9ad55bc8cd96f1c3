package io.tradingsdk.core.risk.internal;

/**
 * Decides exact decimal comparisons in {@code double} when the answer is clear, so that risk rules
 * can pass an intent without creating any object.
 *
 * <p>Why it is safe: {@code BigDecimal.doubleValue()} is correctly rounded (relative error at most
 * 2<sup>-53</sup>), and each further {@code double} operation adds at most the same. A comparison
 * built from a handful of such operations is therefore off by far less than {@link #TOLERANCE}
 * times the sum of the magnitudes of its terms. When the difference is smaller than that, or any
 * value is not finite or is tiny, {@link #sign} answers 0 and the caller decides with exact
 * {@code BigDecimal} arithmetic. The exact answer is thus always the one returned.
 *
 * <p>Not API.
 */
public final class Approx {

    /** Far above the accumulated rounding error of a few operations (about 1e-15). */
    public static final double TOLERANCE = 1e-9;

    private Approx() {
    }

    /**
     * The sign of {@code lhs - rhs} when the double approximation settles it, else 0.
     *
     * @param diff  {@code lhs - rhs} computed in double
     * @param scale the sum of the absolute values of every term that went into {@code diff}
     *              (before any cancellation)
     * @return 1 or -1 when certain; 0 when too close to call (the caller must compute exactly)
     */
    public static int sign(double diff, double scale) {
        // Negated comparisons also catch NaN.
        if (!(scale > 1e-200) || !(scale < 1e200) || Double.isNaN(diff)) {
            return 0;
        }
        double margin = TOLERANCE * scale;
        if (diff > margin) {
            return 1;
        }
        if (diff < -margin) {
            return -1;
        }
        return 0;
    }
}
