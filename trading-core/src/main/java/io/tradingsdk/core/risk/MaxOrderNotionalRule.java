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
 * DenialReason#MAX_ORDER_NOTIONAL}). Applies to every order, reducing ones included. The
 * comparison is exact.
 *
 * <p><b>Thread:</b> the event loop. Immutable; the pass path does not allocate.
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
        if (sign <= 0) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.MAX_ORDER_NOTIONAL, "order notional " + Text.plain(intent.notional())
                + " of " + intent.symbol() + " exceeds " + NAME + " " + Text.plain(maxNotional));
    }

    @Override
    public String toString() {
        return NAME + "[maxNotional=" + Text.plain(maxNotional) + "]";
    }
}
