package io.tradingsdk.core.analysis;

import static io.tradingsdk.core.analysis.Fixtures.X;
import static io.tradingsdk.core.analysis.Fixtures.Y;
import static io.tradingsdk.core.analysis.Fixtures.closes;
import static io.tradingsdk.core.analysis.Fixtures.feed;
import static io.tradingsdk.core.analysis.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsdk.core.ledger.PortfolioLedger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figures a risk manager acts on, checked against values computed by hand on a small known
 * series. A holds 100 @ 100 (exposure 10,000), B 50 @ 100 (5,000); equity 100,000.
 *
 * <pre>
 * returns   x (A)   y (B)   P&amp;L = 10000x + 5000y
 *  1        0.02    0.01     250
 *  2       -0.01   -0.01    -150
 *  3        0.03    0.02     400
 *  4       -0.02   -0.03    -350
 *  5        0.01    0.02     200
 *  6       -0.03   -0.02    -400
 *  7        0.015   0.00     150
 *  8        0.005   0.01     100
 *  9       -0.01   -0.02    -200
 * 10        0.02    0.01     250
 * mean      0.003  -0.001     25
 * </pre>
 *
 * Correlation: deviations dx = x - 0.003, dy = y + 0.001;
 * sum dx dy = 0.000187 + 0.000117 + 0.000567 + 0.000667 + 0.000147 + 0.000627 + 0.000012 + 0.000022
 * + 0.000247 + 0.000187 = 0.00278; sum dx^2 = 0.00346; sum dy^2 = 0.00289;
 * r = 0.00278 / sqrt(0.00346 x 0.00289) = 0.00278 / 0.00316219 = 0.879140.
 *
 * <p>P&amp;L sorted: -400, -350, -200, -150, 100, 150, 200, 250, 250, 400. Tail count m = ceil(10 (1 - c)):
 * c = 0.9: m = 1, VaR = 400, ES = 400; c = 0.8: m = 2, VaR = 350, ES = (400 + 350) / 2 = 375;
 * c = 0.7: m = 3 (10 x 0.3 is 3.0000000000000004 in binary; still 3), VaR = 200, ES = 950 / 3 = 316.67.
 *
 * <p>Volatility: deviations of P&amp;L from 25 squared sum to 696,250; sample variance 696,250 / 9 =
 * 77,361.11; standard deviation 278.1387 (the same as sqrt(v' C v) with the sample covariance C).
 */
class RiskAnalysisNumbersTest {

    private static final double EPS = 1e-9;

    private static RiskAnalysis analyse(Fixtures.Harness h, PortfolioLedger ledger) {
        feed(h.analyzer, ledger, "A", closes(100, X));
        feed(h.analyzer, ledger, "B", closes(100, Y));
        feed(h.analyzer, ledger, "C", closes(100, Fixtures.negated(X))); // moves against A
        feed(h.analyzer, ledger, "D", closes(50, Y));                    // moves with B, not held
        h.snapshot(ledger);
        return h.refresh();
    }

    @Test
    void correlationsMatchTheHandComputedPearsonCoefficient() {
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig())) {
            RiskAnalysis a = analyse(h, ledger("85000", "A", "100", "100", "B", "50", "100"));

            assertThat(a.correlation("A", "B")).isCloseTo(0.00278 / Math.sqrt(0.00346 * 0.00289), within(1e-12));
            assertThat(a.correlation("A", "B")).isCloseTo(0.879140, within(1e-6));
            assertThat(a.correlation("B", "A")).isEqualTo(a.correlation("A", "B"));
            assertThat(a.correlation("A", "A")).isEqualTo(1.0);
            assertThat(a.correlation("A", "C")).isCloseTo(-1.0, within(1e-12));
            assertThat(a.correlation("B", "D")).isCloseTo(1.0, within(1e-12));
            // Between two symbols neither of which is held, nothing is computed.
            assertThat(a.correlation("C", "D")).isNaN();
            assertThat(a.correlation("A", "NOPE")).isNaN();
            assertThat(a.heldSymbols()).containsExactly("A", "B");
            assertThat(a.symbols()).containsExactly("A", "B", "C", "D");
            assertThat(a.exposure("A")).isEqualTo(10_000.0);
        }
    }

    @Test
    void logReturnsAreAnOption() {
        // ln(1 + x), ln(1 + y): r = 0.8795546 (computed in double; close to the simple-return value).
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig().withReturnType(ReturnType.LOG))) {
            RiskAnalysis a = analyse(h, ledger("85000", "A", "100", "100", "B", "50", "100"));
            double[] lx = new double[X.length];
            double[] ly = new double[Y.length];
            for (int i = 0; i < X.length; i++) {
                lx[i] = Math.log1p(X[i]);
                ly[i] = Math.log1p(Y[i]);
            }
            assertThat(a.correlation("A", "B")).isCloseTo(pearson(lx, ly), within(1e-12));
            assertThat(a.correlation("A", "B")).isCloseTo(0.8795546, within(1e-7));
        }
    }

    @Test
    void valueAtRiskAndExpectedShortfallMatchTheHandComputedTail() {
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig())) {
            RiskAnalysis a = analyse(h, ledger("85000", "A", "100", "100", "B", "50", "100"));

            assertThat(a.observations()).isEqualTo(10);
            assertThat(a.confidenceLevels()).containsExactly(0.7, 0.8, 0.9);
            assertThat(a.valueAtRisk(0.9)).isCloseTo(400, within(EPS));
            assertThat(a.expectedShortfall(0.9)).isCloseTo(400, within(EPS));
            assertThat(a.valueAtRisk(0.8)).isCloseTo(350, within(EPS));
            assertThat(a.expectedShortfall(0.8)).isCloseTo(375, within(EPS));
            assertThat(a.valueAtRisk(0.7)).isCloseTo(200, within(EPS));
            assertThat(a.expectedShortfall(0.7)).isCloseTo(950.0 / 3, within(EPS));
            assertThat(a.portfolioVolatility()).isCloseTo(Math.sqrt(696_250.0 / 9), within(EPS));
            assertThat(a.portfolioVolatility()).isCloseTo(278.1387, within(1e-4));
            assertThatThrownBy(() -> a.valueAtRisk(0.95)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0.95");
            assertThat(a.equity()).isEqualTo(100_000.0);
        }
    }

    @Test
    void stressScenariosOnAKnownPortfolio() {
        // Exposures A +10,000, B +5,000.
        // market -10 %:      loss = 0.10 x (10,000 + 5,000)                     = 1,500
        // B -30 %:           loss = 0.30 x 5,000                                 = 1,500
        // each symbol -30 %: worst of A 3,000 and B 1,500                        = 3,000 (A)
        // volatility x1.5:   VaR at the highest level (0.9, m = 1) with return deviations scaled by 1.5:
        //                    -(mean + 1.5 (worst - mean)) = -(25 + 1.5 (-400 - 25)) = 612.5
        AnalyzerConfig config = Fixtures.smallConfig().withStressScenarios(List.of(StressScenario.marketShock(-0.10),
                StressScenario.symbolShock("B", -0.30), StressScenario.eachSymbolShock(-0.30),
                StressScenario.volatilityScale(1.5)));
        try (Fixtures.Harness h = new Fixtures.Harness(config)) {
            RiskAnalysis a = analyse(h, ledger("85000", "A", "100", "100", "B", "50", "100"));

            List<StressResult> r = a.stressResults();
            assertThat(r).extracting(StressResult::name)
                    .containsExactly("market -10%", "B -30%", "each symbol -30%", "volatility x1.5");
            assertThat(r.get(0).stressedLoss()).isCloseTo(1_500, within(EPS));
            assertThat(r.get(1).stressedLoss()).isCloseTo(1_500, within(EPS));
            assertThat(r.get(2).stressedLoss()).isCloseTo(3_000, within(EPS));
            assertThat(r.get(2).worstSymbol()).isEqualTo("A");
            assertThat(r.get(3).stressedLoss()).isCloseTo(612.5, within(EPS));
            assertThat(a.worstStressedLoss()).isCloseTo(3_000, within(EPS));
        }
    }

    @Test
    void aShortWithoutHistoryIsStressedByPriceButLeavesVarUnknown() {
        // Exposures A +10,000, B +5,000, S -2,000 (short, no bars at all).
        // market -10 %: 0.10 x (10,000 + 5,000 - 2,000) = 1,300; each symbol -30 %: A's 3,000 (S would gain 600).
        // VaR and the volatility scenario need S's history: unknown (NaN), never zero.
        AnalyzerConfig config = Fixtures.smallConfig().withStressScenarios(List.of(StressScenario.marketShock(-0.10),
                StressScenario.eachSymbolShock(-0.30), StressScenario.volatilityScale(1.5)));
        try (Fixtures.Harness h = new Fixtures.Harness(config)) {
            RiskAnalysis a = analyse(h, ledger("89000", "A", "100", "100", "B", "50", "100", "S", "-20", "100"));

            assertThat(a.stressResults().get(0).stressedLoss()).isCloseTo(1_300, within(EPS));
            assertThat(a.stressResults().get(1).stressedLoss()).isCloseTo(3_000, within(EPS));
            assertThat(a.stressResults().get(1).worstSymbol()).isEqualTo("A");
            assertThat(a.stressResults().get(2).stressedLoss()).isNaN();
            assertThat(a.worstStressedLoss()).isNaN();
            assertThat(a.valueAtRisk(0.9)).isNaN();
            assertThat(a.portfolioVolatility()).isNaN();
            assertThat(a.correlation("A", "S")).isNaN();
        }
    }

    @Test
    void anEmptyPortfolioHasNoRiskRatherThanUnknownRisk() {
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig())) {
            RiskAnalysis a = analyse(h, ledger("100000"));
            assertThat(a.heldSymbols()).isEmpty();
            assertThat(a.portfolioVolatility()).isZero();
            assertThat(a.valueAtRisk(0.9)).isZero();
            assertThat(a.worstStressedLoss()).isZero();
        }
    }

    @Test
    void tooFewCommonObservationsLeaveTheCorrelationUnknown() {
        // minObservations 5: A has 10 returns, E only 3 (4 closes on A's first minutes).
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig())) {
            PortfolioLedger l = ledger("90000", "A", "100", "100");
            feed(h.analyzer, l, "A", closes(100, X));
            feed(h.analyzer, l, "E", new double[] {10, 11, 10.5, 10.7});
            h.snapshot(l);
            RiskAnalysis a = h.refresh();
            assertThat(a.correlation("A", "E")).isNaN();
            assertThat(a.valueAtRisk(0.9)).isCloseTo(300, within(EPS)); // 10,000 x worst x (-0.03)
        }
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
