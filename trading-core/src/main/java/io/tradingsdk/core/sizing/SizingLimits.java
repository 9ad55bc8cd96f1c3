package io.tradingsdk.core.sizing;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import java.math.BigDecimal;
import java.util.List;

/**
 * The caps every built-in sizer applies after its own formula, and how it rounds.
 *
 * <p>"Held" below means the <i>exposure</i>: the position plus the signed unfilled quantity of the
 * account's approved or working orders ({@link io.tradingsdk.core.risk.RiskRules#exposure}), so
 * that two signals on the same bar, the first still working, share one cap instead of each taking
 * all of it.
 *
 * <ul>
 *   <li>{@code maxPositionFraction}: the exposure after the order, valued at the sizing price, is
 *       at most this fraction of equity. Exposure in the order's direction uses up room; exposure
 *       in the other direction gives room (a BUY may cover a short and then go long up to the
 *       cap).</li>
 *   <li>{@code maxShares}: the order's quantity is at most this.</li>
 *   <li>{@code maxNotional}: the order's quantity times price is at most this.</li>
 *   <li>{@code quantityStep}: quantities are whole multiples of it, rounded down: 1 for whole
 *       shares, 0.000000001 for fractional shares or crypto.</li>
 *   <li>{@code allowShort}: when false a SELL only reduces or closes a long: it is at most
 *       {@code min(position, exposure)} (that exact quantity, even if it is not a multiple of the
 *       step), and zero when that is not positive. Working sells thus use up the long, and shares a
 *       working buy has not delivered yet are not sold (the buy may never fill, which would leave
 *       a short). When true a SELL is sized like a BUY in the short direction.</li>
 * </ul>
 *
 * @param maxPositionFraction in (0, 1]
 * @param maxShares           positive
 * @param maxNotional         positive
 * @param quantityStep        positive
 * @param allowShort          whether a SELL may open or extend a short
 */
public record SizingLimits(double maxPositionFraction, BigDecimal maxShares, BigDecimal maxNotional,
                           BigDecimal quantityStep, boolean allowShort) {

    public static final double DEFAULT_MAX_POSITION_FRACTION = 0.10;
    public static final BigDecimal DEFAULT_MAX_SHARES = new BigDecimal("1000000");
    public static final BigDecimal DEFAULT_MAX_NOTIONAL = new BigDecimal("1000000");
    public static final BigDecimal DEFAULT_QUANTITY_STEP = BigDecimal.ONE;
    /** The smallest quantity step accepted: one billionth of a unit, the finest crypto venues use. */
    public static final BigDecimal MIN_QUANTITY_STEP = new BigDecimal("0.000000001");

    /**
     * @throws InvalidParameterException (an IllegalArgumentException) naming the first bad field
     */
    public SizingLimits {
        if (!(maxPositionFraction > 0.0) || !(maxPositionFraction <= 1.0)) {
            throw new InvalidParameterException("maxPositionFraction", maxPositionFraction,
                    "parameter 'maxPositionFraction' must be in (0, 1], was " + maxPositionFraction);
        }
        positive("maxShares", maxShares);
        positive("maxNotional", maxNotional);
        positive("quantityStep", quantityStep);
        if (quantityStep.compareTo(MIN_QUANTITY_STEP) < 0) {
            throw new InvalidParameterException("quantityStep", quantityStep, "parameter 'quantityStep' must be at least "
                    + MIN_QUANTITY_STEP.toPlainString() + ", was " + quantityStep.toPlainString());
        }
    }

    /** 0.10 of equity, 1,000,000 shares, 1,000,000 notional, whole shares, no shorting. */
    public static SizingLimits defaults() {
        return new SizingLimits(DEFAULT_MAX_POSITION_FRACTION, DEFAULT_MAX_SHARES, DEFAULT_MAX_NOTIONAL,
                DEFAULT_QUANTITY_STEP, false);
    }

    public SizingLimits withMaxPositionFraction(double value) {
        return new SizingLimits(value, maxShares, maxNotional, quantityStep, allowShort);
    }

    public SizingLimits withMaxShares(BigDecimal value) {
        return new SizingLimits(maxPositionFraction, value, maxNotional, quantityStep, allowShort);
    }

    public SizingLimits withMaxNotional(BigDecimal value) {
        return new SizingLimits(maxPositionFraction, maxShares, value, quantityStep, allowShort);
    }

    public SizingLimits withQuantityStep(BigDecimal value) {
        return new SizingLimits(maxPositionFraction, maxShares, maxNotional, value, allowShort);
    }

    public SizingLimits withAllowShort(boolean value) {
        return new SizingLimits(maxPositionFraction, maxShares, maxNotional, quantityStep, value);
    }

    /** The parameter specs of these limits, shared by the sizer providers. */
    static List<ParameterSpec> parameterSpecs() {
        return List.of(
                ParameterSpec.number("maxPositionFraction", DEFAULT_MAX_POSITION_FRACTION, 0.0, 1.0,
                        "largest position plus working orders after the order as a fraction of equity, in (0, 1]"),
                ParameterSpec.decimal("maxShares", DEFAULT_MAX_SHARES, BigDecimal.ZERO, null,
                        "largest quantity per order, positive"),
                ParameterSpec.decimal("maxNotional", DEFAULT_MAX_NOTIONAL, BigDecimal.ZERO, null,
                        "largest quantity x price per order, positive"),
                ParameterSpec.decimal("quantityStep", DEFAULT_QUANTITY_STEP, MIN_QUANTITY_STEP, new BigDecimal("1000000"),
                        "quantities are whole multiples of this, rounded down: 1 for whole shares, 0.000000001 for crypto"),
                ParameterSpec.bool("allowShort", false,
                        "whether a SELL may open or extend a short; when false it only reduces a long"));
    }

    /** Limits from parameters validated against a schema that includes {@link #parameterSpecs()}. */
    static SizingLimits from(Parameters p) {
        return new SizingLimits(p.getDouble("maxPositionFraction"), p.getDecimal("maxShares"), p.getDecimal("maxNotional"),
                p.getDecimal("quantityStep"), p.getBoolean("allowShort"));
    }

    private static void positive(String name, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw new InvalidParameterException(name, value, "parameter '" + name + "' must be positive, was "
                    + (value == null ? "null" : value.toPlainString()));
        }
    }
}
