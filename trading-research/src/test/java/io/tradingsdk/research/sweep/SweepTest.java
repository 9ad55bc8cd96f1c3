package io.tradingsdk.research.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.research.Examples;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What people rely on when they pick parameters from a sweep: the ranking is the same every time and on
 * any number of threads, every candidate is tried, and bad ranges are refused before anything runs.
 */
class SweepTest {
    private static final TradingConfig AAPL = Examples.aapl();
    private static final ProviderRegistry REGISTRY = Examples.registry();

    private static SweepSpec grid() {
        Map<String, ParameterRange> p = new LinkedHashMap<>();
        p.put("fastPeriod", ParameterRange.of(3L, 5L, 10L));
        p.put("slowPeriod", ParameterRange.of(10L, 20L, 40L));
        return SweepSpec.grid("sma-cross", RankStatistic.SHARPE, p);
    }

    @Test
    void sameRankingEveryTimeAndOnOneOrTwoThreads() {
        SweepResult one = Sweep.run(AAPL, REGISTRY, n -> null, grid().withThreads(1), null);
        SweepResult two = Sweep.run(AAPL, REGISTRY, n -> null, grid().withThreads(2), null);
        SweepResult again = Sweep.run(AAPL, REGISTRY, n -> null, grid().withThreads(2), null);

        assertThat(one.threads()).isEqualTo(1);
        assertThat(two.threads()).isEqualTo(2);
        assertThat(one.ranked()).hasSize(9);
        assertThat(two.ranked()).isEqualTo(one.ranked());
        assertThat(again.ranked()).isEqualTo(one.ranked());
        // Runs differ, so the ranking says something (a sweep of identical runs would pass the checks above).
        assertThat(one.ranked().stream().filter(SweepRow::ok).map(r -> r.statistics().sharpe()).distinct().count())
                .isGreaterThan(3);
    }

    @Test
    void rankedBestFirstWithRefusedCombinationsLast() {
        SweepResult r = Sweep.run(AAPL, REGISTRY, n -> null, grid().withThreads(2), null);

        List<SweepRow> ok = r.ranked().stream().filter(SweepRow::ok).toList();
        for (int i = 1; i < ok.size(); i++) {
            double prev = ok.get(i - 1).statistics().sharpe();
            double cur = ok.get(i).statistics().sharpe();
            assertThat(Double.isNaN(cur) || prev >= cur).as("rank %d after %d", i, i - 1).isTrue();
        }
        // fastPeriod 10 with slowPeriod 10: the strategy refuses a fast period that is not below the slow one.
        SweepRow refused = r.ranked().get(r.ranked().size() - 1);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.parameters()).containsEntry("fastPeriod", 10L).containsEntry("slowPeriod", 10L);
        assertThat(refused.error()).contains("fastPeriod");
        assertThat(r.best()).contains(ok.get(0));
    }

    @Test
    void listenerSeesEveryRunOnceOnTheCallingThread() {
        List<Integer> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();
        Sweep.run(AAPL, REGISTRY, n -> null, grid().withThreads(2), (row, done, total, nanos) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            assertThat(done).isEqualTo(seen.size() + 1);
            assertThat(total).isEqualTo(9);
            seen.add(row.index());
        });
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void randomSearchDrawsTheSameCandidatesForTheSameSeed() {
        Map<String, ParameterRange> p = new LinkedHashMap<>();
        p.put("fastPeriod", ParameterRange.span(BigDecimal.valueOf(2), BigDecimal.valueOf(9), null));
        p.put("confidence", ParameterRange.schema(5));
        SweepSpec a = SweepSpec.random("sma-cross", 12, 42, RankStatistic.SORTINO, p);

        List<Map<String, Object>> first = Sweep.candidates(AAPL, REGISTRY, a);
        assertThat(Sweep.candidates(AAPL, REGISTRY, a)).isEqualTo(first);
        assertThat(Sweep.candidates(AAPL, REGISTRY, SweepSpec.random("sma-cross", 12, 43, RankStatistic.SORTINO, p)))
                .isNotEqualTo(first);
        assertThat(first).hasSize(12).allSatisfy(c -> {
            assertThat((Long) c.get("fastPeriod")).isBetween(2L, 9L);
            assertThat((Double) c.get("confidence")).isBetween(0.0, 1.0);
        });
    }

    @Test
    void rangesComeFromTheSchemaUnlessGiven() {
        Map<String, ParameterRange> p = new LinkedHashMap<>();
        p.put("fastPeriod", ParameterRange.span(BigDecimal.valueOf(4), BigDecimal.valueOf(12), BigDecimal.valueOf(4)));
        p.put("slowPeriod", new ParameterRange(List.of(), BigDecimal.valueOf(20), null, null, 3)); // to: schema max 5000
        List<Map<String, Object>> c = Sweep.candidates(AAPL, REGISTRY, SweepSpec.grid("sma-cross", RankStatistic.CAGR, p));

        assertThat(c).extracting(m -> m.get("fastPeriod")).containsExactly(4L, 4L, 4L, 8L, 8L, 8L, 12L, 12L, 12L);
        assertThat(c).extracting(m -> m.get("slowPeriod")).startsWith(20L, 2510L, 5000L);
    }

    @Test
    void valueOutsideTheSchemaIsRefusedBeforeAnythingRuns() {
        Map<String, ParameterRange> p = Map.of("fastPeriod", ParameterRange.of(5L, 100_000L));
        assertThatThrownBy(() -> Sweep.run(AAPL, REGISTRY, n -> null, SweepSpec.grid("sma-cross", RankStatistic.SHARPE, p),
                (row, done, total, nanos) -> {
                    throw new AssertionError("nothing may run");
                }))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("fastPeriod").hasMessageContaining("100000");
    }

    @Test
    void unknownParameterOrStrategyIsNamed() {
        assertThatThrownBy(() -> Sweep.candidates(AAPL, REGISTRY, SweepSpec.grid("sma-cross", RankStatistic.SHARPE,
                Map.of("fastPeriodd", ParameterRange.of(3L)))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("fastPeriodd").hasMessageContaining("slowPeriod");
        assertThatThrownBy(() -> Sweep.candidates(AAPL, REGISTRY, SweepSpec.grid("nope", RankStatistic.SHARPE,
                Map.of("fastPeriod", ParameterRange.of(3L)))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope").hasMessageContaining("sma-cross");
    }
}
