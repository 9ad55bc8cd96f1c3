package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.core.risk.internal.Approx;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Helpers shared by risk rules, the engine and custom rules.
 *
 * <p><b>Thread:</b> any thread, but the portfolio must be read where it is consistent (the event
 * loop). Nothing here allocates for sized (quantity) intents.
 */
public final class RiskRules {

    private RiskRules() {
    }

    /**
     * Whether the order only reduces an existing position: its side is opposite to the position's
     * sign and its quantity is at most the position's absolute size. False when flat, when adding,
     * and when the order would flip the position to the other side.
     *
     * @throws NullPointerException if the portfolio answers {@code null} for the symbol's quantity
     *                              (a broken ledger)
     */
    public static boolean reducesPosition(OrderIntent intent, PortfolioView portfolio) {
        BigDecimal position = portfolio.quantity(intent.symbol());
        int positionSign = position.signum();
        if (positionSign == 0 || positionSign == intent.side().sign()) {
            return false;
        }
        BigDecimal quantity = intent.quantity();
        if (positionSign > 0) {
            return quantity.compareTo(position) <= 0;
        }
        // Short position: quantity <= -position, i.e. quantity + position <= 0, without allocating.
        double q = quantity.doubleValue();
        double p = position.doubleValue();
        int sign = Approx.sign(q + p, q - p);
        if (sign == 0) {
            sign = quantity.add(position).signum();
        }
        return sign <= 0;
    }

    /**
     * The position in the order's symbol after the order fills completely, signed.
     * Allocates; for messages and host code, not for the pass path.
     */
    public static BigDecimal positionAfter(OrderIntent intent, PortfolioView portfolio) {
        BigDecimal position = portfolio.quantity(intent.symbol());
        return intent.side() == OrderSide.BUY ? position.add(intent.quantity()) : position.subtract(intent.quantity());
    }

    /** The intent's notional in double, without allocating: the request's notional, or quantity x reference price. */
    static double approxNotional(OrderIntent intent) {
        BigDecimal notional = intent.request().notional();
        if (notional != null) {
            return notional.doubleValue();
        }
        return intent.request().quantity().doubleValue() * intent.referencePrice().doubleValue();
    }

    /** Nanoseconds since the epoch; exact until the year 2262, which is all an order timestamp needs. */
    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
