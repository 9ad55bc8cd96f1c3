package io.tradingsdk.research.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsdk.research.Examples;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Walk-forward as people read it: rolling in-sample optimisations, each tested on the time right after
 * it, and the out-of-sample results stitched into one curve that the optimiser never saw.
 */
class WalkForwardTest {

    private static SweepSpec spec(Duration in, Duration out) {
        Map<String, ParameterRange> p = new LinkedHashMap<>();
        p.put("fastPeriod", ParameterRange.of(3L, 5L));
        p.put("slowPeriod", ParameterRange.of(15L, 30L));
        return SweepSpec.grid("sma-cross", RankStatistic.TOTAL_RETURN, p).withThreads(2)
                .withWalkForward(new SweepSpec.WalkForwardSpec(in, out));
    }

    @Test
    void windowsRollAndTheOutOfSampleCurveIsStitched() {
        WalkForwardResult r = WalkForward.run(Examples.aapl(), Examples.registry(), n -> null,
                spec(Duration.ofDays(120), Duration.ofDays(60)), null);

        // 2013-01-02 .. 2013-12-31: out-of-sample windows start on days 120, 180, 240, 300 and 360 (the last one short).
        assertThat(r.windows()).hasSize(5);
        for (int i = 0; i < r.windows().size(); i++) {
            WalkForwardResult.Window w = r.windows().get(i);
            assertThat(Duration.between(w.inSampleFrom(), w.inSampleTo())).isEqualTo(Duration.ofDays(120));
            assertThat(w.outOfSampleFrom()).isEqualTo(w.inSampleTo());
            assertThat(w.candidates()).isEqualTo(4);
            if (i > 0) {
                assertThat(w.outOfSampleFrom()).isEqualTo(r.windows().get(i - 1).outOfSampleTo());
            }
        }
        // The stitched curve: one point per out-of-sample day, in order, each window continuing from the last.
        for (int i = 1; i < r.days().size(); i++) {
            assertThat(r.days().get(i)).isAfter(r.days().get(i - 1));
        }
        assertThat(r.days().get(0)).isAfterOrEqualTo(LocalDate.ofInstant(r.windows().get(0).outOfSampleFrom(),
                java.time.ZoneId.of("America/New_York")));
        double compounded = 1.0;
        for (WalkForwardResult.Window w : r.windows()) {
            if (w.outOfSample() != null) {
                compounded *= 1 + w.outOfSample().totalReturn();
            }
        }
        assertThat(r.stitchedReturn()).isCloseTo(compounded - 1, within(1e-6));
        assertThat(r.windows().get(0).bestParameters()).containsKeys("fastPeriod", "slowPeriod");
    }

    @Test
    void sameResultEveryTime() {
        SweepSpec s = spec(Duration.ofDays(150), Duration.ofDays(90));
        WalkForwardResult a = WalkForward.run(Examples.aapl(), Examples.registry(), n -> null, s, null);
        WalkForwardResult b = WalkForward.run(Examples.aapl(), Examples.registry(), n -> null, s.withThreads(1), null);
        assertThat(b.windows()).isEqualTo(a.windows());
        assertThat(b.stitchedEquity()).isEqualTo(a.stitchedEquity());
    }

    @Test
    void dataShorterThanOneWindowIsRefusedWithItsSpan() {
        assertThatThrownBy(() -> WalkForward.run(Examples.aapl(), Examples.registry(), n -> null,
                spec(Duration.ofDays(400), Duration.ofDays(30)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2013-01-02").hasMessageContaining("PT9600H"); // 400 days
    }
}
