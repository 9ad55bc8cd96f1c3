package io.tradingsdk.research.sweep;

import io.tradingsdk.research.PerformanceStatistics;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The statistic a sweep ranks its runs by. All rank higher-is-better except maximum drawdown. */
public enum RankStatistic {
    SHARPE(PerformanceStatistics::sharpe, true),
    SORTINO(PerformanceStatistics::sortino, true),
    CAGR(PerformanceStatistics::cagr, true),
    CALMAR(PerformanceStatistics::calmar, true),
    TOTAL_RETURN(PerformanceStatistics::totalReturn, true),
    PROFIT_FACTOR(PerformanceStatistics::profitFactor, true),
    WIN_RATE(PerformanceStatistics::winRate, true),
    MAX_DRAWDOWN(PerformanceStatistics::maxDrawdown, false);

    private final ToDoubleFunction<PerformanceStatistics> value;
    private final boolean higherIsBetter;

    RankStatistic(ToDoubleFunction<PerformanceStatistics> value, boolean higherIsBetter) {
        this.value = value;
        this.higherIsBetter = higherIsBetter;
    }

    public double of(PerformanceStatistics s) {
        return value.applyAsDouble(s);
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The name used in sweep files and on the command line: {@code sharpe}, {@code total-return}... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the known keys */
    public static RankStatistic ofKey(String key) {
        for (RankStatistic s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (RankStatistic s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.key());
        }
        String shown = key == null ? "null" : key.length() > 40 ? key.substring(0, 40) + "..." : key;
        throw new IllegalArgumentException("unknown statistic '" + shown + "'; known: " + known);
    }

    /**
     * Compares two values so that the better comes first; NaN comes after every number.
     */
    public int compareBetterFirst(double a, double b) {
        boolean na = Double.isNaN(a);
        boolean nb = Double.isNaN(b);
        if (na || nb) {
            return na == nb ? 0 : na ? 1 : -1;
        }
        return higherIsBetter ? Double.compare(b, a) : Double.compare(a, b);
    }
}
