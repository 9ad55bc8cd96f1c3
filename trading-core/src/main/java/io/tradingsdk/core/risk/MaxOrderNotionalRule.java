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
 * {@value #NAME}: an order's notional ({@link OrderIntent#notional()}: quantity times reference
 * price, or the request's notional) may not exceed {@code maxNotional} ({@link
 * DenialReason#MAX_ORDER_NOTIONAL}), unless the order reduces the exposure ({@link
 * RiskRules#reducesPosition}: opposite to position plus working orders and at most its size),
 * which always passes. The comparison is exact.
 *
 * <p>Why reducing orders pass: the cap guards against fat-finger openings, an order far larger
 * than intended that creates exposure. It must never trap a position the account already holds: a
 * position that grew (by price, or by fills of several capped orders) to more than the cap could
 * otherwise not be closed in one order, and a REDUCING or loss-limited account could not get out.
 * A reducing order can at most take the exposure to zero, so it cannot be a fat finger in the
 * sense the cap guards against.
 *
 * <p><b>Thread:</b> the event loop. Immutable; the pass path does not allocate (for a
 * notional-only intent above the cap the reducing check divides, see the package notes).
 */
public final class MaxOrderNotionalRule implements RiskRule {

    public static final String NAME = "max-order-notional";

    private final BigDecimal maxNotional;
    private final double maxNotionalDouble;

    /**
     * @param maxNotional largest notional per order, positive
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException}) if not positive
     */
    public MaxOrderNotionalRule(BigDecimal maxNotional) {
        this.maxNotional = Checks.positive("maxNotional", maxNotional);
        this.maxNotionalDouble = maxNotional.doubleValue();
    }

    public BigDecimal maxNotional() {
        return maxNotional;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        BigDecimal requested = intent.request().notional();
        int sign;
        if (requested != null) {
            sign = requested.compareTo(maxNotional);
        } else {
            double notional = RiskRules.approxNotional(intent);
            sign = Approx.sign(notional - maxNotionalDouble, notional + maxNotionalDouble);
            if (sign == 0) {
                sign = intent.notional().compareTo(maxNotional);
            }
        }
        // Checked only above the cap: the common small order never reads the portfolio.
        if (sign <= 0 || RiskRules.reducesPosition(intent, portfolio)) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.MAX_ORDER_NOTIONAL, "order notional " + Text.plain(intent.notional())
                + " of " + intent.symbol() + " exceeds " + NAME + " " + Text.plain(maxNotional)
                + " and does not reduce the exposure " + Text.plain(RiskRules.exposure(intent.symbol(), portfolio)));
    }

    /**
     * The quick check's clear pass ({@link CheckFacts}) for sized orders: clearly below the cap, or
     * clearly above it and reducing the exposure. False (near the cap, above it and not reducing,
     * or a notional order, which {@link #evaluate} compares exactly) leaves the intent to {@link
     * #evaluate}.
     */
    boolean passes(CheckFacts f) {
        if (f.request.notional() != null) {
            return false;
        }
        double notional = f.notional;
        int sign = Approx.sign(notional - maxNotionalDouble, notional + maxNotionalDouble);
        return sign < 0 || (sign > 0 && f.reducesPosition());
    }

    @Override
    public String toString() {
        return NAME + "[maxNotional=" + Text.plain(maxNotional) + "]";
    }
}
