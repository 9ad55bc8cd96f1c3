package io.tradingsdk.core.sizing;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.risk.RiskRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Sizes by the Kelly criterion ({@code kelly}). With {@code b = expectedReturn / |expectedLoss|},
 * {@code p = confidence} and {@code q = 1 - p}, the Kelly fraction is {@code f = (b p - q) / b},
 * never below zero. The order's budget is {@code equity x f x kellyFraction} (fractional Kelly:
 * 0.5 stakes half of full Kelly, which keeps most of the growth with far less variance; the
 * product is taken to 12 decimals so that binary rounding cannot cost a share), and the
 * quantity is that budget over the price, rounded down to the quantity step, after the caps of
 * {@link SizingLimits} (position fraction of equity, shares, notional, shorting).
 *
 * <p>Example: p = 0.55, R = 0.04, L = -0.02 gives b = 2 and f = (2 x 0.55 - 0.45) / 2 = 0.325;
 * at half Kelly 0.1625 of equity, capped to the default 0.10.
 *
 * <p>SELL signals are sized the same way in the short direction; unless {@code allowShort}, a SELL
 * is at most the long quantity held less working sells, and zero when flat (see {@link
 * SizingLimits}). Working orders count toward the caps. CLOSE signals are sized by the engine; if
 * asked, this answers the absolute exposure (position plus working orders), as the engine does.
 *
 * <p><b>Thread:</b> the engine's event loop. Immutable. <b>Returns</b> zero or more, never null.
 * Throws {@link IllegalArgumentException} naming the field for a price that is not positive or
 * signal numbers out of range (the engine validates those first, so that is a broken invariant).
 */
public final class KellySizer implements PositionSizer {

    public static final String NAME = "kelly";
    public static final double DEFAULT_KELLY_FRACTION = 0.5;
    private static final int FRACTION_DECIMALS = 12;
    private static final double FRACTION_SCALE = 1e12;

    private final double kellyFraction;
    private final SizingLimits limits;
    private final Sizing.Caps caps;

    /**
     * @param kellyFraction multiplier on the full Kelly fraction, in (0, 1]
     * @param limits        caps and rounding
     * @throws IllegalArgumentException ({@link InvalidParameterException}) naming {@code kellyFraction}
     *                                  if out of range
     */
    public KellySizer(double kellyFraction, SizingLimits limits) {
        if (!(kellyFraction > 0.0) || !(kellyFraction <= 1.0)) {
            throw new InvalidParameterException("kellyFraction", kellyFraction,
                    "parameter 'kellyFraction' must be in (0, 1], was " + kellyFraction);
        }
        this.kellyFraction = kellyFraction;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.caps = Sizing.Caps.of(limits);
    }

    /** Half Kelly with {@link SizingLimits#defaults()}. */
    public KellySizer() {
        this(DEFAULT_KELLY_FRACTION, SizingLimits.defaults());
    }

    public double kellyFraction() {
        return kellyFraction;
    }

    public SizingLimits limits() {
        return limits;
    }

    /**
     * The full Kelly fraction {@code max(0, (b p - q) / b)} with {@code b = expectedReturn /
     * |expectedLoss|}, {@code p = confidence}, {@code q = 1 - p}. In [0, p].
     *
     * @param confidence     probability of winning, in (0, 1]
     * @param expectedReturn fractional gain when right, positive
     * @param expectedLoss   fractional loss when wrong, non-zero (sign ignored)
     * @throws IllegalArgumentException naming the argument if it is NaN, infinite or out of range
     */
    public static double kellyFraction(double confidence, double expectedReturn, double expectedLoss) {
        if (!(confidence > 0.0) || !(confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in (0, 1], was " + confidence);
        }
        if (!(expectedReturn > 0.0) || Double.isInfinite(expectedReturn)) {
            throw new IllegalArgumentException("expectedReturn must be positive and finite, was " + expectedReturn);
        }
        if (!(expectedLoss != 0.0) || !Double.isFinite(expectedLoss)) {
            throw new IllegalArgumentException("expectedLoss must be non-zero and finite, was " + expectedLoss);
        }
        double b = expectedReturn / Math.abs(expectedLoss);
        double f = (b * confidence - (1.0 - confidence)) / b;
        return f > 0.0 ? f : 0.0;
    }

    @Override
    public BigDecimal size(Signal signal, BigDecimal price, PortfolioView portfolio) {
        Sizing.checkPrice(price);
        if (signal.action() == SignalAction.CLOSE) {
            return RiskRules.exposure(signal.symbol(), portfolio).abs();
        }
        double f = kellyFraction(signal.confidence(), signal.expectedReturn(), signal.expectedLoss()) * kellyFraction;
        if (f <= 0.0) {
            return BigDecimal.ZERO;
        }
        // f is a statistic computed in binary floating point: 0.6 - 0.4 gives 0.19999999999999996.
        // Twelve decimals keep every meaningful digit and let the worked examples size exactly.
        BigDecimal fraction = fraction(f);
        BigDecimal equity = portfolio.equity();
        BigDecimal budget = equity.multiply(fraction);
        return Sizing.quantity(caps, equity, budget, equity.doubleValue() * fraction.doubleValue(), BigDecimal.ONE, 1.0,
                signal, price, portfolio);
    }

    /**
     * {@code f} to twelve decimals, half-even, as {@code BigDecimal.valueOf(f).setScale(12)} gives:
     * from the scaled double when it is clearly away from a rounding tie (f is at most 1, so the
     * product is off by far less than the 10^-3 margin), else through the decimal string.
     */
    static BigDecimal fraction(double f) {
        double scaled = f * FRACTION_SCALE;
        double nearest = Math.rint(scaled);
        if (Math.abs(Math.abs(scaled - nearest) - 0.5) > 1e-3 && scaled < 0x1p52) {
            return BigDecimal.valueOf((long) nearest, FRACTION_DECIMALS);
        }
        return BigDecimal.valueOf(f).setScale(FRACTION_DECIMALS, RoundingMode.HALF_EVEN);
    }

    @Override
    public String toString() {
        return NAME + "[kellyFraction=" + kellyFraction + ", " + limits + "]";
    }
}
