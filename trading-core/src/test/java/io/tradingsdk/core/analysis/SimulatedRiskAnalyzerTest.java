package io.tradingsdk.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.ledger.PortfolioLedger;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** In a backtest the analysis runs when the simulated clock says so, and only then. */
class SimulatedRiskAnalyzerTest {
    private static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");

    private static AnalyzerConfig hourly() {
        AnalyzerConfig d = AnalyzerConfig.defaults();
        return new AnalyzerConfig(d.window(), d.minObservations(), d.returnType(), d.confidenceLevels(), Duration.ofHours(1),
                new BigDecimal("1000000"), d.snapshotTimeout(), d.maxSymbols(), d.stressScenarios());
    }

    @Test
    @DisplayName("the schedule counts simulated time; a trigger makes the next boundary run; results carry the simulated time")
    void runsOnTheSimulatedClock() {
        SimulatedClock clock = new SimulatedClock(T0);
        RiskLimitsCache cache = new RiskLimitsCache();
        SimulatedRiskAnalyzer analyzer = new SimulatedRiskAnalyzer("sim", hourly(), clock, cache);
        PortfolioLedger ledger = new PortfolioLedger("sim", new BigDecimal("100000"));
        int[] snapshots = {0};
        java.util.function.Supplier<io.tradingsdk.core.ledger.PortfolioSnapshot> snapshot = () -> {
            snapshots[0]++;
            return ledger.snapshot();
        };

        assertThat(analyzer.isDue()).as("the first boundary").isTrue();
        RiskAnalysis first = analyzer.runIfDue(snapshot);
        assertThat(first.computedAt()).isEqualTo(T0);
        assertThat(cache.latest("sim")).isSameAs(first);

        clock.advanceTo(T0.plus(Duration.ofMinutes(59)));
        assertThat(analyzer.isDue()).isFalse();
        assertThat(analyzer.runIfDue(snapshot)).isNull();
        assertThat(snapshots[0]).as("no snapshot taken when nothing is due").isEqualTo(1);

        clock.advanceTo(T0.plus(Duration.ofMinutes(60)));
        RiskAnalysis scheduled = analyzer.runIfDue(snapshot);
        assertThat(scheduled).isNotNull();
        assertThat(scheduled.computedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));

        // An approved order in a symbol the portfolio does not hold triggers a run at the next boundary.
        clock.advanceTo(T0.plus(Duration.ofMinutes(61)));
        analyzer.onBarProcessed(new Bar("AAPL", T0, Timeframe.MINUTE_1, 180, 181, 179, 180.5, 1000), ledger);
        assertThat(analyzer.isDue()).isFalse();
        analyzer.onDecision(Signal.of("s1", "sma", "AAPL", SignalAction.BUY, 0.6, 0.04, 0.02, new BigDecimal("180.50"),
                clock.now()), new RiskDecision.Approved(BigDecimal.TEN));
        assertThat(analyzer.triggerCount()).isEqualTo(1);
        assertThat(analyzer.isDue()).isTrue();
        assertThat(analyzer.runIfDue(snapshot).computedAt()).isEqualTo(T0.plus(Duration.ofMinutes(61)));
        assertThat(analyzer.completedRuns()).isEqualTo(3);

        analyzer.clear();
        assertThat(cache.latest("sim")).isNull();
    }
}
