package io.tradingsdk.research;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Returns per calendar month (in the trading zone) from a run's end-of-day equity. */
public final class MonthlyReturns {
    private MonthlyReturns() {
    }

    /**
     * Each month's return from the previous month's last close (the first month's from the initial
     * equity) to its own last close, in month order.
     */
    public static Map<YearMonth, Double> of(BacktestRun run) {
        return of(run.report().initialEquity().doubleValue(), run.days(), run.dailyCloses());
    }

    static Map<YearMonth, Double> of(double initialEquity, List<LocalDate> days, List<Double> closes) {
        Map<YearMonth, Double> lastClose = new LinkedHashMap<>();
        for (int i = 0; i < days.size(); i++) {
            lastClose.put(YearMonth.from(days.get(i)), closes.get(i));
        }
        Map<YearMonth, Double> out = new LinkedHashMap<>();
        double base = initialEquity;
        for (var e : lastClose.entrySet()) {
            out.put(e.getKey(), base == 0 ? 0.0 : e.getValue() / base - 1.0);
            base = e.getValue();
        }
        return Collections.unmodifiableMap(out);
    }
}
