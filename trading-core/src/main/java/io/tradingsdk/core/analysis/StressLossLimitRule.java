package io.tradingsdk.core.analysis;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.RiskRules;
import java.time.Duration;
import java.util.Objects;

/**
 * {@value #NAME}: refuses an order when the worst stressed loss over the scenarios, with the order
 * added, exceeds {@code maxLossFraction} of equity ({@link DenialReason#STRESS_LOSS}; the message
 * names the rule, the worst scenario and the numbers). Orders that only reduce a position pass, and
 * so do hedges: orders that make the loss of no scenario larger, even while the book is above the
 * limit. With equity at or below zero every order that makes some scenario worse is refused.
 *
 * <p><b>How the loss is computed.</b> Each scenario of the latest {@link RiskAnalysis} is a price
 * move per symbol (see {@link StressScenario}); the rule applies it to the current exposures
 * ((position + working orders) x last price, the order's symbol at the intent's reference price with
 * the order added), so the order enters linearly. For a volatility scenario a held symbol moves as
 * on the bar that set the stressed VaR, a symbol outside the analysed book by its own stressed tail
 * return; where the analysis has no history for a symbol, the rule assumes an adverse move of
 * {@code unknownShock}.
 *
 * <p><b>Freshness.</b> Age is the intent's {@code createdAt} (the engine's clock) minus
 * {@link RiskAnalysis#computedAt()}. When the result is absent or older than {@code maxAge}, the rule
 * assumes every position moves against the account by {@code fallbackShock}: the loss is
 * {@code fallbackShock x (gross exposure + working buys + the order's notional)}. Never "no limit".
 *
 * <p><b>Thread:</b> the event loop only (it keeps two scratch arrays). The pass path with a fresh
 * result allocates nothing (for quantity orders). Compared in {@code double}: statistical limits.
 */
public final class StressLossLimitRule implements RiskRule {

    public static final String NAME = "stress-loss-limit";

    private final RiskLimitsCache cache;
    private final String accountId;
    private final double maxLossFraction;
    private final double fallbackShock;
    private final double unknownShock;
    private final Duration maxAge;
    private final long maxAgeMillis;
    // Loop-confined scratch: loss per scenario before and after the order.
    private double[] before = new double[4];
    private double[] after = new double[4];

