package io.tradingsdk.core.risk;

import static io.tradingsdk.api.order.OrderSide.BUY;
import static io.tradingsdk.api.order.OrderSide.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderType;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.ledger.PortfolioLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quick check's fast path ({@link CheckFacts} and the built-in rules' {@code passes} tests)
 * exists only for speed: a user relies on {@link RuleBasedRiskManager#check} giving exactly the
 * answer of running every rule's {@link RiskRule#evaluate} in order. Checked on many generated
 * intents and portfolios (a settable view and the real {@link PortfolioLedger}), many of them put
 * exactly at or within a hair of a limit, with custom rules mixed in, rules shuffled and a kind of
 * rule listed twice.
 */
class QuickCheckEquivalenceTest {

    private static final int CASES = 20_000;
    private static final Pattern FAILED_RULE = Pattern.compile("risk rule '([^']+)' failed");
    private static final String[] EPSILONS = {"0", "0", "0", "1E-10", "-1E-10", "1E-15", "-1E-15", "0.01", "-0.01"};

    /** One generated case: fresh rules with their parameters and state, an intent and a portfolio. */
    private record Case(long seed, List<RiskRule> rules, OrderIntent intent, PortfolioView portfolio) {
    }

    @Test
    void aClearPassOfABuiltInRuleIsAlwaysAPassOfItsEvaluate() {
        Random rnd = new Random(20261124L);
        int passed = 0;
        int clearlyPassed = 0;
        for (int n = 0; n < CASES; n++) {
            Case c = generate(rnd, rnd.nextLong());
            // The same facts read eagerly from a ledger, lazily from a ledger, and through a plain view.
            CheckFacts eager = new CheckFacts(CheckFacts.READS_REDUCES | CheckFacts.READS_EQUITY);
            CheckFacts lazy = new CheckFacts(0);
            CheckFacts viaView = new CheckFacts(0);
            for (RiskRule rule : c.rules()) {
                eager.reset(c.intent(), c.portfolio());
                lazy.reset(c.intent(), c.portfolio());
                viaView.reset(c.intent(), new ForwardingView(c.portfolio()));
                Boolean fast = clearPass(rule, eager);
                assertThat(clearPass(rule, lazy)).as("lazy facts, %s", c).isEqualTo(fast);
                assertThat(clearPass(rule, viaView)).as("facts through a plain view, %s", c).isEqualTo(fast);
                RiskDecision.Denied exact;
                try {
                    exact = rule.evaluate(c.intent(), c.portfolio());
                } catch (RuntimeException e) {
                    assertThat(fast).as("%s threw %s on %s", rule, e, c).isNotEqualTo(Boolean.TRUE);
                    continue;
                }
                if (Boolean.TRUE.equals(fast)) {
                    assertThat(exact).as("%s clearly passes but its evaluate denies: %s", rule, c).isNull();
                }
                if (exact == null) {
                    passed++;
                    clearlyPassed += Boolean.TRUE.equals(fast) ? 1 : 0;
                }
            }
        }
        // The fast path must actually decide: most passes, near-limit cases included, are clear ones.
        assertThat(clearlyPassed).as("clear passes of %d passes", passed).isGreaterThan(passed * 3 / 4);
    }

    @Test
    void theManagerAnswersWhatEveryRulesEvaluateInOrderAnswers() {
        Random rnd = new Random(424242L);
        int approved = 0;
        int denied = 0;
        int threw = 0;
        for (int n = 0; n < CASES; n++) {
            long seed = rnd.nextLong();
            Case c = generate(rnd, seed);
            List<RiskRule> rules = new ArrayList<>(c.rules());
            Random shape = new Random(seed);
            CountingRule custom = null;
            if (shape.nextInt(3) == 0) {
                custom = new CountingRule(shape.nextInt(4) == 0);
                rules.add(shape.nextInt(rules.size() + 1), custom);
            }
            if (shape.nextInt(10) == 0) {
                rules.add(new PriceCollarRule(0.001)); // a kind twice: the manager takes the ordered loop
            }
            if (shape.nextInt(5) == 0) {
                Collections.shuffle(rules, shape);
            }
            Object expected = inOrder(rules, c.intent(), c.portfolio());
            int expectedCalls = custom == null ? 0 : custom.calls;
            for (boolean straightLine : new boolean[] {true, false}) {
                int before = custom == null ? 0 : custom.calls;
                Object actual = check(new RuleBasedRiskManager(rules, straightLine), c.intent(), c.portfolio());
                assertThat(actual).as("straightLine=%s, rules %s, %s", straightLine, rules, c).isEqualTo(expected);
                if (custom != null) {
                    assertThat(custom.calls - before).as("custom rule calls, straightLine=%s, %s", straightLine, c)
                            .isEqualTo(expectedCalls);
                }
            }
            if (expected instanceof RiskDecision.Approved) {
                approved++;
            } else if (expected instanceof RiskDecision.Denied) {
                denied++;
            } else {
                threw++;
            }
        }
        assertThat(approved).as("approved cases").isGreaterThan(CASES / 10);
        assertThat(denied).as("denied cases").isGreaterThan(CASES / 10);
        assertThat(threw).as("cases where a rule throws").isPositive();
    }

    @Test
    void aCustomRuleAmongBuiltInOnesRunsInItsPlaceOncePerCheck() {
        SettablePortfolio p = SettablePortfolio.withEquity("100000").lastPrice("AAPL", "100.00");
        OrderIntent small = Intents.market(BUY, "AAPL", "10", "100.00");
        OrderIntent tooMany = Intents.market(BUY, "AAPL", "20", "100.00");
        for (boolean straightLine : new boolean[] {true, false}) {
            CountingRule passing = new CountingRule(false);
            MaxOrderQuantityRule cap = new MaxOrderQuantityRule(new BigDecimal("15"));
            RuleBasedRiskManager m = new RuleBasedRiskManager(List.of(new TradingStateRule(), passing, cap,
                    new PriceCollarRule(0.05)), straightLine);
            assertThat(m.check(small, p).isApproved()).isTrue();
            assertThat(passing.calls).as("every rule passes: the custom one ran once").isEqualTo(1);
            assertThat(((RiskDecision.Denied) m.check(tooMany, p)).reason()).isEqualTo(DenialReason.MAX_ORDER_QUANTITY);
            assertThat(passing.calls).as("it ran before the cap that denied").isEqualTo(2);

            CountingRule denying = new CountingRule(true);
            RuleBasedRiskManager denyingFirst = new RuleBasedRiskManager(List.of(new TradingStateRule(), denying, cap),
                    straightLine);
            assertThat(((RiskDecision.Denied) denyingFirst.check(tooMany, p)).reason())
                    .as("the custom denial comes first in the list").isEqualTo(DenialReason.CUSTOM_RULE);
            assertThat(denying.calls).isEqualTo(1);

            CountingRule after = new CountingRule(true);
            RuleBasedRiskManager capFirst = new RuleBasedRiskManager(List.of(cap, after), straightLine);
            assertThat(((RiskDecision.Denied) capFirst.check(tooMany, p)).reason()).isEqualTo(DenialReason.MAX_ORDER_QUANTITY);
            assertThat(after.calls).as("rules after the first denial do not run").isZero();
            assertThat(((RiskDecision.Denied) capFirst.check(small, p)).reason()).isEqualTo(DenialReason.CUSTOM_RULE);
            assertThat(after.calls).isEqualTo(1);
        }
    }

    @Test
    void aBrokenPortfolioIsReportedByTheFirstRuleThatReadsIt() {
        PortfolioView broken = new ForwardingView(SettablePortfolio.withEquity("100000").lastPrice("AAPL", "100.00")) {
            @Override
            public BigDecimal quantity(String symbol) {
                throw new IllegalStateException("ledger unavailable");
            }
        };
        OrderIntent buy = Intents.market(BUY, "AAPL", "10", "100.00");
        for (boolean straightLine : new boolean[] {true, false}) {
            RuleBasedRiskManager m = new RuleBasedRiskManager(RuleBasedRiskManager.defaultRules(new TestContext()), straightLine);
            // Rules before buying-power do not read the position for a small buy.
            assertThat(check(m, buy, broken)).isEqualTo("rule buying-power threw java.lang.IllegalStateException: ledger unavailable");
            List<RiskRule> withDenialFirst = new ArrayList<>(RuleBasedRiskManager.defaultRules(new TestContext()));
            withDenialFirst.add(1, new CountingRule(true));
            assertThat(check(new RuleBasedRiskManager(withDenialFirst, straightLine), buy, broken))
                    .as("a denial before the broken read wins").isInstanceOf(RiskDecision.Denied.class);
        }
    }

    // ------------------------------------------------------------------ the reference and the fast path

    /** What running every rule's evaluate in order answers: the first denial, an approval, or which rule threw what. */
    private static Object inOrder(List<RiskRule> rules, OrderIntent intent, PortfolioView portfolio) {
        for (RiskRule r : rules) {
            RiskDecision.Denied d;
            try {
                d = r.evaluate(intent, portfolio);
            } catch (RuntimeException e) {
                return "rule " + r.name() + " threw " + e;
            }
            if (d != null) {
                return d;
            }
        }
        return new RiskDecision.Approved(intent.quantity());
    }

    /** The manager's answer in the same terms as {@link #inOrder}. */
    private static Object check(RuleBasedRiskManager manager, OrderIntent intent, PortfolioView portfolio) {
        try {
            return manager.check(intent, portfolio);
        } catch (IllegalStateException e) {
            Matcher m = FAILED_RULE.matcher(String.valueOf(e.getMessage()));
            return m.find() ? "rule " + m.group(1) + " threw " + e.getCause() : e;
        }
    }

    /** The rule's clear-pass test; null for a custom rule or when the test throws. */
    private static Boolean clearPass(RiskRule rule, CheckFacts f) {
        try {
            if (rule instanceof TradingStateRule r) {
                return r.passes(f);
            } else if (rule instanceof SymbolFilterRule r) {
                return r.passes(f);
            } else if (rule instanceof MarketHoursRule r) {
                return r.passes(f);
            } else if (rule instanceof OrderRateRule r) {
                return r.passes(f);
            } else if (rule instanceof DuplicateSignalRule r) {
                return r.passes(f);
            } else if (rule instanceof PriceCollarRule r) {
                return r.passes(f);
            } else if (rule instanceof MaxOrderQuantityRule r) {
                return r.passes(f);
            } else if (rule instanceof MaxOrderNotionalRule r) {
                return r.passes(f);
            } else if (rule instanceof BuyingPowerRule r) {
                return r.passes(f);
            } else if (rule instanceof MaxPositionFractionRule r) {
                return r.passes(f);
            } else if (rule instanceof MaxPortfolioRiskRule r) {
                return r.passes(f);
            } else if (rule instanceof DailyLossLimitRule r) {
                return r.passes(f);
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ generated cases

    private enum Boundary { NONE, COLLAR, QUANTITY, NOTIONAL, BUYING_POWER, POSITION_FRACTION, PORTFOLIO_RISK, DAILY_LOSS }

    private static Case generate(Random outer, long seed) {
        Random rnd = new Random(seed);
        Boundary boundary = rnd.nextInt(3) == 0 ? Boundary.values()[1 + rnd.nextInt(Boundary.values().length - 1)]
                : Boundary.NONE;
        BigDecimal eps = new BigDecimal(EPSILONS[rnd.nextInt(EPSILONS.length)]);
        String symbol = rnd.nextInt(12) == 0 ? "MSFT" : "AAPL";
        OrderSide side = rnd.nextBoolean() ? BUY : SELL;
        BigDecimal last = decimal(rnd, 100, 50_000, 2 + rnd.nextInt(2));
        double deviation = pick(rnd, 0.01, 0.02, 0.05, 0.1, 0.5);

        // The intent.
        BigDecimal reference = switch (rnd.nextInt(10)) {
            case 0, 1, 2, 3 -> last;
            case 9 -> rnd.nextInt(4) == 0 ? decimal(rnd, 100, 50_000, 2) : last;
            default -> last.multiply(BigDecimal.ONE.add(decimal(rnd, -100, 100, 4))).setScale(4, RoundingMode.HALF_EVEN);
        };
        if (boundary == Boundary.COLLAR) {
            BigDecimal d = BigDecimal.valueOf(deviation);
            reference = last.multiply(rnd.nextBoolean() ? BigDecimal.ONE.add(d) : BigDecimal.ONE.subtract(d)).add(eps);
            if (reference.signum() <= 0) {
                reference = last;
            }
        }
        BigDecimal quantity = rnd.nextInt(4) == 0 ? decimal(rnd, 1, 300_000, 3) : BigDecimal.valueOf(1 + rnd.nextInt(300));
        String id = "c-" + Long.toHexString(seed & 0xffffffffL);
        OrderRequest request;
        int type = rnd.nextInt(10);
        if (type == 0) {
            request = new OrderRequest(id, symbol, side, null, decimal(rnd, 100, 2_000_000, 2), OrderType.MARKET, null, null,
                    TimeInForce.DAY);
        } else if (type <= 2) {
            BigDecimal limit = boundary == Boundary.COLLAR ? reference
                    : reference.multiply(BigDecimal.ONE.add(decimal(rnd, -200, 200, 4))).setScale(2, RoundingMode.HALF_EVEN);
            request = OrderRequest.limit(id, symbol, side, quantity, limit, TimeInForce.DAY);
        } else {
            request = OrderRequest.market(id, symbol, side, quantity, TimeInForce.DAY);
        }
        double riskFraction = rnd.nextInt(100) == 0 ? pick(rnd, -0.01, Double.NaN) : rnd.nextInt(600) / 10_000.0;
        Instant createdAt = Intents.T0.plusSeconds(rnd.nextInt(3600));
        OrderIntent intent = new OrderIntent(request, "sig-" + id, "strat-" + rnd.nextInt(2), reference, riskFraction,
                createdAt);

        // The rules, with parameters; limits put exactly at the intent's value when asked.
        BigDecimal maxQuantity = boundary == Boundary.QUANTITY ? positiveOr(intent.quantity().add(eps), BigDecimal.ONE)
                : decimal(rnd, 1_000, 10_000_000, 2);
        BigDecimal maxNotional = boundary == Boundary.NOTIONAL ? positiveOr(intent.notional().add(eps), BigDecimal.ONE)
                : decimal(rnd, 100_000, 1_000_000_000, 2);
        double margin = pick(rnd, 0.5, 1, 2, 4);
        double maxFraction = pick(rnd, 0.1, 0.25, 0.5, 1);
        double maxRisk = pick(rnd, 0.02, 0.05, 0.1, 1);
        double maxLoss = pick(rnd, 0.01, 0.03, 0.1);
        SettableClock clock = new SettableClock().open(rnd.nextInt(25) != 0);
        Set<String> deny = rnd.nextInt(15) == 0 ? Set.of(symbol) : Set.of();
        Set<String> allow = rnd.nextInt(15) == 0 ? Set.of(rnd.nextBoolean() ? "AAPL" : "MSFT") : Set.of();
        OrderRateRule rate = new OrderRateRule(1 + rnd.nextInt(8), Duration.ofMillis(1 + rnd.nextInt(120_000)));
        DuplicateSignalRule duplicate = new DuplicateSignalRule(Duration.ofMillis(1 + rnd.nextInt(120_000)));
        for (int i = rnd.nextInt(3) == 0 ? rnd.nextInt(6) : 0; i > 0; i--) {
            OrderIntent earlier = new OrderIntent(OrderRequest.market("e-" + i, rnd.nextBoolean() ? symbol : "IBM",
                    rnd.nextBoolean() ? side : side.opposite(), BigDecimal.ONE, TimeInForce.DAY), "e-" + i,
                    intent.strategyId(), BigDecimal.TEN, 0.01, createdAt.minusMillis(rnd.nextInt(150_000)));
            rate.onAccepted(earlier);
            duplicate.onAccepted(earlier);
        }
        List<RiskRule> rules = List.of(new TradingStateRule(), new SymbolFilterRule(allow, deny), new MarketHoursRule(clock),
                rate, duplicate, new PriceCollarRule(deviation), new MaxOrderQuantityRule(maxQuantity),
                new MaxOrderNotionalRule(maxNotional), new BuyingPowerRule(margin), new MaxPositionFractionRule(maxFraction),
                new MaxPortfolioRiskRule(maxRisk), new DailyLossLimitRule(maxLoss));

        TradingState state = rnd.nextInt(8) == 0 ? (rnd.nextBoolean() ? TradingState.REDUCING : TradingState.HALTED)
                : TradingState.ACTIVE;
        PortfolioView portfolio = outer.nextBoolean()
                ? settable(rnd, intent, last, state, boundary, eps, margin, maxFraction, maxRisk, maxLoss)
                : ledger(rnd, intent, last, state, boundary, eps, maxFraction);
        return new Case(seed, rules, intent, portfolio);
    }

    private static SettablePortfolio settable(Random rnd, OrderIntent intent, BigDecimal last, TradingState state,
                                              Boundary boundary, BigDecimal eps, double margin, double maxFraction,
                                              double maxRisk, double maxLoss) {
        BigDecimal equity = decimal(rnd, 1_000_000, 10_000_000_000L, 2);
        SettablePortfolio p = new SettablePortfolio().equity(equity).tradingState(state)
                .cash(equity.multiply(decimal(rnd, 0, 200, 2)).setScale(2, RoundingMode.HALF_EVEN))
                .dayStartEquity(equity.multiply(decimal(rnd, 970, 1030, 3)).setScale(2, RoundingMode.HALF_EVEN))
                .capitalAtRisk(equity.multiply(decimal(rnd, 0, 8, 2)).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
        if (rnd.nextInt(20) != 0) {
            p.lastPrice(intent.symbol(), last.toPlainString());
        }
        BigDecimal position = rnd.nextInt(5) < 2 ? BigDecimal.ZERO : signed(rnd, intent.quantity(), rnd.nextInt(3));
        BigDecimal open = rnd.nextInt(5) < 3 ? BigDecimal.ZERO : signed(rnd, intent.quantity(), rnd.nextInt(2));
        p.position(intent.symbol(), position.toPlainString()).openOrders(intent.symbol(), open.toPlainString());
        BigDecimal openBuy = rnd.nextBoolean() ? BigDecimal.ZERO : decimal(rnd, 0, 10_000_000, 2);
        p.openBuyNotional(openBuy.toPlainString());
        switch (boundary) {
            case BUYING_POWER -> p.cash(intent.notional().add(openBuy).add(eps).divide(BigDecimal.valueOf(margin)));
            case POSITION_FRACTION -> {
                BigDecimal after = position.add(open).add(intent.side() == BUY ? intent.quantity() : intent.quantity().negate());
                BigDecimal value = after.abs().multiply(intent.referencePrice());
                p.equity(positiveOr(value.divide(BigDecimal.valueOf(maxFraction)).add(eps), BigDecimal.ONE));
            }
            case PORTFOLIO_RISK -> {
                BigDecimal added = intent.notional().multiply(BigDecimal.valueOf(Double.isFinite(intent.riskFraction())
                        ? Math.max(intent.riskFraction(), 0) : 0));
                BigDecimal atRisk = equity.multiply(BigDecimal.valueOf(maxRisk)).subtract(added).add(eps);
                p.capitalAtRisk(atRisk.max(BigDecimal.ZERO).toPlainString());
            }
            case DAILY_LOSS -> {
                BigDecimal start = decimal(rnd, 1_000_000, 10_000_000_000L, 2);
                p.dayStartEquity(start).equity(start.multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(maxLoss))).add(eps));
            }
            default -> {
            }
        }
        return p;
    }

    private static PortfolioLedger ledger(Random rnd, OrderIntent intent, BigDecimal last, TradingState state,
                                          Boundary boundary, BigDecimal eps, double maxFraction) {
        BigDecimal cash = decimal(rnd, 1_000_000, 10_000_000_000L, 2);
        boolean held = rnd.nextInt(5) >= 2;
        OrderSide fillSide = rnd.nextBoolean() ? BUY : SELL;
        BigDecimal fillQty = intent.quantity().multiply(BigDecimal.valueOf(1 + rnd.nextInt(3)));
        BigDecimal fillPrice = last.multiply(decimal(rnd, 90, 110, 2)).setScale(2, RoundingMode.HALF_EVEN);
        double fillRisk = rnd.nextInt(500) / 10_000.0;
        boolean markAsDouble = rnd.nextBoolean();
        boolean marked = rnd.nextInt(20) != 0;
        boolean newDay = rnd.nextBoolean();
        BigDecimal dayMove = decimal(rnd, 970, 1030, 3);
        BigDecimal open = rnd.nextInt(5) < 3 ? BigDecimal.ZERO : signed(rnd, intent.quantity(), 1);
        BigDecimal openBuy = open.signum() > 0 ? open.multiply(last) : BigDecimal.ZERO;
        Function<BigDecimal, PortfolioLedger> build = initialCash -> {
            PortfolioLedger l = new PortfolioLedger("acct", initialCash);
            if (held) {
                l.applyFill(new Fill("f-1", "o-1", intent.symbol(), fillSide, fillQty, fillPrice, BigDecimal.ZERO,
                        Intents.T0.minusSeconds(60)), fillRisk);
            }
            if (marked) {
                if (markAsDouble) {
                    l.markPrice(intent.symbol(), last.doubleValue());
                } else {
                    l.markPrice(intent.symbol(), last);
                }
            }
            if (newDay) {
                l.startNewDay();
                if (marked) {
                    l.markPrice(intent.symbol(), last.multiply(dayMove).doubleValue());
                }
            }
            if (open.signum() != 0) {
                l.adjustOpenOrders(intent.symbol(), open, openBuy);
            }
            l.setTradingState(state);
            return l;
        };
        PortfolioLedger ledger = build.apply(cash);
        if (boundary == Boundary.POSITION_FRACTION) {
            // Equity is linear in the initial cash: shift it so the order's exposure is exactly at the limit.
            BigDecimal after = ledger.quantity(intent.symbol()).add(ledger.openOrderQuantity(intent.symbol()))
                    .add(intent.side() == BUY ? intent.quantity() : intent.quantity().negate());
            BigDecimal target = after.abs().multiply(intent.referencePrice()).divide(BigDecimal.valueOf(maxFraction)).add(eps);
            BigDecimal shifted = cash.add(target.subtract(ledger.equity()));
            if (shifted.signum() >= 0) {
                ledger = build.apply(shifted);
            }
        }
        return ledger;
    }

    private static BigDecimal decimal(Random rnd, long lowUnscaled, long highUnscaled, int scale) {
        return BigDecimal.valueOf(lowUnscaled + (long) (rnd.nextDouble() * (highUnscaled - lowUnscaled)), scale);
    }

    /** Plus or minus {@code base} times 1 to 3, or times a fraction. */
    private static BigDecimal signed(Random rnd, BigDecimal base, int multiple) {
        BigDecimal v = multiple == 0 ? base.multiply(decimal(rnd, 1, 99, 2)) : base.multiply(BigDecimal.valueOf(multiple));
        return rnd.nextBoolean() ? v : v.negate();
    }

    private static BigDecimal positiveOr(BigDecimal v, BigDecimal fallback) {
        return v.signum() > 0 ? v : fallback;
    }

    private static double pick(Random rnd, double... values) {
        return values[rnd.nextInt(values.length)];
    }

    // ------------------------------------------------------------------ helpers

    /** A third-party rule: counts its calls; denies when told to. */
    private static final class CountingRule implements RiskRule {
        private final boolean denies;
        int calls;

        CountingRule(boolean denies) {
            this.denies = denies;
        }

        @Override
        public String name() {
            return "custom-counting";
        }

        @Override
        public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
            calls++;
            return denies ? new RiskDecision.Denied(DenialReason.CUSTOM_RULE, "custom rule says no") : null;
        }

        @Override
        public String toString() {
            return name() + (denies ? "[denies]" : "[passes]");
        }
    }

    /** Forwards every call, estimates included, to a view; not a {@link PortfolioLedger}, so the facts read it as any view. */
    private static class ForwardingView implements PortfolioView {
        private final PortfolioView view;

        ForwardingView(PortfolioView view) {
            this.view = view;
        }

        @Override
        public String accountId() {
            return view.accountId();
        }

        @Override
        public BigDecimal cash() {
            return view.cash();
        }

        @Override
        public BigDecimal equity() {
            return view.equity();
        }

        @Override
        public BigDecimal dayStartEquity() {
            return view.dayStartEquity();
        }

        @Override
        public double equityEstimate() {
            return view.equityEstimate();
        }

        @Override
        public double capitalAtRiskEstimate() {
            return view.capitalAtRiskEstimate();
        }

        @Override
        public double dayStartEquityEstimate() {
            return view.dayStartEquityEstimate();
        }

        @Override
        public BigDecimal quantity(String symbol) {
            return view.quantity(symbol);
        }

        @Override
        public Position position(String symbol) {
            return view.position(symbol);
        }

        @Override
        public Map<String, Position> positions() {
            return view.positions();
        }

        @Override
        public BigDecimal openOrderQuantity(String symbol) {
            return view.openOrderQuantity(symbol);
        }

        @Override
        public BigDecimal openBuyNotional() {
            return view.openBuyNotional();
        }

        @Override
        public BigDecimal lastPrice(String symbol) {
            return view.lastPrice(symbol);
        }

        @Override
        public BigDecimal grossExposure() {
            return view.grossExposure();
        }

        @Override
        public BigDecimal capitalAtRisk() {
            return view.capitalAtRisk();
        }

        @Override
        public BigDecimal realizedPnl() {
            return view.realizedPnl();
        }

        @Override
        public BigDecimal unrealizedPnl() {
            return view.unrealizedPnl();
        }

        @Override
        public BigDecimal fees() {
            return view.fees();
        }

        @Override
        public TradingState tradingState() {
            return view.tradingState();
        }

        @Override
        public String toString() {
            return "view of " + view;
        }
    }
}
