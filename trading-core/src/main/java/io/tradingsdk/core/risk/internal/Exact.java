package io.tradingsdk.core.risk.internal;

import java.math.BigDecimal;

/**
 * The exact sign of a small signed sum of decimals, computed in {@code long} without creating any
 * object, for the values a ledger usually holds: at most 15 significant digits and a scale from 0
 * to 18. {@link Approx} cannot settle a sum that is exactly zero (a close of the whole exposure,
 * {@code quantity == |position + working orders|}, always is), and {@code BigDecimal} arithmetic
 * would allocate; this settles it for ordinary values. Anything else answers {@link #UNKNOWN} and
 * the caller computes with {@code BigDecimal}.
 *
 * <p>Why it is exact: with at most 15 digits the unscaled value {@code u} is below 10<sup>15</sup>
 * &lt; 2<sup>50</sup>. {@code doubleValue()} is correctly rounded and multiplying by the exact
 * {@code double} 10<sup>scale</sup> rounds once more, so {@code doubleValue() x 10^scale} is within
 * {@code |u| x 2^-51 < 0.5} of {@code u}, and rounding it gives {@code u} exactly. Brought to a
 * common scale every term stays below 10<sup>17</sup>, so a sum of three cannot overflow.
 *
 * <p>Not API.
 */
public final class Exact {

    /** The answer when a value is outside the range this class can settle exactly. */
    public static final int UNKNOWN = 2;

    private static final int MAX_DIGITS = 15;
    private static final int MAX_SCALED_DIGITS = 17;
    private static final long INVALID = Long.MIN_VALUE;
    private static final long[] TEN = new long[MAX_SCALED_DIGITS + 2];
    private static final double[] TEN_D = new double[MAX_SCALED_DIGITS + 2];

    static {
        long t = 1;
        for (int i = 0; i < TEN.length; i++) {
            TEN[i] = t;
            TEN_D[i] = t;
            t *= 10;
        }
    }

    private Exact() {
    }

    /**
     * The exact sign of {@code ka x a + kb x b + kc x c}.
     *
     * @param ka -1, 0 or 1 (likewise {@code kb}, {@code kc})
     * @return -1, 0 or 1; {@link #UNKNOWN} when a value has more than 15 digits, a negative scale or
     *         a scale that does not fit beside the others
     */
    public static int signOfSum(BigDecimal a, int ka, BigDecimal b, int kb, BigDecimal c, int kc) {
        int scale = Math.max(a.scale(), Math.max(b.scale(), c.scale()));
        long ua = unscaledAt(a, scale);
        long ub = unscaledAt(b, scale);
        long uc = unscaledAt(c, scale);
        if (ua == INVALID || ub == INVALID || uc == INVALID) {
            return UNKNOWN;
        }
        return Long.signum(ka * ua + kb * ub + kc * uc);
    }

    /** {@code x x 10^scale} exactly, or {@link #INVALID} if it may not be below 10^17. */
    private static long unscaledAt(BigDecimal x, int scale) {
        int own = x.scale();
        if (own < 0 || own > MAX_SCALED_DIGITS || scale - own < 0) {
            return INVALID;
        }
        int digits = x.precision();
        if (digits > MAX_DIGITS || digits + (scale - own) > MAX_SCALED_DIGITS) {
            return INVALID;
        }
        long unscaled = Math.round(x.doubleValue() * TEN_D[own]);
        return unscaled * TEN[scale - own];
    }
}
