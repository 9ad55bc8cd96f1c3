package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Checks;
import io.tradingsdk.core.risk.internal.Text;
import java.math.BigDecimal;

/**
 * {@value #NAME}: an order's quantity may not exceed {@code maxQuantity} ({@link
 * DenialReason#MAX_ORDER_QUANTITY}). Applies to every order, reducing ones included (a fat-finger
 * limit). Exact decimal comparison.
 *
 * <p><b>Thread:</b> the event loop. Immutable; the pass path does not allocate.
 */
public final class MaxOrderQuantityRule implements RiskRule {

    public static final String NAME = "max-order-quantity";

    private final BigDecimal maxQuantity;

    /**
     * @param maxQuantity largest quantity per order, positive
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException}) if not positive
     */
    public MaxOrderQuantityRule(BigDecimal maxQuantity) {
        this.maxQuantity = Checks.positive("maxQuantity", maxQuantity);
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
        if (quantity.compareTo(maxQuantity) <= 0) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.MAX_ORDER_QUANTITY, "order quantity " + Text.plain(quantity) + " of "
                + intent.symbol() + " exceeds " + NAME + " " + Text.plain(maxQuantity));
    }

    @Override
    public String toString() {
        return NAME + "[maxQuantity=" + Text.plain(maxQuantity) + "]";
    }
}
