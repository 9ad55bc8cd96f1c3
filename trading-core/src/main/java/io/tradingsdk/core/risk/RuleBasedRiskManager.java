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
 * <p>The engine puts {@link TradingStateRule} first; this class runs rules exactly in the order
 * given and does not reorder or add any.
 *
 * <p><b>Thread:</b> the engine's event loop only (the rules keep unsynchronized state). Built on
 * the host's thread. {@link #check} allocates nothing of its own when an intent passes except the
 * {@link RiskDecision.Approved} the SPI requires, and even that is reused while the same quantity
 * object is approved again.
 */
public final class RuleBasedRiskManager implements RiskManager, AccountGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBasedRiskManager.class);

    private final List<RiskRule> rules;
    private final RiskRule[] ruleArray;
    private final AccountGuard[] guards;
    private RiskDecision.Approved lastApproved;

    /**
     * @param rules the rules in the order they run (the engine puts {@link TradingStateRule} first);
     *              copied
     * @throws NullPointerException if the list or a rule is null
     */
    public RuleBasedRiskManager(List<RiskRule> rules) {
        Objects.requireNonNull(rules, "rules");
        for (int i = 0; i < rules.size(); i++) {
            Objects.requireNonNull(rules.get(i), "rules[" + i + "]");
        }
        this.rules = List.copyOf(rules);
        this.ruleArray = this.rules.toArray(new RiskRule[0]);
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
     * (trading-state first). New rule instances (fresh windows) on each call.
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
        RiskRule[] rs = ruleArray;
        for (int i = 0; i < rs.length; i++) {
            RiskDecision.Denied denied;
            try {
                denied = rs[i].evaluate(intent, portfolio);
            } catch (RuntimeException e) {
                throw new IllegalStateException("risk rule '" + rs[i].name() + "' failed on intent "
                        + intent.clientOrderId() + ": " + e, e);
            }
            if (denied != null) {
                return denied;
            }
        }
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