    /**
     * @param cache           where the account's analysis is published
     * @param accountId       the account whose analysis to read (the engine's account)
     * @param maxLossFraction largest worst-scenario loss per unit of equity, in (0, 1]
     * @param fallbackShock   adverse move of every position while the analysis is stale or absent, in (0, 1]
     * @param unknownShock    adverse move of a symbol the analysis has no history for, in (0, 1]
     * @param maxAge          oldest analysis still used, positive
     * @throws io.tradingsdk.api.provider.InvalidParameterException naming the parameter and value
     */
    public StressLossLimitRule(RiskLimitsCache cache, String accountId, double maxLossFraction, double fallbackShock,
                               double unknownShock, Duration maxAge) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.accountId = RuleSupport.accountId(accountId);
        this.maxLossFraction = RuleSupport.fraction("maxLossFraction", maxLossFraction, 1.0);
        this.fallbackShock = RuleSupport.fraction("fallbackShock", fallbackShock, 1.0);
        this.unknownShock = RuleSupport.fraction("unknownShock", unknownShock, 1.0);
        this.maxAge = RuleSupport.positive("maxAge", maxAge);
        this.maxAgeMillis = maxAge.toMillis();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The account whose analysis this rule reads: the key in {@link #cache()}. */
    public String accountId() {
        return accountId;
    }

    /** Where this rule reads the analysis. */
    public RiskLimitsCache cache() {
        return cache;
    }

    public double maxLossFraction() {
        return maxLossFraction;
    }

    public double fallbackShock() {
        return fallbackShock;
    }

    public double unknownShock() {
        return unknownShock;
    }

    public Duration maxAge() {
        return maxAge;
    }

    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        if (RiskRules.reducesPosition(intent, portfolio)) {
            return null;
        }
        double equity = portfolio.equityEstimate(); // a statistic: the allocation-free estimate, not money
        RiskAnalysis a = cache.latest(accountId);
        if (a == null || RuleSupport.ageMillis(a, intent) > maxAgeMillis) {
            return fallback(intent, portfolio, equity, a);
        }
        int k = a.scenarioCount();
        if (before.length < k) {
            before = new double[k];
            after = new double[k];
        }
        for (int j = 0; j < k; j++) {
            before[j] = 0.0;
            after[j] = 0.0;
        }
        String symbol = intent.symbol();
        int order = a.indexOf(symbol);
        double price = intent.referencePrice().doubleValue();
        double ownQty = RuleSupport.exposureQuantity(portfolio, symbol);
        double ownBefore = ownQty * price;
        double ownAfter = (ownQty + RuleSupport.signedQuantity(intent)) * price;
        int n = a.symbolCount();
        for (int i = 0; i < n; i++) {
            if (i == order) {
                continue;
            }
            double qty = RuleSupport.exposureQuantity(portfolio, a.symbolAt(i));
            if (qty == 0.0) {
                continue;
            }
            double last = RuleSupport.lastPrice(portfolio, a.symbolAt(i));
            if (Double.isNaN(last)) {
                continue; // unpriced: cannot be valued (the ledger always marks held symbols)
            }
            double v = qty * last;
            accumulate(a, i, v, before, k);
            accumulate(a, i, v, after, k);
        }
        accumulate(a, order, ownBefore, before, k);
        accumulate(a, order, ownAfter, after, k);
        int worst = 0;
        double worstBefore = before[0];
        boolean worsens = after[0] > before[0];
        for (int j = 1; j < k; j++) {
            if (after[j] > after[worst]) {
                worst = j;
            }
            worstBefore = Math.max(worstBefore, before[j]);
            worsens |= after[j] > before[j];
        }
        double worstAfter = after[worst];
        if (!worsens || (equity > 0 && worstAfter <= maxLossFraction * equity)) {
            return null; // within the limit, or a hedge: no scenario gets worse
        }
        return new RiskDecision.Denied(DenialReason.STRESS_LOSS, NAME + ": stressed loss in scenario '"
                + a.scenarioAt(worst).name() + "' with the order in " + symbol + " would be " + RuleSupport.money(worstAfter)
                + " (before the order " + RuleSupport.money(worstBefore) + ") = " + RuleSupport.ratio(worstAfter, equity)
                + " of equity " + RuleSupport.money(equity) + ", above maxLossFraction " + RuleSupport.num(maxLossFraction)
                + " [analysis " + RuleSupport.age(a, intent) + "]");
    }

    /** Adds the loss of exposure {@code v} in universe symbol {@code i} (-1: outside) to each scenario's total. */
    private void accumulate(RiskAnalysis a, int i, double v, double[] losses, int k) {
        if (v == 0.0) {
            return;
        }
        for (int j = 0; j < k; j++) {
            double shock = a.shock(j, i, v);
            if (Double.isNaN(shock)) {
                shock = v > 0 ? -unknownShock : unknownShock; // adverse
            }
            double loss = -shock * v;
            if (a.worstOfSymbols(j)) {
                losses[j] = Math.max(losses[j], loss);
            } else {
                losses[j] += loss;
            }
        }
    }

    private RiskDecision.Denied fallback(OrderIntent intent, PortfolioView portfolio, double equity, RiskAnalysis a) {
        double loss = fallbackShock * RuleSupport.bookGrossWithOrder(intent, portfolio);
        if (equity > 0 && loss <= maxLossFraction * equity) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.STRESS_LOSS, NAME + ": risk analysis is "
                + (a == null ? "absent" : "stale (" + RuleSupport.age(a, intent) + ", maxAge " + maxAge + ")")
                + ", so every position is assumed to move " + RuleSupport.num(fallbackShock)
                + " against the account: loss with working buys and the order would be " + RuleSupport.money(loss) + " = "
                + RuleSupport.ratio(loss, equity) + " of equity " + RuleSupport.money(equity) + ", above maxLossFraction "
                + RuleSupport.num(maxLossFraction));
    }

    @Override
    public String toString() {
        return NAME + "[account=" + accountId + ", maxLossFraction=" + RuleSupport.num(maxLossFraction) + ", fallbackShock="
                + RuleSupport.num(fallbackShock) + ", unknownShock=" + RuleSupport.num(unknownShock) + ", maxAge=" + maxAge + "]";
    }
}
