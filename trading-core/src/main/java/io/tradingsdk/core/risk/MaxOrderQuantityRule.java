package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Approx;
import io.tradingsdk.core.risk.internal.Checks;
import io.tradingsdk.core.risk.internal.Text;
import java.math.BigDecimal;

/**
 * {@value #NAME}: an order's quantity may not exceed {@code maxQuantity} ({@link
 * DenialReason#MAX_ORDER_QUANTITY}), unless the order reduces the exposure ({@link
 * RiskRules#reducesPosition}: opposite to position plus working orders and at most its size),
 * which always passes. Exact decimal comparison.
 *
 * <p>Why reducing orders pass: the cap is a fat-finger limit against an opening order far larger
 * than intended. It must never trap a position the account already holds (built from several
 * capped orders, or by a host that raised the cap later): such a position could otherwise not be
 * closed in one order, and a REDUCING or loss-limited account could not get out. A reducing order
 * can at most take the exposure to zero.
 *
 * <p><b>Thread:</b> the event loop. Immutable; the pass path does not allocate.
 */
public final class MaxOrderQuantityRule implements RiskRule {

    public static final String NAME = "max-order-quantity";

    private final BigDecimal maxQuantity;
    private final double maxQuantityDouble;

    /**
     * @param maxQuantity largest quantity per order, positive
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException}) if not positive
     */
    public MaxOrderQuantityRule(BigDecimal maxQuantity) {
        this.maxQuantity = Checks.positive("maxQuantity", maxQuantity);
        this.maxQuantityDouble = maxQuantity.doubleValue();
    }

    public BigDecimal maxQuantity() {
        return maxQuantity;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        BigDecimal quantity = intent.quantity();
        // Checked only above the cap: the common small order never reads the portfolio.
        if (quantity.compareTo(maxQuantity) <= 0 || RiskRules.reducesPosition(intent, portfolio)) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.MAX_ORDER_QUANTITY, "order quantity " + Text.plain(quantity) + " of "
                + intent.symbol() + " exceeds " + NAME + " " + Text.plain(maxQuantity)
                + " and does not reduce the exposure " + Text.plain(RiskRules.exposure(intent.symbol(), portfolio)));
    }

    /**
     * The quick check's clear pass ({@link CheckFacts}): clearly below the cap, or clearly above it
     * and reducing the exposure. False (at the cap, or above it and not reducing) leaves the intent
     * to {@link #evaluate}.
     */
    boolean passes(CheckFacts f) {
        double q = f.quantityEstimate();
        int sign = Approx.sign(q - maxQuantityDouble, q + maxQuantityDouble);
        return sign < 0 || (sign > 0 && f.reducesPosition());
    }

    @Override
    public String toString() {
        return NAME + "[maxQuantity=" + Text.plain(maxQuantity) + "]";
    }
}
