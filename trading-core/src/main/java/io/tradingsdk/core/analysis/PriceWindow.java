package io.tradingsdk.core.analysis;

import java.time.Instant;
import java.util.Objects;

/**
 * A consistent copy of the closes the analyzer holds for one symbol, oldest first. Made on the
 * caller's thread by {@link RiskAnalyzer#window(String)}; immutable (the arrays are private copies).
 */
public final class PriceWindow {
    private final String symbol;
    private final long[] barStartMillis;
    private final double[] closes;

    PriceWindow(String symbol, long[] barStartMillis, double[] closes, int size) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.barStartMillis = java.util.Arrays.copyOf(barStartMillis, size);
        this.closes = java.util.Arrays.copyOf(closes, size);
    }

    public String symbol() {
        return symbol;
    }

    public int size() {
        return closes.length;
    }

    /** The start of the i-th bar (0 = oldest) in epoch milliseconds. */
    public long barStartMillis(int i) {
        return barStartMillis[i];
    }

    public Instant barStart(int i) {
        return Instant.ofEpochMilli(barStartMillis[i]);
    }

    public double close(int i) {
        return closes[i];
    }

    long[] times() {
        return barStartMillis;
    }

    double[] closes() {
        return closes;
    }

    @Override
    public String toString() {
        return "PriceWindow[" + symbol + ", " + closes.length + " closes"
                + (closes.length == 0 ? "" : ", last " + closes[closes.length - 1] + " at " + barStart(closes.length - 1)) + "]";
    }
}
