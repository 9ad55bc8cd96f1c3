package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;

/** Exact decimals as Alpaca writes them: plain strings without trailing zeros. */
public final class Decimals {
    private Decimals() {
    }

    public static String plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** A feed price (double) as the exact decimal it was written as. */
    public static BigDecimal of(double price) {
        return BigDecimal.valueOf(price);
    }

    /** Shortens a client-supplied value for an error message, so a huge value is never echoed in full. */
    public static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "...(" + s.length() + " chars)";
    }
}
