package io.tradingsdk.research.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formats shared by the HTML pages and the CSV files: locale-free, so files are the same everywhere. */
public final class Format {
    private Format() {
    }

    public static String money(BigDecimal v) {
        return v == null ? "" : v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** An exact value as written, without exponent. */
    public static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f %%", fraction * 100.0) : text(fraction);
    }

    public static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : text(v);
    }

    /** A statistic for a CSV cell: full precision; NaN and inf as pandas and spreadsheets read them. */
    public static String csvNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    private static String text(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v > 0 ? "∞" : "-∞";
    }
}
