package io.tradingsdk.research.sweep;

import io.tradingsdk.research.PerformanceStatistics;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a sweep: its candidate parameters and statistics, or why it could not run (a
 * combination the strategy refuses, such as a fast period above the slow one). No equity curve is kept.
 *
 * @param index      the candidate's position in the sweep's candidate list (0-based); ties rank by it
 * @param parameters the swept parameters' values, in the sweep's order
 * @param statistics {@code null} when the run was refused
 * @param error      why the run was refused, or {@code null}
 */
public record SweepRow(int index, Map<String, Object> parameters, PerformanceStatistics statistics,
                       BigDecimal finalEquity, String error) {
    public SweepRow {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if ((statistics == null) == (error == null)) {
            throw new IllegalArgumentException("a sweep row has either statistics or an error");
        }
        if (statistics != null) {
            Objects.requireNonNull(finalEquity, "finalEquity");
        }
    }

    public boolean ok() {
        return statistics != null;
    }
}
