package io.tradingsdk.core.risk;

import static io.tradingsdk.api.order.OrderSide.BUY;
import static io.tradingsdk.api.order.OrderSide.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.ledger.PortfolioLedger;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The event loop relies on risk rules creating no garbage when they let an intent pass. Counts the
 * bytes this thread allocates over many checks (a count, not a timing); mostly interpreted code,
 * where no escape analysis hides an allocation, so any {@code new} on the pass path shows.
 */
class RiskRuleAllocationTest {

    private static final int CALLS = 20_000;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static boolean supported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled();
    }

    private static long bytesPerRun(RiskRule rule, OrderIntent[] intents, PortfolioView p) {
        for (OrderIntent i : intents) {
            assertThat(rule.evaluate(i, p)).as("%s must pass %s", rule, i.request()).isNull();
        }
        long before = allocatedBytes();
        for (int n = 0; n < CALLS; n++) {
            if (rule.evaluate(intents[n % intents.length], p) != null) {
                throw new AssertionError(rule + " denied");
            }
        }
        return allocatedBytes() - before;
    }

    @Test
    void everyBuiltInRuleLetsIntentsPassWithoutAllocating() {
        assumeTrue(supported(), "thread allocation counting not available");
        SettablePortfolio p = SettablePortfolio.withEquity("100000.00").lastPrice("AAPL", "187.45")
                .position("AAPL", "-12").capitalAtRisk("1250.50").lastPrice("ETH/USD", "3012.125");
        OrderIntent[] intents = {
                Intents.market(BUY, "AAPL", "25", "187.45"),
                Intents.market(BUY, "AAPL", "12", "187.45"),
                Intents.limit(BUY, "AAPL", "3", "186.90", "187.45"),
                Intents.market(SELL, "ETH/USD", "0.123456789", "3012.125"),
        };
        assertNoRuleAllocates(intents, p);
    }

    @Test
    void everyBuiltInRuleLetsIntentsPassWithoutAllocatingWithWorkingOrders() {
        assumeTrue(supported(), "thread allocation counting not available");
        // Working orders in every symbol, so each rule reads and adds them. PENNY's long is worth
        // more than the default max-order-notional and -quantity, so its close takes the reducing
        // exemption of both. The closes are exactly the exposure (as the engine sizes a CLOSE),
        // which double arithmetic cannot settle.
        SettablePortfolio p = SettablePortfolio.withEquity("100000.00").lastPrice("AAPL", "187.45")
                .position("AAPL", "-12").openOrders("AAPL", "5").capitalAtRisk("1250.50")
                .lastPrice("ETH/USD", "3012.125").position("ETH/USD", "0.2").openOrders("ETH/USD", "-0.05")
                .lastPrice("PENNY", "10.00").position("PENNY", "25000").openOrders("PENNY", "-1000")
                .openBuyNotional("12345.67");
        OrderIntent[] intents = {
                Intents.market(BUY, "AAPL", "25", "187.45"),
                Intents.market(BUY, "AAPL", "7", "187.45"),
                Intents.market(BUY, "AAPL", "12", "187.45"),
                Intents.limit(BUY, "AAPL", "3", "186.90", "187.45"),
                Intents.market(SELL, "ETH/USD", "0.123456789", "3012.125"),
                Intents.market(SELL, "ETH/USD", "0.15", "3012.125"),
                Intents.market(SELL, "PENNY", "24000", "10.00"),
                Intents.market(SELL, "PENNY", "23999.5", "10.00"),
        };
        assertNoRuleAllocates(intents, p);
    }

    private static void assertNoRuleAllocates(OrderIntent[] intents, PortfolioView p) {
        for (RiskRule rule : RuleBasedRiskManager.defaultRules(new TestContext())) {
            long bytes = bytesPerRun(rule, intents, p);
            // A single object on the pass path would be >= 16 bytes per call, i.e. >= 320,000 bytes.
            assertThat(bytes).as("bytes allocated by %s over %d passing checks", rule.name(), CALLS).isLessThan(CALLS);
        }
    }

    @Test
    void managerApprovalReusesItsDecision() {
        assumeTrue(supported(), "thread allocation counting not available");
        SettablePortfolio p = SettablePortfolio.withEquity("100000.00").lastPrice("AAPL", "187.45");
        RuleBasedRiskManager manager = RuleBasedRiskManager.withDefaultRules(new TestContext());
        OrderIntent intent = Intents.market(BUY, "AAPL", "25", "187.45");
        RiskDecision first = manager.check(intent, p);
        long before = allocatedBytes();
        for (int n = 0; n < CALLS; n++) {
            if (manager.check(intent, p) != first) {
                throw new AssertionError("new decision");
            }
        }
        assertThat(allocatedBytes() - before).isLessThan(CALLS);
    }

    @Test
    void checkingALedgerMarkedOnEveryBarDoesNotAllocate() {
        assumeTrue(supported(), "thread allocation counting not available");
        // As in the engine: a bar marks the price (a double), then an intent is checked against the ledger.
        PortfolioLedger ledger = new PortfolioLedger("acct", new BigDecimal("100000"));
        ledger.applyFill(new Fill("f-1", "o-1", "AAPL", BUY, new BigDecimal("50"), new BigDecimal("100.00"),
                BigDecimal.ZERO, Intents.T0.minusSeconds(60)), 0.02);
        ledger.adjustOpenOrders("AAPL", new BigDecimal("5"), new BigDecimal("502.50"));
        // One manager per intent: a manager reuses its approval only for the quantity it approved last.
        RuleBasedRiskManager buys = RuleBasedRiskManager.withDefaultRules(new TestContext());
        RuleBasedRiskManager sells = RuleBasedRiskManager.withDefaultRules(new TestContext());
        OrderIntent buy = Intents.market(BUY, "AAPL", "10", "100.50");
        OrderIntent sell = Intents.market(SELL, "AAPL", "20", "100.50");
        assertThat(buys.check(buy, ledger).isApproved()).isTrue();
        assertThat(sells.check(sell, ledger).isApproved()).isTrue();
        long before = allocatedBytes();
        for (int n = 0; n < CALLS; n++) {
            ledger.markPrice("AAPL", 100.0 + (n % 100) / 100.0);
            boolean approved = n % 2 == 0 ? buys.check(buy, ledger).isApproved() : sells.check(sell, ledger).isApproved();
            if (!approved) {
                throw new AssertionError("denied at " + n);
            }
        }
        assertThat(allocatedBytes() - before).isLessThan(CALLS);
    }

    @Test
    void rateAndDuplicateWindowsRecordWithoutAllocatingOnceKeysExist() {
        assumeTrue(supported(), "thread allocation counting not available");
        OrderRateRule rate = new OrderRateRule(1000, java.time.Duration.ofSeconds(1));
        DuplicateSignalRule dup = new DuplicateSignalRule(java.time.Duration.ofMillis(1));
        // Times only move forward, as engine time does; intents are built before counting.
        OrderIntent[] intents = new OrderIntent[CALLS];
        for (int i = 0; i < intents.length; i++) {
            intents[i] = Intents.market("s", i % 2 == 0 ? BUY : SELL, i % 3 == 0 ? "AAPL" : "MSFT", "1", "1",
                    Intents.T0.plusMillis(10L * i));
        }
        PortfolioView p = new SettablePortfolio();
        for (int i = 0; i < 6; i++) {
            dup.onAccepted(intents[i]);
        }
        long before = allocatedBytes();
        for (int n = 6; n < CALLS; n++) {
            OrderIntent i = intents[n];
            for (int r = 0; r < 2; r++) {
                RiskRule rule = r == 0 ? rate : dup;
                if (rule.evaluate(i, p) != null) {
                    throw new AssertionError(rule + " denied " + i.createdAt());
                }
                rule.onAccepted(i);
            }
        }
        assertThat(allocatedBytes() - before).isLessThan(CALLS);
    }
}
