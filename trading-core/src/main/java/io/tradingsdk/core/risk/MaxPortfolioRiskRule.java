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
 * {@value #NAME}: capital at risk after the order, {@code portfolio.capitalAtRisk() +
 * intent.notional() x intent.riskFraction()}, may be at most {@code maxRisk} of equity; else
 * {@link DenialReason#MAX_PORTFOLIO_RISK}. Orders that reduce the exposure (position plus working
 * orders, {@link RiskRules#reducesPosition}) always pass. With equity at or below zero every other
 * order is refused. Exact comparison (the risk fraction is taken as the decimal its {@code double}
 * prints as).
 *
 * <p><b>Thread:</b> the event loop. Immutable; the pass path does not allocate.
 */
public final class MaxPortfolioRiskRule implements RiskRule {

    public static final String NAME = "max-portfolio-risk";

    private final double maxRisk;
    private final BigDecimal maxRiskDecimal;

    /**
     * @param maxRisk largest capital at risk per unit of equity, in (0, 1]
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException}) if out of range
     */
    public MaxPortfolioRiskRule(double maxRisk) {
        this.maxRisk = Checks.fraction("maxRisk", maxRisk, 1.0);
        this.maxRiskDecimal = BigDecimal.valueOf(maxRisk);
    }

    public double maxRisk() {
        return maxRisk;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws IllegalArgumentException if the intent's risk fraction is NaN, infinite or negative
     *                                  (the engine validates signals first, so this is a broken invariant)
     */
    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        if (RiskRules.reducesPosition(intent, portfolio)) {
            return null;
        }
        double riskFraction = intent.riskFraction();
        if (!(riskFraction >= 0.0) || Double.isInfinite(riskFraction)) {
            throw new IllegalArgumentException("intent " + intent.clientOrderId() + ": riskFraction must be finite and >= 0, was "
                    + riskFraction);
        }
        // Decide from the ledger's allocation-free estimates; compute exactly only near the limit.
        double added = RiskRules.approxNotional(intent) * riskFraction;
        double current = portfolio.capitalAtRiskEstimate();
        double limit = maxRisk * portfolio.equityEstimate();
        int sign = Approx.sign(current + added - limit, Math.abs(current) + added + Math.abs(limit));
        BigDecimal atRisk = null;
        BigDecimal equity = null;
        if (sign == 0) {
            atRisk = portfolio.capitalAtRisk();
            equity = portfolio.equity();
            sign = atRisk.add(addedExact(intent)).compareTo(equity.multiply(maxRiskDecimal));
        }
        if (sign <= 0) {
            return null;
        }
        if (atRisk == null) {
            atRisk = portfolio.capitalAtRisk();
            equity = portfolio.equity();
        }
        BigDecimal add = addedExact(intent);
        BigDecimal after = atRisk.add(add);
        return new RiskDecision.Denied(DenialReason.MAX_PORTFOLIO_RISK, "capital at risk after order " + Text.plain(after)
                + " (" + Text.plain(atRisk) + " + " + Text.plain(add) + " for " + intent.symbol() + ") is "
                + Text.ratio(after, equity) + " of equity " + Text.plain(equity) + ", above " + NAME + " "
                + Text.num(maxRisk));
    }

    /**
     * The quick check's clear pass ({@link CheckFacts}): the order reduces the exposure, or
     * {@link #evaluate}'s estimate test settles it below the limit. False leaves the intent to
     * {@link #evaluate} (near the limit, above it, or a bad risk fraction).
     */
    boolean passes(CheckFacts f) {
        if (f.reducesPosition()) {
            return true;
        }
        double riskFraction = f.intent.riskFraction();
        if (!(riskFraction >= 0.0) || riskFraction == Double.POSITIVE_INFINITY) {
            return false;
        }
        double added = f.notional * riskFraction;
        double current = f.portfolio.capitalAtRiskEstimate();
        double limit = maxRisk * f.equityEstimate();
        return Approx.sign(current + added - limit, Math.abs(current) + added + Math.abs(limit)) < 0;
    }

    private static BigDecimal addedExact(OrderIntent intent) {
        return intent.notional().multiply(BigDecimal.valueOf(intent.riskFraction()));
    }

    @Override
    public String toString() {
        return NAME + "[maxRisk=" + Text.num(maxRisk) + "]";
    }
}
