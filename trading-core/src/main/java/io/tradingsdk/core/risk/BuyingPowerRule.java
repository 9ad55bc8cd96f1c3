package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Approx;
import io.tradingsdk.core.risk.internal.Checks;
import io.tradingsdk.core.risk.internal.Text;
import java.math.BigDecimal;

/**
 * {@value #NAME}: a BUY that opens or adds to a long exposure may cost at most the buying power
 * left, {@code cash x marginMultiplier - openBuyNotional}; otherwise it is refused with {@link
 * DenialReason#INSUFFICIENT_BUYING_POWER}. The cost is the intent's notional (quantity times the
 * reference price). {@link PortfolioView#openBuyNotional()} is the money the account's unfilled
 * buys will need: without it two buys on the same bar could each spend the same cash. SELLs and
 * BUYs that only reduce a short exposure ({@link RiskRules#reducesPosition}) pass. A BUY that
 * flips a short to a long is judged on its whole cost, which is the cash it takes.
 *
 * <p><b>Thread:</b> the event loop. Immutable; the pass path does not allocate.
 */
public final class BuyingPowerRule implements RiskRule {

    public static final String NAME = "buying-power";

    private final double marginMultiplier;
    private final BigDecimal marginMultiplierDecimal;

    /**
     * @param marginMultiplier buying power per unit of cash, in (0, 4]; 1 for a cash account
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException}) if out of range
     */
    public BuyingPowerRule(double marginMultiplier) {
        this.marginMultiplier = Checks.fraction("marginMultiplier", marginMultiplier, 4.0);
        this.marginMultiplierDecimal = BigDecimal.valueOf(marginMultiplier);
    }

    public double marginMultiplier() {
        return marginMultiplier;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        if (intent.side() != OrderSide.BUY || RiskRules.reducesPosition(intent, portfolio)) {
            return null;
        }
        BigDecimal cash = portfolio.cash();
        BigDecimal committed = portfolio.openBuyNotional();
        double cost = RiskRules.approxNotional(intent);
        double power = cash.doubleValue() * marginMultiplier;
        double open = committed.doubleValue();
        // cost <= power - open, i.e. cost - power + open <= 0.
        int sign = Approx.sign(cost - power + open, cost + Math.abs(power) + Math.abs(open));
        if (sign == 0) {
            sign = intent.notional().compareTo(buyingPowerLeft(cash, committed));
        }
        if (sign <= 0) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.INSUFFICIENT_BUYING_POWER, "BUY " + Text.plain(intent.quantity()) + " "
                + intent.symbol() + " costs " + Text.plain(intent.notional()) + ", above buying power left "
                + Text.plain(buyingPowerLeft(cash, committed)) + " (cash " + Text.plain(cash) + " x " + NAME
                + " marginMultiplier " + Text.num(marginMultiplier) + " - open buy orders " + Text.plain(committed) + ")");
    }

    /**
     * The quick check's clear pass ({@link CheckFacts}): not a BUY, a BUY that reduces a short, or
     * a cost {@link #evaluate}'s double test settles below the buying power left. False leaves the
     * intent to {@link #evaluate}.
     */
    boolean passes(CheckFacts f) {
        if (f.side != OrderSide.BUY || f.reducesPosition()) {
            return true;
        }
        double cost = f.notional;
        double power = f.cashEstimate() * marginMultiplier;
        double open = f.portfolio.openBuyNotional().doubleValue();
        return Approx.sign(cost - power + open, cost + Math.abs(power) + Math.abs(open)) < 0;
    }

    private BigDecimal buyingPowerLeft(BigDecimal cash, BigDecimal committed) {
        return cash.multiply(marginMultiplierDecimal).subtract(committed);
    }

    @Override
    public String toString() {
        return NAME + "[marginMultiplier=" + Text.num(marginMultiplier) + "]";
    }
}
