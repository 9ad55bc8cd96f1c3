package io.tradingsdk.core.sizing;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.risk.RiskRules;
import io.tradingsdk.core.internal.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The quantity arithmetic shared by the sizers: caps, direction and rounding to the step. */
final class Sizing {

    private Sizing() {
    }

    /** Rejects what the engine should have rejected already: a broken invariant. */
    static void checkPrice(BigDecimal price) {
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, was " + (price == null ? "null" : price.toPlainString()));
        }
    }

    /**
     * The order quantity for a money budget {@code budget / divisor}, after every cap.
     *
     * <p>Exact: each cap is {@code floor(amount / unit cost)} steps of decimals. The floor is taken
     * from doubles when they prove it (the quotient is farther from an integer than their rounding
     * error can reach, with a wide margin) and from a decimal division otherwise, so the answer is
     * always the one the decimal arithmetic gives, only without four decimal divisions per signal.
     *
     * @param caps     the sizer's limits with their decimals made once ({@link Caps#of})
     * @param equity   the account's exact equity, as the budget was made from
     * @param budget   money the sizer's formula would put into this order (before dividing)
     * @param budgetEstimate {@code budget} as a double within a relative {@link #EPS} of it
     * @param divisor  divides the budget (1 when the budget is already final); positive
     * @param divisorEstimate {@code divisor} as a double within a relative {@link #EPS} of it
     */
    static BigDecimal quantity(Caps caps, BigDecimal equity, BigDecimal budget, double budgetEstimate,
                               BigDecimal divisor, double divisorEstimate, Signal signal, BigDecimal price,
                               PortfolioView portfolio) {
        SizingLimits limits = caps.limits();
        // Working orders count as held: two signals on the same bar share one cap.
        BigDecimal exposure = RiskRules.exposure(signal.symbol(), portfolio);
        if (signal.action() == SignalAction.CLOSE) {
            return exposure.abs();
        }
        if (equity.signum() <= 0 || budget.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal step = limits.quantityStep();
        double stepD = step.doubleValue();
        double priceD = price.doubleValue();
        BigDecimal stepPrice = price.multiply(step);
        double stepPriceD = priceD * stepD;
        // From the formula: floor(budget / (divisor * price * step)) steps.
        BigDecimal qty = steps(budget, budgetEstimate, Math.abs(budgetEstimate) * EPS, divisor.multiply(stepPrice),
                divisorEstimate * stepPriceD, step);
        // Per-order notional cap.
        double maxNotionalD = limits.maxNotional().doubleValue();
        qty = qty.min(steps(limits.maxNotional(), maxNotionalD, maxNotionalD * EPS, stepPrice, stepPriceD, step));
        // Per-order quantity cap, rounded down to the step (made once per sizer).
        qty = qty.min(caps.maxShareSteps());
        // Position cap: |exposure after| * price <= maxPositionFraction * equity. In the order's
        // direction the exposure after is held + qty, so qty <= cap - held (held negative gives room).
        int direction = signal.action() == SignalAction.BUY ? 1 : -1;
        BigDecimal held = direction > 0 ? exposure : exposure.negate();
        BigDecimal room = equity.multiply(caps.maxPositionFraction()).subtract(held.multiply(price));
        double capD = equity.doubleValue() * limits.maxPositionFraction();
        double heldValueD = held.doubleValue() * priceD;
        // A difference: its error is relative to the terms, not to the (possibly tiny) result.
        qty = qty.min(steps(room, capD - heldValueD, (Math.abs(capD) + Math.abs(heldValueD)) * EPS, stepPrice, stepPriceD,
                step));
        if (direction < 0 && !limits.allowShort()) {
            // Only reduce or close a long, and never sell what working sells already sell, nor
            // shares a working buy has not delivered yet (it may never fill): at most
            // min(position, exposure), the whole of it even if it is not a multiple of the step.
            qty = qty.min(longPart(portfolio.quantity(signal.symbol()), exposure));
        }
        return normalize(qty.max(BigDecimal.ZERO));
    }

    /**
     * Relative error allowed for every double estimate here: 2^-48, 32 times the rounding error of
     * the few operations that make one (each correctly rounded, 2^-53 each), so a proof from the
     * estimates holds with room to spare.
     */
    static final double EPS = 0x1p-48;

    /**
     * What a SELL may sell so that no outcome of the working orders leaves a short, as far as their
     * net quantity shows (a working buy and a working sell in one symbol net out).
     */
    private static BigDecimal longPart(BigDecimal position, BigDecimal exposure) {
        return position.min(exposure).max(BigDecimal.ZERO);
    }

    /**
     * floor(amount / unitCost) * step, or zero when the amount is not positive; exact.
     *
     * @param amountEstimate   within {@code amountError} of {@code amount}
     * @param unitCostEstimate within a relative {@link #EPS} of {@code unitCost} (positive)
     */
    private static BigDecimal steps(BigDecimal amount, double amountEstimate, double amountError, BigDecimal unitCost,
                                    double unitCostEstimate, BigDecimal step) {
        if (amountEstimate + amountError < 0) {
            return BigDecimal.ZERO; // surely negative
        }
        double q = amountEstimate / unitCostEstimate;
        double error = amountError / unitCostEstimate * (1 + 4 * EPS) + Math.abs(q) * 4 * EPS;
        if (q - error > 0 && q < 1e15) {
            double floor = Math.floor(q);
            if (q - floor > error && floor + 1 - q > error) {
                return floor == 0 ? BigDecimal.ZERO : BigDecimal.valueOf((long) floor).multiply(step);
            }
        }
        return exactSteps(amount, unitCost, step);
    }

    /**
     * A sizer's limits with the decimals that depend only on them, made once per sizer rather than
     * once per signal.
     *
     * @param maxShareSteps       the per-order quantity cap in whole steps: floor(maxShares / step) * step
     * @param maxPositionFraction {@link SizingLimits#maxPositionFraction()} as a decimal
     */
    record Caps(SizingLimits limits, BigDecimal maxShareSteps, BigDecimal maxPositionFraction) {
        static Caps of(SizingLimits limits) {
            return new Caps(limits, exactSteps(limits.maxShares(), limits.quantityStep(), limits.quantityStep()),
                    Decimals.of(limits.maxPositionFraction()));
        }
    }

    /** floor(amount / unitCost) * step, or zero when negative, in decimals. */
    static BigDecimal exactSteps(BigDecimal amount, BigDecimal unitCost, BigDecimal step) {
        if (amount.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return amount.divide(unitCost, 0, RoundingMode.FLOOR).multiply(step);
    }

    /** No exponent notation: a step of 1E+1 would give 5E+1. */
    private static BigDecimal normalize(BigDecimal qty) {
        if (qty.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return qty.scale() < 0 ? qty.setScale(0) : qty;
    }
}
