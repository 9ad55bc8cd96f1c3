package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskManager;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick risk check: runs its rules in order and answers with the first denial, or approves
 * the intent's full quantity when every rule passes.
 *
 * <p>It is also the account's {@link AccountGuard}: {@link #requiredState} asks every rule that is
 * a guard (such as {@link DailyLossLimitRule}) and answers the most restrictive state, so the
 * engine needs to call only this after bars and fills.
 *
 * <p>This class runs rules exactly in the order given and does not reorder or add any. The engine
 * enforces the account's trading state itself ({@link TradingStateGate}, before sizing and before
 * this check), whatever rules it is given; {@link TradingStateRule} in the list repeats that gate
 * and matters only where this manager is used outside the engine.
 *
 * <p><b>How the check stays fast.</b> The built-in rules are recognized when the manager is built
 * and called directly through their final classes (no interface dispatch), on facts read once per
 * check ({@link CheckFacts}): the intent's quantity, price, notional and time as primitives, the
 * symbol's position, working orders and last price from one lookup, whether the order reduces the
 * exposure, the equity estimate. A built-in rule's {@code passes} test answers true only for a
 * clear pass, decided with the same estimates and margins as its {@code evaluate}; anything else
 * (a denial, a value near a limit) is left to its {@code evaluate}, which computes exactly as it
 * does for any caller. When each built-in kind occurs at most once (the default list), one
 * straight-line test first asks all built-in rules; if all clearly pass, only the custom rules run,
 * in their order. Otherwise, or when a kind occurs twice, the rules run one by one in order, each
 * built-in one through {@code passes} and then, unless it clearly passed, {@code evaluate}; every
 * custom rule through {@link RiskRule#evaluate}. Either way the answer is the one running every
 * rule's {@code evaluate} in order gives: the same denial from the same rule, the same exception
 * naming the same rule.
 *
 * <p><b>Thread:</b> the engine's event loop only (the rules and the per-check facts keep
 * unsynchronized state; a rule must not call {@link #check} of the manager that runs it). Built on
 * the host's thread. {@link #check} allocates nothing of its own when an intent passes except the
 * {@link RiskDecision.Approved} the SPI requires, and even that is reused while the same quantity
 * object is approved again.
 */
public final class RuleBasedRiskManager implements RiskManager, AccountGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBasedRiskManager.class);

    // Kinds of rule the check calls directly; CUSTOM goes through RiskRule.evaluate.
    private static final byte CUSTOM = 0;
    private static final byte TRADING_STATE = 1;
    private static final byte SYMBOL_FILTER = 2;
    private static final byte MARKET_HOURS = 3;
    private static final byte ORDER_RATE = 4;
    private static final byte DUPLICATE_SIGNAL = 5;
    private static final byte PRICE_COLLAR = 6;
    private static final byte MAX_ORDER_QUANTITY = 7;
    private static final byte MAX_ORDER_NOTIONAL = 8;
    private static final byte BUYING_POWER = 9;
    private static final byte MAX_POSITION_FRACTION = 10;
    private static final byte MAX_PORTFOLIO_RISK = 11;
    private static final byte DAILY_LOSS_LIMIT = 12;

    private final List<RiskRule> rules;
    private final RiskRule[] ruleArray;
    /** The kind of each rule of {@link #ruleArray}. */
    private final byte[] kinds;
    /** Whether any rule is built in, i.e. reads {@link #facts}. */
    private final boolean readsFacts;
    private final CheckFacts facts;
    /** The built-in rules for the straight-line pre-check, or null when a kind occurs twice. */
    private final BuiltIns builtIns;
    private final AccountGuard[] guards;
    private RiskDecision.Approved lastApproved;

    /**
     * @param rules the rules in the order they run; copied
     * @throws NullPointerException if the list or a rule is null
     */
    public RuleBasedRiskManager(List<RiskRule> rules) {
        this(rules, true);
    }

    /** @param straightLine false makes every check take the ordered loop (tests compare both paths) */
    RuleBasedRiskManager(List<RiskRule> rules, boolean straightLine) {
        Objects.requireNonNull(rules, "rules");
        for (int i = 0; i < rules.size(); i++) {
            Objects.requireNonNull(rules.get(i), "rules[" + i + "]");
        }
        this.rules = List.copyOf(rules);
        this.ruleArray = this.rules.toArray(new RiskRule[0]);
        this.kinds = new byte[ruleArray.length];
        boolean builtIn = false;
        for (int i = 0; i < ruleArray.length; i++) {
            kinds[i] = kindOf(ruleArray[i]);
            builtIn |= kinds[i] != CUSTOM;
        }
        this.readsFacts = builtIn;
        int reads = 0;
        for (byte k : kinds) {
            reads |= reads(k);
        }
        this.facts = new CheckFacts(reads);
        this.builtIns = builtIn && straightLine ? BuiltIns.of(ruleArray, kinds) : null;
        List<AccountGuard> g = new ArrayList<>();
        for (RiskRule r : this.rules) {
            if (r instanceof AccountGuard guard) {
                g.add(guard);
            }
        }
        this.guards = g.toArray(new AccountGuard[0]);
        if (LOG.isDebugEnabled()) {
            LOG.debug("risk rules in order: {}", this.rules);
        }
    }

    private static byte kindOf(RiskRule rule) {
        // The built-in rule classes are final, so an instanceof test names exactly one class.
        if (rule instanceof TradingStateRule) {
            return TRADING_STATE;
        } else if (rule instanceof SymbolFilterRule) {
            return SYMBOL_FILTER;
        } else if (rule instanceof MarketHoursRule) {
            return MARKET_HOURS;
        } else if (rule instanceof OrderRateRule) {
            return ORDER_RATE;
        } else if (rule instanceof DuplicateSignalRule) {
            return DUPLICATE_SIGNAL;
        } else if (rule instanceof PriceCollarRule) {
            return PRICE_COLLAR;
        } else if (rule instanceof MaxOrderQuantityRule) {
            return MAX_ORDER_QUANTITY;
        } else if (rule instanceof MaxOrderNotionalRule) {
            return MAX_ORDER_NOTIONAL;
        } else if (rule instanceof BuyingPowerRule) {
            return BUYING_POWER;
        } else if (rule instanceof MaxPositionFractionRule) {
            return MAX_POSITION_FRACTION;
        } else if (rule instanceof MaxPortfolioRiskRule) {
            return MAX_PORTFOLIO_RISK;
        } else if (rule instanceof DailyLossLimitRule) {
            return DAILY_LOSS_LIMIT;
        }
        return CUSTOM;
    }

    /** What a kind of rule reads of the portfolio on its pass path ({@code CheckFacts.READS_*}). */
    private static int reads(byte kind) {
        return switch (kind) {
            case PRICE_COLLAR -> CheckFacts.READS_SYMBOL;
            case BUYING_POWER -> CheckFacts.READS_REDUCES;
            case MAX_POSITION_FRACTION, MAX_PORTFOLIO_RISK -> CheckFacts.READS_REDUCES | CheckFacts.READS_EQUITY;
            case DAILY_LOSS_LIMIT -> CheckFacts.READS_EQUITY;
            default -> 0;
        };
    }

    /** A manager with {@link #defaultRules(ProviderContext)}. */
    public static RuleBasedRiskManager withDefaultRules(ProviderContext context) {
        return new RuleBasedRiskManager(defaultRules(context));
    }

    /**
     * The built-in rule providers, in the default order: trading-state, symbol-filter,
     * market-hours, order-rate, duplicate-signal, price-collar, max-order-quantity,
     * max-order-notional, buying-power, max-position-fraction, max-portfolio-risk, daily-loss-limit.
     * New instances on each call; for hosts that register providers in code.
     */
    public static List<RiskRuleProvider> builtInProviders() {
        return List.of(new TradingStateRuleProvider(), new SymbolFilterRuleProvider(), new MarketHoursRuleProvider(),
                new OrderRateRuleProvider(), new DuplicateSignalRuleProvider(), new PriceCollarRuleProvider(),
                new MaxOrderQuantityRuleProvider(), new MaxOrderNotionalRuleProvider(), new BuyingPowerRuleProvider(),
                new MaxPositionFractionRuleProvider(), new MaxPortfolioRiskRuleProvider(), new DailyLossLimitRuleProvider());
    }

    /**
     * Every built-in rule with its default parameters, in the order of {@link #builtInProviders()}
     * (trading-state first: redundant in the engine, which gates the trading state itself, and kept
     * for a manager used on its own). New rule instances (fresh windows) on each call.
     *
     * @param context gives the clock for market-hours
     * @throws NullPointerException if the context is null
     */
    public static List<RiskRule> defaultRules(ProviderContext context) {
        Objects.requireNonNull(context, "context");
        List<RiskRule> out = new ArrayList<>();
        for (RiskRuleProvider p : builtInProviders()) {
            out.add(p.create(p.parameterSchema().validate(Map.of(), name -> null), context));
        }
        return List.copyOf(out);
    }

    /** The rules in the order they run. Immutable. */
    public List<RiskRule> rules() {
        return rules;
    }

    /**
     * Runs the rules in order; the first denial wins.
     *
     * @return the first rule's {@link RiskDecision.Denied}, or {@link RiskDecision.Approved} for
     *         {@link OrderIntent#quantity()}; never null
     * @throws IllegalStateException if a rule throws (a broken invariant); the message names the
     *                               rule and the cause is kept. The engine treats it as a denial.
     */
    @Override
    public RiskDecision check(OrderIntent intent, PortfolioView portfolio) {
        if (!readsFacts) {
            // No built-in rule: each rule decides through its evaluate.
            RiskDecision.Denied denied = firstDenial(ruleArray, intent, portfolio);
            return denied != null ? denied : approved(intent);
        }
        CheckFacts f = facts;
        f.reset(intent, portfolio);
        BuiltIns b = builtIns;
        if (b != null && b.allClearlyPass(f)) {
            // Every built-in rule passes, so the first denial, if any, is a custom rule's, in order.
            RiskDecision.Denied denied = firstDenial(b.custom, intent, portfolio);
            return denied != null ? denied : approved(intent);
        }
        return checkInOrder(intent, portfolio, f);
    }

    /** The first denial of the rules' evaluate, in order, or null. */
    private static RiskDecision.Denied firstDenial(RiskRule[] rules, OrderIntent intent, PortfolioView portfolio) {
        for (int i = 0; i < rules.length; i++) {
            RiskDecision.Denied denied = evaluate(rules[i], intent, portfolio);
            if (denied != null) {
                return denied;
            }
        }
        return null;
    }

    /** Every rule in order, each built-in one first through its clear-pass test, else its {@code evaluate}. */
    private RiskDecision checkInOrder(OrderIntent intent, PortfolioView portfolio, CheckFacts f) {
        RiskRule[] rs = ruleArray;
        byte[] ks = kinds;
        for (int i = 0; i < rs.length; i++) {
            RiskRule r = rs[i];
            boolean passes;
            try {
                // Static casts to final classes: each call is direct and can be inlined here.
                passes = switch (ks[i]) {
                    case TRADING_STATE -> ((TradingStateRule) r).passes(f);
                    case SYMBOL_FILTER -> ((SymbolFilterRule) r).passes(f);
                    case MARKET_HOURS -> ((MarketHoursRule) r).passes(f);
                    case ORDER_RATE -> ((OrderRateRule) r).passes(f);
                    case DUPLICATE_SIGNAL -> ((DuplicateSignalRule) r).passes(f);
                    case PRICE_COLLAR -> ((PriceCollarRule) r).passes(f);
                    case MAX_ORDER_QUANTITY -> ((MaxOrderQuantityRule) r).passes(f);
                    case MAX_ORDER_NOTIONAL -> ((MaxOrderNotionalRule) r).passes(f);
                    case BUYING_POWER -> ((BuyingPowerRule) r).passes(f);
                    case MAX_POSITION_FRACTION -> ((MaxPositionFractionRule) r).passes(f);
                    case MAX_PORTFOLIO_RISK -> ((MaxPortfolioRiskRule) r).passes(f);
                    case DAILY_LOSS_LIMIT -> ((DailyLossLimitRule) r).passes(f);
                    default -> false;
                };
            } catch (RuntimeException e) {
                throw failed(r, intent, e);
            }
            if (!passes) {
                // A custom rule, or a built-in one whose answer is not a clear pass: the rule decides exactly.
                RiskDecision.Denied denied = evaluate(r, intent, portfolio);
                if (denied != null) {
                    return denied;
                }
            }
        }
        return approved(intent);
    }

    private static RiskDecision.Denied evaluate(RiskRule rule, OrderIntent intent, PortfolioView portfolio) {
        try {
            return rule.evaluate(intent, portfolio);
        } catch (RuntimeException e) {
            throw failed(rule, intent, e);
        }
    }

    private static IllegalStateException failed(RiskRule rule, OrderIntent intent, RuntimeException e) {
        return new IllegalStateException("risk rule '" + rule.name() + "' failed on intent " + intent.clientOrderId()
                + ": " + e, e);
    }

    private RiskDecision.Approved approved(OrderIntent intent) {
        BigDecimal quantity = intent.quantity();
        RiskDecision.Approved approved = lastApproved;
        // Approved is immutable; reuse it for the same quantity object rather than allocate again.
        if (approved == null || approved.quantity() != quantity) {
            approved = new RiskDecision.Approved(quantity);
            lastApproved = approved;
        }
        return approved;
    }

    /**
     * The built-in rules of a list in which each kind occurs at most once, for a straight-line test
     * that all of them clearly pass: no loop, no dispatch, each test inlined. Whether rules pass
     * does not depend on their order (the tests only read), so this may run them in a fixed order;
     * only the first denial depends on it, and anything but a clear pass of all goes to the ordered
     * loop.
     */
    private static final class BuiltIns {
        TradingStateRule tradingState;
        SymbolFilterRule symbolFilter;
        MarketHoursRule marketHours;
        OrderRateRule orderRate;
        DuplicateSignalRule duplicateSignal;
        PriceCollarRule priceCollar;
        MaxOrderQuantityRule maxOrderQuantity;
        MaxOrderNotionalRule maxOrderNotional;
        BuyingPowerRule buyingPower;
        MaxPositionFractionRule maxPositionFraction;
        MaxPortfolioRiskRule maxPortfolioRisk;
        DailyLossLimitRule dailyLossLimit;
        /** The other rules, in their order. */
        RiskRule[] custom;

        /** @return null when a kind occurs more than once */
        static BuiltIns of(RiskRule[] rules, byte[] kinds) {
            BuiltIns b = new BuiltIns();
            int seen = 0;
            List<RiskRule> custom = new ArrayList<>();
            for (int i = 0; i < rules.length; i++) {
                RiskRule r = rules[i];
                int bit = 1 << kinds[i];
                if (kinds[i] == CUSTOM) {
                    custom.add(r);
                    continue;
                }
                if ((seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
                switch (kinds[i]) {
                    case TRADING_STATE -> b.tradingState = (TradingStateRule) r;
                    case SYMBOL_FILTER -> b.symbolFilter = (SymbolFilterRule) r;
                    case MARKET_HOURS -> b.marketHours = (MarketHoursRule) r;
                    case ORDER_RATE -> b.orderRate = (OrderRateRule) r;
                    case DUPLICATE_SIGNAL -> b.duplicateSignal = (DuplicateSignalRule) r;
                    case PRICE_COLLAR -> b.priceCollar = (PriceCollarRule) r;
                    case MAX_ORDER_QUANTITY -> b.maxOrderQuantity = (MaxOrderQuantityRule) r;
                    case MAX_ORDER_NOTIONAL -> b.maxOrderNotional = (MaxOrderNotionalRule) r;
                    case BUYING_POWER -> b.buyingPower = (BuyingPowerRule) r;
                    case MAX_POSITION_FRACTION -> b.maxPositionFraction = (MaxPositionFractionRule) r;
                    case MAX_PORTFOLIO_RISK -> b.maxPortfolioRisk = (MaxPortfolioRiskRule) r;
                    case DAILY_LOSS_LIMIT -> b.dailyLossLimit = (DailyLossLimitRule) r;
                    default -> throw new AssertionError(kinds[i]);
                }
            }
            b.custom = custom.toArray(new RiskRule[0]);
            return b;
        }

        /** Whether every built-in rule clearly passes; false also when a test throws (the ordered loop reports it). */
        boolean allClearlyPass(CheckFacts f) {
            try {
                return (tradingState == null || tradingState.passes(f))
                        && (symbolFilter == null || symbolFilter.passes(f))
                        && (marketHours == null || marketHours.passes(f))
                        && (orderRate == null || orderRate.passes(f))
                        && (duplicateSignal == null || duplicateSignal.passes(f))
                        && (priceCollar == null || priceCollar.passes(f))
                        && (maxOrderQuantity == null || maxOrderQuantity.passes(f))
                        && (maxOrderNotional == null || maxOrderNotional.passes(f))
                        && (buyingPower == null || buyingPower.passes(f))
                        && (maxPositionFraction == null || maxPositionFraction.passes(f))
                        && (maxPortfolioRisk == null || maxPortfolioRisk.passes(f))
                        && (dailyLossLimit == null || dailyLossLimit.passes(f));
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /**
     * Tells every rule the intent was submitted ({@link RiskRule#onAccepted}), so rate and duplicate
     * windows count it. Every rule is told even if one throws.
     *
     * @throws IllegalStateException after all rules were told, if any threw; names the first
     */
    @Override
    public void onSubmitted(OrderIntent intent) {
        RuntimeException failure = null;
        String failedRule = null;
        for (RiskRule rule : ruleArray) {
            try {
                rule.onAccepted(intent);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                    failedRule = rule.name();
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new IllegalStateException("risk rule '" + failedRule + "' failed to record intent "
                    + intent.clientOrderId() + ": " + failure, failure);
        }
    }

    /**
     * The most restrictive state any guard rule requires (HALTED over REDUCING over ACTIVE);
     * ACTIVE when no rule is a guard.
     *
     * @throws IllegalStateException if a guard answers null
     */
    @Override
    public TradingState requiredState(PortfolioView portfolio) {
        TradingState worst = TradingState.ACTIVE;
        for (AccountGuard guard : guards) {
            TradingState s = guard.requiredState(portfolio);
            if (s == null) {
                throw new IllegalStateException("account guard " + guard + " returned no trading state");
            }
            if (severity(s) > severity(worst)) {
                worst = s;
            }
        }
        return worst;
    }

    private static int severity(TradingState state) {
        return switch (state) {
            case ACTIVE -> 0;
            case REDUCING -> 1;
            case HALTED -> 2;
        };
    }

    @Override
    public String toString() {
        return "RuleBasedRiskManager" + rules;
    }
}
