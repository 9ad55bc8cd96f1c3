package io.tradingsdk.core.analysis;

import static io.tradingsdk.api.order.OrderSide.BUY;
import static io.tradingsdk.api.order.OrderSide.SELL;
import static io.tradingsdk.core.analysis.Fixtures.X;
import static io.tradingsdk.core.analysis.Fixtures.Y;
import static io.tradingsdk.core.analysis.Fixtures.closes;
import static io.tradingsdk.core.analysis.Fixtures.feed;
import static io.tradingsdk.core.analysis.Fixtures.intent;
import static io.tradingsdk.core.analysis.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.core.ledger.PortfolioLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quick checks that use the analysis: what they let through, what they refuse and why, and
 * what they do when the analysis is stale or absent (a conservative limit, never none).
 */
class AnalysisRulesTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** A, B (r = 0.879 with A), C (r = -1 with A) and D (follows B), analysed with the given holdings. */
    private static Fixtures.Harness analysed(AnalyzerConfig config, PortfolioLedger ledger) {
        Fixtures.Harness h = new Fixtures.Harness(config);
        feed(h.analyzer, ledger, "A", closes(100, X));
        feed(h.analyzer, ledger, "B", closes(100, Y));
        feed(h.analyzer, ledger, "C", closes(100, Fixtures.negated(X)));
        feed(h.analyzer, ledger, "D", closes(100, Y));
        h.snapshot(ledger);
        h.refresh();
        return h;
    }

    private static OrderIntent at(Fixtures.Harness h, io.tradingsdk.api.order.OrderSide side, String symbol, String qty) {
        return intent(side, symbol, qty, "100", h.clock.now());
    }

    // ------------------------------------------------------------------ correlated-exposure

    @Test
    void correlatedExposureCapsTheClusterOfCorrelatedSymbols() {
        // A held: 200 @ 100 = 20,000; equity 100,000; cluster cap 0.30 x 100,000 = 30,000; threshold 0.7.
        PortfolioLedger l = ledger("80000", "A", "200", "100");
        try (Fixtures.Harness h = analysed(Fixtures.smallConfig(), l)) {
            CorrelatedExposureRule rule = new CorrelatedExposureRule(h.cache, "acct", 0.7, 0.30, 0.30, MAX_AGE);

            // B correlates 0.879 with A: cluster 20,000 + 15,000 = 35,000 > 30,000.
            RiskDecision.Denied d = rule.evaluate(at(h, BUY, "B", "150"), l);
            assertThat(d).isNotNull();
            assertThat(d.reason()).isEqualTo(DenialReason.CORRELATED_EXPOSURE);
            assertThat(d.message()).startsWith("correlated-exposure:").contains("35000.00", "0.3500", "A (correlation 0.8791)");
            // 20,000 + 10,000 = 30,000: at the cap passes.
            assertThat(rule.evaluate(at(h, BUY, "B", "100"), l)).isNull();
            // C moves against A (r = -1): its cluster is C alone, 15,000.
            assertThat(rule.evaluate(at(h, BUY, "C", "150"), l)).isNull();
            // More A: 32,000 in A alone.
            assertThat(rule.evaluate(at(h, BUY, "A", "120"), l)).isNotNull();
            // Reducing A always passes.
            assertThat(rule.evaluate(at(h, SELL, "A", "50"), l)).isNull();
            // E has no history: its correlation with A is unknown, so A counts in its cluster.
            assertThat(rule.evaluate(at(h, BUY, "E", "50"), l)).isNull(); // 25,000
            assertThat(rule.evaluate(at(h, BUY, "E", "150"), l).message()).contains("A (correlation unknown)");
        }
    }

    @Test
    void correlatedExposureCountsWorkingOrders() {
        // A held 100 (10,000) plus a working buy of 100 more: exposure 20,000 as above.
        PortfolioLedger l = ledger("90000", "A", "100", "100");
        l.adjustOpenOrders("A", new java.math.BigDecimal("100"), new java.math.BigDecimal("10000"));
        try (Fixtures.Harness h = analysed(Fixtures.smallConfig(), l)) {
            CorrelatedExposureRule rule = new CorrelatedExposureRule(h.cache, "acct", 0.7, 0.30, 0.30, MAX_AGE);
            assertThat(rule.evaluate(at(h, BUY, "B", "150"), l)).isNotNull();
            assertThat(rule.evaluate(at(h, BUY, "B", "100"), l)).isNull();
        }
    }

    @Test
    void staleOrAbsentCorrelationsFallBackToTheWholeBookCap() {
        PortfolioLedger l = ledger("80000", "A", "200", "100");
        try (Fixtures.Harness h = analysed(Fixtures.smallConfig(), l)) {
            CorrelatedExposureRule rule = new CorrelatedExposureRule(h.cache, "acct", 0.7, 0.30, 0.30, MAX_AGE);
            Instant computed = h.analyzer.latest().computedAt();
            assertThat(computed).isEqualTo(Fixtures.T0);

            h.clock.advanceTo(computed.plus(Duration.ofMinutes(4)));
            assertThat(rule.evaluate(at(h, BUY, "C", "150"), l)).as("fresh: C is not correlated with A").isNull();

            h.clock.advanceTo(computed.plus(Duration.ofMinutes(6)));
            // Stale: every symbol counts as correlated: 20,000 + 15,000 = 35,000 > 0.30 x 100,000.
            RiskDecision.Denied d = rule.evaluate(at(h, BUY, "C", "150"), l);
            assertThat(d).isNotNull();
            assertThat(d.message()).contains("stale", "PT6M", "fallbackMaxFraction 0.3", "35000.00");
            // A limit still, not a stop: 25,000 passes.
            assertThat(rule.evaluate(at(h, BUY, "C", "50"), l)).isNull();

            // A new run makes it fresh again.
            h.refresh();
            assertThat(rule.evaluate(at(h, BUY, "C", "150"), l)).isNull();

            // Closing the analyzer removes its result: absent, so the fallback applies.
            h.analyzer.close();
            assertThat(h.cache.latest("acct")).isNull();
            assertThat(rule.evaluate(at(h, BUY, "C", "150"), l).message()).contains("absent");
        }
    }

    @Test
    void withNoAnalysisAtAllTheRulesStillLimit() {
        RiskLimitsCache empty = new RiskLimitsCache();
        PortfolioLedger l = ledger("80000", "A", "200", "100");
        Instant now = Fixtures.T0;
        CorrelatedExposureRule corr = new CorrelatedExposureRule(empty, "acct", 0.7, 0.30, 0.30, MAX_AGE);
        StressLossLimitRule stress = new StressLossLimitRule(empty, "acct", 0.05, 0.30, 0.30, MAX_AGE);
        assertThat(corr.evaluate(intent(BUY, "C", "150", "100", now), l)).isNotNull();
        assertThat(corr.evaluate(intent(BUY, "C", "50", "100", now), l)).isNull();
        // 0.30 x (20,000 + 1,000) = 6,300 > 5,000; and a zero-sized book passes 0.30 x 16,000 = 4,800.
        assertThat(stress.evaluate(intent(BUY, "C", "10", "100", now), l)).isNotNull();
        assertThat(stress.evaluate(intent(BUY, "C", "10", "100", now), ledger("84000", "A", "150", "100"))).isNull();
    }

    // ------------------------------------------------------------------ stress-loss-limit

    private static AnalyzerConfig stressConfig() {
        return Fixtures.smallConfig().withStressScenarios(List.of(StressScenario.marketShock(-0.10),
                StressScenario.eachSymbolShock(-0.30), StressScenario.volatilityScale(1.5)));
    }

    @Test
    void stressLossLimitAddsTheOrderLinearlyToEachScenario() {
        // A 10,000, B 5,000, equity 100,000. Before: market 1,500, each symbol 3,000 (A), volatility 612.5.
        // maxLossFraction 0.05: limit 5,000.
        PortfolioLedger l = ledger("85000", "A", "100", "100", "B", "50", "100");
        try (Fixtures.Harness h = analysed(stressConfig(), l)) {
            StressLossLimitRule rule = new StressLossLimitRule(h.cache, "acct", 0.05, 0.30, 0.30, MAX_AGE);

            // +60 A: A 16,000: each symbol 0.3 x 16,000 = 4,800 <= 5,000.
            assertThat(rule.evaluate(at(h, BUY, "A", "60"), l)).isNull();
            // +80 A: A 18,000: 5,400 > 5,000.
            RiskDecision.Denied d = rule.evaluate(at(h, BUY, "A", "80"), l);
            assertThat(d).isNotNull();
            assertThat(d.reason()).isEqualTo(DenialReason.STRESS_LOSS);
            assertThat(d.message()).startsWith("stress-loss-limit:").contains("'each symbol -30%'", "5400.00",
                    "before the order 3000.00", "0.0540");
            // A symbol without history: market 0.1 x 21,000 = 2,100, each 3,000 (A), volatility 612.5 + 0.3 x 6,000.
            assertThat(rule.evaluate(at(h, BUY, "Z", "60"), l)).isNull();
            // Reducing passes.
            assertThat(rule.evaluate(at(h, SELL, "B", "50"), l)).isNull();
        }
    }

    @Test
    void aboveTheLimitOnlyOrdersThatWorsenNoScenarioPass() {
        // limit 0.02 x 100,000 = 2,000, already exceeded by the each-symbol scenario (3,000).
        PortfolioLedger l = ledger("85000", "A", "100", "100", "B", "50", "100");
        try (Fixtures.Harness h = analysed(stressConfig(), l)) {
            StressLossLimitRule rule = new StressLossLimitRule(h.cache, "acct", 0.02, 0.30, 0.30, MAX_AGE);

            // +10 D (known history) raises the market loss: refused although the worst scenario stays 3,000.
            assertThat(rule.evaluate(at(h, BUY, "D", "10"), l)).isNotNull();
            // Selling 150 B flips B to -10,000, a hedge of A: market 0, each symbol 3,000 (A) unchanged,
            // volatility -(10,000 x -0.0465 + -10,000 x -0.0295) = 170 (was 612.5). Nothing gets worse: passes.
            assertThat(rule.evaluate(at(h, SELL, "B", "150"), l)).isNull();
            // Reducing B passes anyway.
            assertThat(rule.evaluate(at(h, SELL, "B", "20"), l)).isNull();
        }
    }

    @Test
    void stressLossLimitFallsBackToAUniformShockWhenStale() {
        // Fallback: 0.30 x (15,000 gross + order) against 5,000.
        PortfolioLedger l = ledger("85000", "A", "100", "100", "B", "50", "100");
        try (Fixtures.Harness h = analysed(stressConfig(), l)) {
            StressLossLimitRule rule = new StressLossLimitRule(h.cache, "acct", 0.05, 0.30, 0.30, MAX_AGE);
            assertThat(rule.evaluate(at(h, BUY, "A", "60"), l)).as("fresh").isNull();
            h.clock.advanceTo(Fixtures.T0.plus(MAX_AGE).plusMillis(1));
            RiskDecision.Denied d = rule.evaluate(at(h, BUY, "A", "60"), l); // 0.3 x 21,000 = 6,300
            assertThat(d).isNotNull();
            assertThat(d.message()).contains("stale", "6300.00");
            assertThat(rule.evaluate(at(h, BUY, "A", "10"), l)).isNull(); // 0.3 x 16,000 = 4,800
        }
    }

    @Test
    void ruleParametersAreCheckedAndNamed() {
        RiskLimitsCache c = new RiskLimitsCache();
        assertThatThrownBy(() -> new CorrelatedExposureRule(c, "acct", 0.0, 0.3, 0.3, MAX_AGE))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("correlationThreshold"));
        assertThatThrownBy(() -> new CorrelatedExposureRule(c, "acct", 0.7, Double.NaN, 0.3, MAX_AGE))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("maxFraction"));
        assertThatThrownBy(() -> new CorrelatedExposureRule(c, "acct", 0.7, 0.3, 11, MAX_AGE))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("fallbackMaxFraction"));
        assertThatThrownBy(() -> new CorrelatedExposureRule(c, "acct", 0.7, 0.3, 0.3, Duration.ZERO))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("maxAge"));
        assertThatThrownBy(() -> new StressLossLimitRule(c, "acct", 1.5, 0.3, 0.3, MAX_AGE))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("maxLossFraction");
                    assertThat(e.getMessage()).contains("1.5");
                });
        assertThatThrownBy(() -> new StressLossLimitRule(c, "acct", 0.1, -0.3, 0.3, MAX_AGE))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("fallbackShock"));
        assertThatThrownBy(() -> new StressLossLimitRule(c, " ", 0.1, 0.3, 0.3, MAX_AGE))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("accountId"));
    }
}
