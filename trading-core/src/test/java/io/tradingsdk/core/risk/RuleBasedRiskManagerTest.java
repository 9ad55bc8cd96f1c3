package io.tradingsdk.core.risk;

import static io.tradingsdk.api.order.OrderSide.BUY;
import static io.tradingsdk.api.order.OrderSide.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBasedRiskManagerTest {

    private static final List<String> DEFAULT_ORDER = List.of("trading-state", "symbol-filter", "market-hours", "order-rate",
            "duplicate-signal", "price-collar", "max-order-quantity", "max-order-notional", "buying-power",
            "max-position-fraction", "max-portfolio-risk", "daily-loss-limit");

    /** A portfolio every default rule is happy with for small AAPL and MSFT orders. */
    private static SettablePortfolio healthy() {
        return SettablePortfolio.withEquity("100000").lastPrice("AAPL", "100.00").lastPrice("MSFT", "300.00");
    }

    @Test
    void defaultRulesComeInTheDocumentedOrderWithTradingStateFirst() {
        List<RiskRule> rules = RuleBasedRiskManager.defaultRules(new TestContext());
        assertThat(rules).extracting(RiskRule::name).containsExactlyElementsOf(DEFAULT_ORDER);
        assertThat(RuleBasedRiskManager.builtInProviders()).extracting(p -> p.name())
                .containsExactlyElementsOf(DEFAULT_ORDER);
    }

    @Test
    void approvesTheIntentsQuantityWhenEveryRulePasses() {
        RuleBasedRiskManager manager = RuleBasedRiskManager.withDefaultRules(new TestContext());
        OrderIntent intent = Intents.market(BUY, "AAPL", "10", "100.00");
        RiskDecision decision = manager.check(intent, healthy());
        assertThat(decision).isEqualTo(new RiskDecision.Approved(new BigDecimal("10")));
        assertThat(manager.check(intent, healthy())).as("approval reused for the same quantity").isSameAs(decision);
    }

    @Test
    void firstDenialWins() {
        OrderIntent intent = Intents.market(BUY, "AAPL", "20", "100.00");
        RiskRule qty = new MaxOrderQuantityRule(new BigDecimal("10"));
        RiskRule notional = new MaxOrderNotionalRule(new BigDecimal("100"));
        assertThat(((RiskDecision.Denied) new RuleBasedRiskManager(List.of(qty, notional)).check(intent, healthy())).reason())
                .isEqualTo(DenialReason.MAX_ORDER_QUANTITY);
        assertThat(((RiskDecision.Denied) new RuleBasedRiskManager(List.of(notional, qty)).check(intent, healthy())).reason())
                .isEqualTo(DenialReason.MAX_ORDER_NOTIONAL);
    }

    @Test
    void reducingAccountLetsReducingOrdersPassAndRefusesIncreasingOnes() {
        RuleBasedRiskManager manager = RuleBasedRiskManager.withDefaultRules(new TestContext());
        SettablePortfolio p = healthy().position("AAPL", "50").tradingState(TradingState.REDUCING);
        assertThat(manager.check(Intents.market(SELL, "AAPL", "50", "100.00"), p).isApproved()).isTrue();
        RiskDecision d = manager.check(Intents.market(BUY, "AAPL", "1", "100.00"), p);
        assertThat(d).isInstanceOfSatisfying(RiskDecision.Denied.class,
                denied -> assertThat(denied.reason()).isEqualTo(DenialReason.REDUCING_ONLY));
        assertThat(((RiskDecision.Denied) manager.check(Intents.market(SELL, "AAPL", "51", "100.00"), p)).reason())
                .isEqualTo(DenialReason.REDUCING_ONLY);
    }

    @Test
    void haltedAccountRefusesEverything() {
        RuleBasedRiskManager manager = RuleBasedRiskManager.withDefaultRules(new TestContext());
        SettablePortfolio p = healthy().position("AAPL", "50").tradingState(TradingState.HALTED);
        for (OrderIntent intent : List.of(Intents.market(SELL, "AAPL", "50", "100.00"), Intents.market(BUY, "AAPL", "1", "100.00"),
                Intents.market(SELL, "MSFT", "1", "300.00"))) {
            assertThat(((RiskDecision.Denied) manager.check(intent, p)).reason()).isEqualTo(DenialReason.TRADING_HALTED);
        }
    }

    @Test
    void onSubmittedFeedsTheWindowsOfStatefulRules() {
        RuleBasedRiskManager manager = new RuleBasedRiskManager(List.of(new TradingStateRule(),
                new DuplicateSignalRule(Duration.ofSeconds(60)), new OrderRateRule(1, Duration.ofSeconds(1))));
        OrderIntent first = Intents.market("strat-1", BUY, "AAPL", "1", "100", Intents.T0);
        assertThat(manager.check(first, healthy()).isApproved()).isTrue();
        assertThat(manager.check(first, healthy()).isApproved()).as("checking alone counts nothing").isTrue();
        manager.onSubmitted(first);
        assertThat(((RiskDecision.Denied) manager.check(first, healthy())).reason()).isEqualTo(DenialReason.DUPLICATE_SIGNAL);
        OrderIntent other = Intents.market("strat-1", BUY, "MSFT", "1", "300", Intents.T0.plusMillis(10));
        assertThat(((RiskDecision.Denied) manager.check(other, healthy())).reason()).isEqualTo(DenialReason.ORDER_RATE_LIMIT);
    }

    @Test
    void aThrowingRuleIsReportedByName() {
        RiskRule broken = new RiskRule() {
            @Override
            public String name() {
                return "broken-rule";
            }

            @Override
            public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
                throw new ArithmeticException("boom");
            }
        };
        RuleBasedRiskManager manager = new RuleBasedRiskManager(List.of(broken));
        assertThatThrownBy(() -> manager.check(Intents.market(BUY, "AAPL", "1", "1"), healthy()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("broken-rule").hasMessageContaining("boom")
                .hasCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void everyRuleHearsOfASubmissionEvenIfOneThrows() {
        List<String> heard = new ArrayList<>();
        RiskRule throwing = recording("first", heard, true);
        RiskRule second = recording("second", heard, false);
        RuleBasedRiskManager manager = new RuleBasedRiskManager(List.of(throwing, second));
        assertThatThrownBy(() -> manager.onSubmitted(Intents.market(BUY, "AAPL", "1", "1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'first'");
        assertThat(heard).containsExactly("first", "second");
    }

    @Test
    void requiredStateIsTheMostRestrictiveGuardAnswer() {
        RuleBasedRiskManager manager = RuleBasedRiskManager.withDefaultRules(new TestContext());
        assertThat(manager.requiredState(healthy())).isEqualTo(TradingState.ACTIVE);
        assertThat(manager.requiredState(healthy().equity("96000"))).isEqualTo(TradingState.REDUCING);
        AccountGuardRule halting = new AccountGuardRule();
        RuleBasedRiskManager withHalt = new RuleBasedRiskManager(List.of(new DailyLossLimitRule(0.03), halting));
        assertThat(withHalt.requiredState(healthy().equity("96000"))).isEqualTo(TradingState.HALTED);
        assertThat(new RuleBasedRiskManager(List.of()).requiredState(healthy().equity("1"))).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void dailyLossThroughTheManagerRefusesNewExposureButNotExits() {
        RuleBasedRiskManager manager = RuleBasedRiskManager.withDefaultRules(new TestContext());
        SettablePortfolio p = healthy().equity("96000").position("AAPL", "20");
        assertThat(((RiskDecision.Denied) manager.check(Intents.market(BUY, "MSFT", "1", "300.00"), p)).reason())
                .isEqualTo(DenialReason.DAILY_LOSS_LIMIT);
        assertThat(manager.check(Intents.market(SELL, "AAPL", "20", "100.00"), p).isApproved()).isTrue();
    }

    @Test
    void rulesAreCopiedAndNullsRefused() {
        List<RiskRule> rules = new ArrayList<>(List.of(new TradingStateRule()));
        RuleBasedRiskManager manager = new RuleBasedRiskManager(rules);
        rules.clear();
        assertThat(manager.rules()).hasSize(1);
        List<RiskRule> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new RuleBasedRiskManager(withNull)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("rules[0]");
    }

    private static RiskRule recording(String name, List<String> heard, boolean fail) {
        return new RiskRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
                return null;
            }

            @Override
            public void onAccepted(OrderIntent intent) {
                heard.add(name);
                if (fail) {
                    throw new IllegalStateException("cannot record");
                }
            }
        };
    }

    /** A custom guard that always demands HALTED. */
    private static final class AccountGuardRule implements RiskRule, AccountGuard {
        @Override
        public String name() {
            return "always-halt";
        }

        @Override
        public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
            return null;
        }

        @Override
        public TradingState requiredState(PortfolioView portfolio) {
            return TradingState.HALTED;
        }
    }
}
