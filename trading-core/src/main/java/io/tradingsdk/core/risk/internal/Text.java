package io.tradingsdk.core.risk.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting for denial messages (only on the denial path). Not API. */
public final class Text {

    private Text() {
    }

    /** A double parameter as the user wrote it: 0.1, not 0.10000000000000000555. */
    public static String num(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }

    /** A decimal without exponent. */
    public static String plain(BigDecimal value) {
        return value == null ? "null" : value.toPlainString();
    }

    /** {@code numerator / denominator} to four decimals, or "n/a" when the denominator is not positive. */
    public static String ratio(BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() <= 0) {
            return "n/a";
        }
        return numerator.divide(denominator, 4, RoundingMode.HALF_UP).toPlainString();
    }
}
