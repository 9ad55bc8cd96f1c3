package io.tradingsdk.core.sizing;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.risk.RiskRules;
import io.tradingsdk.core.internal.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Risks a fixed fraction of equity per trade ({@code fixed-fractional}). The signal's
 * {@code |expectedLoss|} is the stop distance as a fraction of price, so the order's notional is
 * {@code equity x riskFraction / |expectedLoss|}: losing {@code |expectedLoss|} on it loses
 * {@code riskFraction} of equity. The quantity is that notional over the price, rounded down to
 * the quantity step, after the caps of {@link SizingLimits}.
 *
 * <p>Example: equity 100,000, riskFraction 0.01, expectedLoss -0.02: notional 50,000, capped by the
 * default maxPositionFraction 0.10 to 10,000.
 *
 * <p>SELL and CLOSE as in {@link KellySizer}: SELL sizes the short direction, limited to the long
 * held less working sells unless {@code allowShort}; working orders count toward the caps; CLOSE
 * is sized by the engine and answers the absolute exposure (position plus working orders).
 *
 * <p><b>Thread:</b> the engine's event loop. Immutable. <b>Returns</b> zero or more, never null.
 * Throws {@link IllegalArgumentException} naming the field for a price that is not positive or an
 * expected loss that is zero, NaN or infinite (the engine validates those first).
 */
public final class FixedFractionalSizer implements PositionSizer {

    public static final String NAME = "fixed-fractional";
    public static final double DEFAULT_RISK_FRACTION = 0.01;

    private final double riskFraction;
    private final BigDecimal riskFractionDecimal;
    private final SizingLimits limits;
    private final Sizing.Caps caps;

    /**
     * @param riskFraction fraction of equity lost if the stop is hit, in (0, 1]
     * @param limits       caps and rounding
     * @throws IllegalArgumentException ({@link InvalidParameterException}) naming {@code riskFraction}
     *                                  if out of range
     */
    public FixedFractionalSizer(double riskFraction, SizingLimits limits) {
        if (!(riskFraction > 0.0) || !(riskFraction <= 1.0)) {
            throw new InvalidParameterException("riskFraction", riskFraction,
                    "parameter 'riskFraction' must be in (0, 1], was " + riskFraction);
        }
        this.riskFraction = riskFraction;
        this.riskFractionDecimal = BigDecimal.valueOf(riskFraction);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.caps = Sizing.Caps.of(limits);
    }

    /** 1% risk per trade with {@link SizingLimits#defaults()}. */
    public FixedFractionalSizer() {
        this(DEFAULT_RISK_FRACTION, SizingLimits.defaults());
    }

    public double riskFraction() {
        return riskFraction;
    }

    public SizingLimits limits() {
        return limits;
    }

    @Override
    public BigDecimal size(Signal signal, BigDecimal price, PortfolioView portfolio) {
        Sizing.checkPrice(price);
        if (signal.action() == SignalAction.CLOSE) {
            return RiskRules.exposure(signal.symbol(), portfolio).abs();
        }
        double loss = signal.expectedLoss();
        if (!(loss != 0.0) || !Double.isFinite(loss)) {
            throw new IllegalArgumentException("expectedLoss must be non-zero and finite, was " + loss);
        }
        // Both decimals convert back to these doubles exactly (shortest decimals of them).
        BigDecimal stop = Decimals.of(Math.abs(loss));
        BigDecimal equity = portfolio.equity();
        BigDecimal budget = equity.multiply(riskFractionDecimal);
        return Sizing.quantity(caps, equity, budget, equity.doubleValue() * riskFraction, stop, Math.abs(loss), signal,
                price, portfolio);
    }

    @Override
    public String toString() {
        return NAME + "[riskFraction=" + riskFraction + ", " + limits + "]";
    }
}
