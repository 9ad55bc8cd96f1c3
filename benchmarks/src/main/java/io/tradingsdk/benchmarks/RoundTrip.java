package io.tradingsdk.benchmarks;

import java.util.List;

/**
 * One closed long round trip in a form both implementations can be compared in: the indices of the
 * bars whose opens filled the entry and the exit, and those fill prices.
 *
 * <p>Both sides fill at the open of the bar after the signal: the SDK's paper executor always does;
 * ta4j does with its {@code TradeOnNextOpenModel}. So equal indices mean equal signal bars too.
 */
public record RoundTrip(int entryIndex, int exitIndex, double entryPrice, double exitPrice) {

    /**
     * Checks that two lists of round trips are the same trades: equal indices, and prices equal to
     * within one part in 10^12 (one side holds them as BigDecimal or DecimalNum, the other as double).
     *
     * @throws IllegalStateException naming the first difference
     */
    public static void requireSame(String leftName, List<RoundTrip> left, String rightName, List<RoundTrip> right) {
        int n = Math.min(left.size(), right.size());
        for (int i = 0; i < n; i++) {
            RoundTrip a = left.get(i);
            RoundTrip b = right.get(i);
            if (a.entryIndex != b.entryIndex || a.exitIndex != b.exitIndex || !close(a.entryPrice, b.entryPrice)
                    || !close(a.exitPrice, b.exitPrice)) {
                throw new IllegalStateException("trade " + i + " differs: " + leftName + " " + a + ", " + rightName + " " + b);
            }
        }
        if (left.size() != right.size()) {
            throw new IllegalStateException(leftName + " made " + left.size() + " trades, " + rightName + " "
                    + right.size() + "; the first " + n + " agree; next: "
                    + (left.size() > n ? leftName + " " + left.get(n) : rightName + " " + right.get(n)));
        }
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
    }
}
