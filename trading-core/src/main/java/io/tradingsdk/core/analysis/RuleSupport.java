package io.tradingsdk.core.analysis;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.provider.InvalidParameterException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Shared by the analysis rules: allocation-free portfolio reads and argument checks. Not API. */
final class RuleSupport {

    private RuleSupport() {
    }

    /** Position plus unfilled working orders in the symbol, signed, as a double. No allocation. */
    static double exposureQuantity(PortfolioView portfolio, String symbol) {
        return portfolio.quantity(symbol).doubleValue() + portfolio.openOrderQuantity(symbol).doubleValue();
    }

    /** The symbol's last price as a double, or NaN when none. No allocation. */
    static double lastPrice(PortfolioView portfolio, String symbol) {
        BigDecimal p = portfolio.lastPrice(symbol);
        return p == null ? Double.NaN : p.doubleValue();
    }

    /** The order's signed quantity (buys positive). No allocation for quantity orders. */
    static double signedQuantity(OrderIntent intent) {
        return intent.side().sign() * intent.quantity().doubleValue();
    }

    /**
     * The whole book as if every position moved together: gross exposure plus the money working buy
     * orders will need plus the order's notional. Allocates (the ledger sums decimals); fallback path only.
     */
    static double bookGrossWithOrder(OrderIntent intent, PortfolioView portfolio) {
        return portfolio.grossExposure().doubleValue() + portfolio.openBuyNotional().doubleValue()
                + Math.abs(intent.quantity().doubleValue()) * intent.referencePrice().doubleValue();
    }

    /** Milliseconds the result is older than the intent, on the engine's clock; negative when newer. */
    static long ageMillis(RiskAnalysis analysis, OrderIntent intent) {
        return intent.createdAt().toEpochMilli() - analysis.computedAtMillis();
    }

    static double fraction(String name, double value, double max) {
        if (!(value > 0.0) || !(value <= max)) {
            throw new InvalidParameterException(name, value, "parameter '" + name + "' must be in (0, " + num(max)
                    + "], was " + value);
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidParameterException(name, value, "parameter '" + name + "' must be a positive duration, was " + value);
        }
        return value;
    }

    static String accountId(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new InvalidParameterException("accountId", accountId, "accountId must not be blank, was '" + accountId + "'");
        }
        return accountId;
    }

    /** A statistic for messages: at most 2 decimals for money, 4 for ratios. */
    static String money(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString() : Double.toString(v);
    }

    static String ratio(double numerator, double denominator) {
        if (!(denominator > 0) || !Double.isFinite(numerator)) {
            return "n/a";
        }
        return BigDecimal.valueOf(numerator / denominator).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }

    static String age(RiskAnalysis analysis, OrderIntent intent) {
        return analysis == null ? "absent" : "computed at " + analysis.computedAt() + ", "
                + Duration.ofMillis(Math.max(0, ageMillis(analysis, intent))) + " old";
    }
}
