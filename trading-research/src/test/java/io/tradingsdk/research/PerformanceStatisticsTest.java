package io.tradingsdk.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tradingsdk.core.backtest.BacktestRecorder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics, checked against figures worked out by hand. */
class PerformanceStatisticsTest {
    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    private static BacktestRecorder.Trade trade(String pnl) {
        return new BacktestRecorder.Trade("X", "LONG", T0, T0, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.TEN, new BigDecimal(pnl));
    }

    @Test
    void handComputedFigures() {
        // Two years (730.5 days) from 100 to 121: CAGR 10 %.
        Instant end = T0.plusSeconds((long) (2 * 365.25 * 86_400));
        List<BacktestRecorder.Trade> trades = List.of(trade("300"), trade("100"), trade("-50"), trade("-150"));
        PerformanceStatistics s = PerformanceStatistics.compute(100, 121, T0, end, List.of(101.0, 99.0, 121.0), 1.5, 0.2,
                trades, 3, 1.5, 400, 4, 800);

        assertThat(s.totalReturn()).isCloseTo(0.21, within(1e-12));
        assertThat(s.cagr()).isCloseTo(0.10, within(1e-9));
        assertThat(s.calmar()).isCloseTo(0.5, within(1e-9));
        assertThat(s.profitFactor()).isCloseTo(2.0, within(1e-12));      // 400 / 200
        assertThat(s.winRate()).isEqualTo(0.5);
        assertThat(s.averageWin()).isEqualByComparingTo("200");
        assertThat(s.averageLoss()).isEqualByComparingTo("-100");
        assertThat(s.exposure()).isEqualTo(0.75);                         // 3 of 4 bars
        assertThat(s.averageExposure()).isEqualTo(0.375);
        assertThat(s.turnover()).isEqualTo(8.0);                          // 800 / mean equity 100
        assertThat(s.sharpe()).isEqualTo(1.5);
        assertThat(s.trades()).isEqualTo(4);
        // Daily returns 1 %, -1.980198 %, 22.222 %: mean over downside RMS, times sqrt(252).
        double r1 = 0.01;
        double r2 = 99.0 / 101.0 - 1;
        double r3 = 121.0 / 99.0 - 1;
        double expected = ((r1 + r2 + r3) / 3) / Math.sqrt(r2 * r2 / 3) * Math.sqrt(252);
        assertThat(s.sortino()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void whatCannotBeComputedIsNaNAndWinsWithoutLossesAreInfinite() {
        PerformanceStatistics none = PerformanceStatistics.compute(100, 100, T0, T0.plusSeconds(3600), List.of(100.0), Double.NaN,
                0, List.of(), 0, 0, 0, 0, 0);
        assertThat(none.cagr()).isNaN();           // shorter than a day
        assertThat(none.sortino()).isNaN();        // one day
        assertThat(none.calmar()).isNaN();         // no drawdown
        assertThat(none.profitFactor()).isNaN();   // no trade
        assertThat(none.winRate()).isNaN();

        PerformanceStatistics allWins = PerformanceStatistics.compute(100, 110, T0, T0.plusSeconds(86_400 * 10),
                List.of(105.0, 110.0), 1, 0, List.of(trade("10")), 1, 0.5, 210, 2, 100);
        assertThat(allWins.profitFactor()).isInfinite();
        assertThat(allWins.sortino()).isNaN();     // no losing day
    }
}
