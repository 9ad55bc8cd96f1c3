package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Approx;
import io.tradingsdk.core.risk.internal.Checks;
import io.tradingsdk.core.risk.internal.Text;
import java.math.BigDecimal;

/**
 * {@value #NAME}: the fat-finger check. The order's price (its limit price for LIMIT and
 * STOP_LIMIT orders, else the intent's reference price) may differ from the portfolio's last price
 * for the symbol by at most {@code maxDeviation} of that last price; beyond that it is refused with
 * {@link DenialReason#PRICE_COLLAR}. Applies to every order, reducing ones included.
 *
 * <p>Fails closed: with no last price (or a non-positive one) the order is refused with {@link
 * DenialReason#PRICE_COLLAR}, message "no last price for X".
 *
 * <p><b>Thread:</b> the event loop. Immutable; the pass path does not allocate.
 */
public final class PriceCollarRule implements RiskRule {

    public static final String NAME = "price-collar";

    private final double maxDeviation;
    private final BigDecimal maxDeviationDecimal;

    /**
     * @param maxDeviation largest allowed |price - last| / last, in (0, 10]
     * @throws IllegalArgumentException ({@link io.tradingsdk.api.provider.InvalidParameterException}) if out of range
     */
    public PriceCollarRule(double maxDeviation) {
        this.maxDeviation = Checks.fraction("maxDeviation", maxDeviation, 10.0);
        this.maxDeviationDecimal = BigDecimal.valueOf(maxDeviation);
    }

    public double maxDeviation() {
        return maxDeviation;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        OrderRequest request = intent.request();
        BigDecimal price = request.type().needsLimitPrice() ? request.limitPrice() : intent.referencePrice();
        BigDecimal last = portfolio.lastPrice(intent.symbol());
        if (last == null) {
            return new RiskDecision.Denied(DenialReason.PRICE_COLLAR, "no last price for " + intent.symbol()
                    + "; " + NAME + " cannot check price " + Text.plain(price));
        }
        if (last.signum() <= 0) {
            return new RiskDecision.Denied(DenialReason.PRICE_COLLAR, "no last price for " + intent.symbol()
                    + " (last price is " + Text.plain(last) + "); " + NAME + " cannot check price " + Text.plain(price));
        }
        // Refuse when |price - last| > maxDeviation * last.
        double p = price.doubleValue();
        double l = last.doubleValue();
        double bound = maxDeviation * l;
        int sign = Approx.sign(Math.abs(p - l) - bound, p + l + bound);
        if (sign == 0) {
            sign = price.subtract(last).abs().compareTo(last.multiply(maxDeviationDecimal));
        }
        if (sign <= 0) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.PRICE_COLLAR, "price " + Text.plain(price) + " for "
                + intent.symbol() + " deviates " + Text.ratio(price.subtract(last).abs(), last) + " from last price "
                + Text.plain(last) + ", above " + NAME + " maxDeviation " + Text.num(maxDeviation));
    }

    /**
     * The quick check's clear pass ({@link CheckFacts}): {@link #evaluate}'s double test settles the
     * price inside the collar. False (no last price, near the collar or outside it) leaves the
     * intent to {@link #evaluate}.
     */
    boolean passes(CheckFacts f) {
        OrderRequest request = f.request;
        double p = request.type().needsLimitPrice() ? request.limitPrice().doubleValue() : f.referencePrice;
        double l = f.lastPriceEstimate();
        if (!(l > 0)) {
            return false;
        }
        double bound = maxDeviation * l;
        return Approx.sign(Math.abs(p - l) - bound, p + l + bound) < 0;
    }

    @Override
    public String toString() {
        return NAME + "[maxDeviation=" + Text.num(maxDeviation) + "]";
    }
}
