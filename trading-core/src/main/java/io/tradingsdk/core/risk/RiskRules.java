package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.core.risk.internal.Approx;
import io.tradingsdk.core.risk.internal.Exact;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Helpers shared by risk rules, the engine and custom rules.
 *
 * <p><b>Thread:</b> any thread, but the portfolio must be read where it is consistent (the event
 * loop). {@link #reducesPosition(OrderIntent, PortfolioView)} does not allocate for sized
 * (quantity) intents; {@link #exposure} and {@link #positionAfter} do (they build the sum).
 */
public final class RiskRules {

    private RiskRules() {
    }

    /**
     * The account's exposure in the symbol: the position held plus the signed unfilled quantity of
     * its approved or working orders ({@link PortfolioView#quantity} + {@link
     * PortfolioView#openOrderQuantity}). Rules and sizers reason about this rather than the filled
     * position alone, so that two signals on the same bar cannot each use the room of the other and
     * two closes cannot sell the same shares twice. Allocates; for messages and sizers.
     */
    public static BigDecimal exposure(String symbol, PortfolioView portfolio) {
        BigDecimal open = portfolio.openOrderQuantity(symbol);
        BigDecimal position = portfolio.quantity(symbol);
        return open.signum() == 0 ? position : position.add(open);
    }

    /**
     * Whether the order only reduces the exposure ({@link #exposure}: position plus working
     * orders): its side is opposite to the exposure's sign and its quantity is at most the
     * exposure's absolute size. False when the exposure is zero, when adding, and when the order
     * would flip the exposure to the other side. Does not allocate for sized intents (unless a
     * value has more than 15 significant digits and the answer is within a hair, see {@link
     * io.tradingsdk.core.risk.internal.Exact}).
     *
     * @throws NullPointerException if the portfolio answers {@code null} for the symbol's quantity
     *                              or open-order quantity (a broken ledger)
     */
    public static boolean reducesPosition(OrderIntent intent, PortfolioView portfolio) {
        String symbol = intent.symbol();
        return reducesPosition(intent, portfolio.quantity(symbol), portfolio.openOrderQuantity(symbol));
    }

    /**
     * {@link #reducesPosition(OrderIntent, PortfolioView)} from the symbol's position and working
     * orders as already read (the quick check reads them once for all its rules).
     *
     * @throws NullPointerException if {@code position} or {@code open} is null (a broken ledger)
     */
    static boolean reducesPosition(OrderIntent intent, BigDecimal position, BigDecimal open) {
        int exposureSign = sumSign(position, open);
        if (exposureSign == 0 || exposureSign == intent.side().sign()) {
            return false;
        }
        BigDecimal quantity = intent.quantity();
        if (open.signum() == 0 && exposureSign > 0) {
            return quantity.compareTo(position) <= 0;
        }
        // quantity <= |exposure|, i.e. quantity - sign x (position + open) <= 0, first in double.
        double q = quantity.doubleValue();
        double p = position.doubleValue();
        double o = open.doubleValue();
        int sign = Approx.sign(q - exposureSign * (p + o), q + Math.abs(p) + Math.abs(o));
        if (sign == 0) {
            // Too close to call in double; a close of the whole exposure always lands here.
            sign = Exact.signOfSum(quantity, 1, position, -exposureSign, open, -exposureSign);
        }
        if (sign == Exact.UNKNOWN) {
            BigDecimal exposure = position.add(open);
            sign = exposureSign > 0 ? quantity.compareTo(exposure) : quantity.add(exposure).signum();
        }
        return sign <= 0;
    }

    /**
     * The exposure in the order's symbol ({@link #exposure}: position plus working orders) after
     * the order fills completely, signed. Allocates; for messages and host code, not for the pass
     * path.
     */
    public static BigDecimal positionAfter(OrderIntent intent, PortfolioView portfolio) {
        BigDecimal exposure = exposure(intent.symbol(), portfolio);
        return intent.side() == OrderSide.BUY ? exposure.add(intent.quantity()) : exposure.subtract(intent.quantity());
    }

    /** The exact sign of {@code a + b}; allocates only for a sum within a hair of zero of long decimals. */
    static int sumSign(BigDecimal a, BigDecimal b) {
        int sa = a.signum();
        int sb = b.signum();
        if (sb == 0 || sa == sb) {
            return sa;
        }
        if (sa == 0) {
            return sb;
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        int sign = Approx.sign(x + y, Math.abs(x) + Math.abs(y));
        if (sign == 0) {
            sign = Exact.signOfSum(a, 1, b, 1, BigDecimal.ZERO, 0);
        }
        return sign != Exact.UNKNOWN ? sign : a.add(b).signum();
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
