package io.tradingsdk.research.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sweep files are read strictly: what is written is what runs, and a typo is named, not ignored. */
class SweepSpecTest {

    @Test
    void readsEveryKey() {
        SweepSpec s = SweepSpec.parse("s.yaml", """
                strategy: rsi
                method: random
                samples: 30
                seed: 9
                rankBy: max-drawdown
                threads: 2
                parameters:
                  period: {from: 5, to: 30, step: 5}
                  oversold: [25, 30.5]
                  overbought: {points: 4}
                  flag: ~
                walkForward: {inSample: 90d, outOfSample: PT36H}
                """);
        assertThat(s.strategyId()).isEqualTo("rsi");
        assertThat(s.method()).isEqualTo(SweepSpec.Method.RANDOM);
        assertThat(s.samples()).isEqualTo(30);
        assertThat(s.seed()).isEqualTo(9);
        assertThat(s.rankBy()).isEqualTo(RankStatistic.MAX_DRAWDOWN);
        assertThat(s.threads()).isEqualTo(2);
        assertThat(s.parameters()).containsOnlyKeys("period", "oversold", "overbought", "flag");
        assertThat(s.parameters().get("period")).isEqualTo(ParameterRange.span(BigDecimal.valueOf(5), BigDecimal.valueOf(30),
                BigDecimal.valueOf(5)));
        assertThat(s.parameters().get("oversold").values()).containsExactly(25L, new BigDecimal("30.5"));
        assertThat(s.parameters().get("overbought").points()).isEqualTo(4);
        assertThat(s.walkForward()).isEqualTo(new SweepSpec.WalkForwardSpec(Duration.ofDays(90), Duration.ofHours(36)));
    }

    @Test
    void mistakesAreNamedWithKeyAndValue() {
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", "strategy: x\nparameters: {a: [1]}\nrankby: sharpe\n"))
                .hasMessageContaining("s.yaml: rankby unknown key");
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", "strategy: x\nparameters: {a: [1]}\nrankBy: sharpness\n"))
                .hasMessageContaining("rankBy").hasMessageContaining("sharpness").hasMessageContaining("sortino");
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", "strategy: x\nparameters: {a: [1]}\nsamples: \"10\"\n"))
                .hasMessageContaining("samples must be a whole number");
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", "strategy: x\nparameters: {a: {from: 5, to: 1}}\n"))
                .hasMessageContaining("parameters.a").hasMessageContaining("from 5 is above to 1");
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", "strategy: x\n"))
                .hasMessageContaining("parameters must map at least one parameter");
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", "strategy: x\nparameters: {a: [1]}\nwalkForward: {inSample: soon, outOfSample: 5d}\n"))
                .hasMessageContaining("walkForward.inSample").hasMessageContaining("soon");
    }
}
