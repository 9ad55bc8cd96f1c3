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
 * {@value #NAME}: the exposure in the order's symbol after the order fills (the position held plus
 * the account's working orders in it, see {@link RiskRules#exposure}, plus this order), valued at
 * the intent's reference price, may be at most {@code maxFraction} of equity: {@code |position +
 * working orders +/- order| x price <= maxFraction x equity}, else {@link
 * DenialReason#MAX_POSITION_FRACTION}. Working orders count so that two signals on the same bar
 * cannot each take the whole room. Orders that reduce the exposure always pass. With equity at or
 * below zero every other order is refused. Exact comparison.
 *
 * <p><b>Thread:</b> the event loop. Immutable; the pass path does not allocate.
 */
public final class MaxPositionFractionRule implements RiskRule {

    public static final String NAME = "max-position-fraction";

    private final double maxFraction;
    private final BigDecimal maxFractionDecimal;

    /**
     * @param maxFraction largest position value per unit of equity, in (0, 1]
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException}) if out of range
     */
    public MaxPositionFractionRule(double maxFraction) {
        this.maxFraction = Checks.fraction("maxFraction", maxFraction, 1.0);
        this.maxFractionDecimal = BigDecimal.valueOf(maxFraction);
    }

    public double maxFraction() {
        return maxFraction;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        if (RiskRules.reducesPosition(intent, portfolio)) {
            return null;
        }
        BigDecimal position = portfolio.quantity(intent.symbol());
        BigDecimal open = portfolio.openOrderQuantity(intent.symbol());
        double pos = position.doubleValue();
        double working = open.doubleValue();
        double qty = intent.quantity().doubleValue();
        double price = intent.referencePrice().doubleValue();
        double value = Math.abs(pos + working + intent.side().sign() * qty) * price;
        // The ledger's allocation-free estimate decides unless the value is near the limit.
        double limit = maxFraction * portfolio.equityEstimate();
        int sign = Approx.sign(value - limit, (Math.abs(pos) + Math.abs(working) + qty) * price + Math.abs(limit));
        if (sign == 0) {
            sign = exactValue(intent, portfolio).compareTo(portfolio.equity().multiply(maxFractionDecimal));
        }
        if (sign <= 0) {
            return null;
        }
        BigDecimal equity = portfolio.equity();
        BigDecimal after = RiskRules.positionAfter(intent, portfolio);
        BigDecimal exact = exactValue(intent, portfolio);
        return new RiskDecision.Denied(DenialReason.MAX_POSITION_FRACTION, "exposure in " + intent.symbol()
                + " after order " + Text.plain(after) + " (position " + Text.plain(position) + ", working orders "
                + Text.plain(open) + ", " + intent.side() + " " + Text.plain(intent.quantity()) + ") x "
                + Text.plain(intent.referencePrice()) + " = " + Text.plain(exact) + " is " + Text.ratio(exact, equity)
                + " of equity " + Text.plain(equity) + ", above " + NAME + " " + Text.num(maxFraction));
    }

    /**
     * The quick check's clear pass ({@link CheckFacts}): the order reduces the exposure, or
     * {@link #evaluate}'s double test settles the value below the limit. False leaves the intent to
     * {@link #evaluate}.
     */
    boolean passes(CheckFacts f) {
        if (f.reducesPosition()) {
            return true;
        }
        double pos = f.positionEstimate();
        double working = f.openOrdersEstimate();
        double qty = f.quantityEstimate();
        double price = f.referencePrice;
        double value = Math.abs(pos + working + f.sideSign * qty) * price;
        double limit = maxFraction * f.equityEstimate();
        return Approx.sign(value - limit, (Math.abs(pos) + Math.abs(working) + qty) * price + Math.abs(limit)) < 0;
    }

    private static BigDecimal exactValue(OrderIntent intent, PortfolioView portfolio) {
        return RiskRules.positionAfter(intent, portfolio).abs().multiply(intent.referencePrice());
    }

    @Override
    public String toString() {
        return NAME + "[maxFraction=" + Text.num(maxFraction) + "]";
    }
}
