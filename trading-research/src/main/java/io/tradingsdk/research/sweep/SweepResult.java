package io.tradingsdk.research.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All runs of a sweep, ranked: runs that ran by the chosen statistic (best first; NaN after numbers;
 * equal values by candidate index), then refused runs by index. The ranking depends only on the
 * candidates and the data, never on threads or timing.
 *
 * @param ranked  every run, best first
 * @param threads the worker threads the sweep used
 */
public record SweepResult(SweepSpec spec, List<SweepRow> ranked, int threads) {

    public SweepResult {
        ranked = List.copyOf(ranked);
    }

    /** Ranks {@code rows} by {@code rankBy}. */
    public static SweepResult of(SweepSpec spec, List<SweepRow> rows, int threads) {
        List<SweepRow> sorted = new ArrayList<>(rows);
        Comparator<SweepRow> order = (a, b) -> {
            if (a.ok() != b.ok()) {
                return a.ok() ? -1 : 1;
            }
            if (a.ok()) {
                int c = spec.rankBy().compareBetterFirst(spec.rankBy().of(a.statistics()), spec.rankBy().of(b.statistics()));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.index(), b.index());
        };
        sorted.sort(order);
        return new SweepResult(spec, sorted, threads);
    }

    /** The best run that ran, if any did. */
    public Optional<SweepRow> best() {
        return ranked.isEmpty() || !ranked.get(0).ok() ? Optional.empty() : Optional.of(ranked.get(0));
    }
}
