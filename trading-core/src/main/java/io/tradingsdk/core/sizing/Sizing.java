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
     * @param budget  money the sizer's formula would put into this order (before dividing)
     * @param divisor divides the budget (1 when the budget is already final); positive
     */
    static BigDecimal quantity(SizingLimits limits, BigDecimal budget, BigDecimal divisor, Signal signal, BigDecimal price,
                               PortfolioView portfolio) {
        // Working orders count as held: two signals on the same bar share one cap.
        BigDecimal exposure = RiskRules.exposure(signal.symbol(), portfolio);
        if (signal.action() == SignalAction.CLOSE) {
            return exposure.abs();
        }
        BigDecimal equity = portfolio.equity();
        if (equity.signum() <= 0 || budget.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal step = limits.quantityStep();
        BigDecimal stepPrice = price.multiply(step);
        // From the formula: floor(budget / (divisor * price * step)) steps.
        BigDecimal qty = steps(budget, divisor.multiply(stepPrice), step);
        // Per-order notional cap.
        qty = qty.min(steps(limits.maxNotional(), stepPrice, step));
        // Per-order quantity cap, rounded down to the step.
        qty = qty.min(steps(limits.maxShares(), step, step));
        // Position cap: |exposure after| * price <= maxPositionFraction * equity. In the order's
        // direction the exposure after is held + qty, so qty <= cap - held (held negative gives room).
        int direction = signal.action() == SignalAction.BUY ? 1 : -1;
        BigDecimal held = direction > 0 ? exposure : exposure.negate();
        BigDecimal room = equity.multiply(Decimals.of(limits.maxPositionFraction())).subtract(held.multiply(price));
        qty = qty.min(steps(room, stepPrice, step));
        if (direction < 0 && !limits.allowShort()) {
            // Only reduce or close a long, and never sell what working sells already sell, nor
            // shares a working buy has not delivered yet (it may never fill): at most
            // min(position, exposure), the whole of it even if it is not a multiple of the step.
            qty = qty.min(longPart(portfolio.quantity(signal.symbol()), exposure));
        }
        return normalize(qty.max(BigDecimal.ZERO));
    }

    /**
     * What a SELL may sell so that no outcome of the working orders leaves a short, as far as their
     * net quantity shows (a working buy and a working sell in one symbol net out).
     */
    private static BigDecimal longPart(BigDecimal position, BigDecimal exposure) {
        return position.min(exposure).max(BigDecimal.ZERO);
    }

    /** floor(amount / unitCost) * step, or zero when negative. */
    private static BigDecimal steps(BigDecimal amount, BigDecimal unitCost, BigDecimal step) {
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
