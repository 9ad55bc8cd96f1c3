package io.tradingsdk.core.analysis;

import static io.tradingsdk.api.order.OrderSide.BUY;
import static io.tradingsdk.core.analysis.Fixtures.X;
import static io.tradingsdk.core.analysis.Fixtures.Y;
import static io.tradingsdk.core.analysis.Fixtures.closes;
import static io.tradingsdk.core.analysis.Fixtures.feed;
import static io.tradingsdk.core.analysis.Fixtures.intent;
import static io.tradingsdk.core.analysis.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.ledger.PortfolioLedger;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event loop relies on the analyzer's bar path and on the analysis rules' pass path creating no
 * garbage. Counts the bytes this thread allocates over many calls (a count, not a timing): a single
 * object per call would be at least 16 bytes per call.
 */
class AnalysisAllocationTest {

    private static final int CALLS = 20_000;

    private static boolean supported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void recordingABarAllocatesNothingOnceTheSymbolIsKnown() {
        assumeTrue(supported(), "thread allocation counting not available");
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig())) {
            PortfolioLedger l = ledger("90000", "A", "100", "100");
            Bar[] bars = new Bar[CALLS + 10];
            for (int i = 0; i < bars.length; i++) {
                bars[i] = Fixtures.bar(i % 2 == 0 ? "A" : "B", i, 100 + (i % 13));
            }
            for (int i = 0; i < 10; i++) {
                h.analyzer.onBarProcessed(bars[i], l); // first sight of A and B allocates their buffers
            }
            long before = allocatedBytes();
            for (int i = 10; i < bars.length; i++) {
                h.analyzer.onBarProcessed(bars[i], l);
            }
            long bytes = allocatedBytes() - before;
            assertThat(bytes).as("bytes allocated over %d bars", CALLS).isLessThan(CALLS);
            assertThat(h.analyzer.window("B").size()).isEqualTo(11);
        }
    }

    @Test
    void theAnalysisRulesPassWithoutAllocatingWhenTheResultIsFresh() {
        assumeTrue(supported(), "thread allocation counting not available");
        try (Fixtures.Harness h = new Fixtures.Harness(Fixtures.smallConfig().withStressScenarios(List.of(
                StressScenario.marketShock(-0.10), StressScenario.symbolShock("B", -0.3),
                StressScenario.eachSymbolShock(-0.30), StressScenario.volatilityScale(1.5))))) {
            PortfolioLedger l = ledger("85000", "A", "100", "100", "B", "50", "100");
            feed(h.analyzer, l, "A", closes(100, X));
            feed(h.analyzer, l, "B", closes(100, Y));
            feed(h.analyzer, l, "C", closes(100, Fixtures.negated(X)));
            h.snapshot(l);
            h.refresh();
            FixedPortfolio p = new FixedPortfolio("100000").hold("A", "100", "100").hold("B", "50", "100").price("C", "100");
            List<RiskRule> rules = List.of(
                    new CorrelatedExposureRule(h.cache, "acct", 0.7, 0.5, 0.5, Duration.ofMinutes(5)),
                    new StressLossLimitRule(h.cache, "acct", 0.2, 0.3, 0.3, Duration.ofMinutes(5)));
            OrderIntent[] intents = {
                    intent(BUY, "A", "10", "100", Fixtures.T0),
                    intent(BUY, "C", "25", "100.5", Fixtures.T0),
                    intent(BUY, "Z", "3", "42.25", Fixtures.T0), // no history: unknown correlation and shocks
            };
            // The same book as a fixed view and as the engine's ledger (whose exact equity would sum decimals).
            for (PortfolioView view : List.<PortfolioView>of(p, l)) {
                for (RiskRule rule : rules) {
                    for (OrderIntent i : intents) {
                        assertThat(rule.evaluate(i, view)).as("%s must pass %s on %s", rule, i.request(), view).isNull();
                    }
                    long before = allocatedBytes();
                    for (int n = 0; n < CALLS; n++) {
                        if (rule.evaluate(intents[n % intents.length], view) != null) {
                            throw new AssertionError(rule + " denied");
                        }
                    }
                    long bytes = allocatedBytes() - before;
                    assertThat(bytes).as("bytes allocated by %s over %d passing checks on %s", rule.name(), CALLS, view)
                            .isLessThan(CALLS);
                }
            }
        }
    }
}
