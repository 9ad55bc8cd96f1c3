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
 * {@value #NAME}: caps the gross exposure to the cluster of symbols correlated with the order's
 * symbol. The cluster is the order's symbol plus every symbol with exposure whose return correlation
 * with it is at least {@code correlationThreshold}, or unknown (an unknown correlation counts as
 * correlated). After the order, {@code sum |exposure| <= maxFraction x equity}, else
 * {@link DenialReason#CORRELATED_EXPOSURE} with a message naming the rule, the cluster and the numbers.
 *
 * <p>Exposure is (position + unfilled working orders) x last price; the order's symbol is valued at
 * the intent's reference price, with the order added. Orders that only reduce a position pass.
 * With equity at or below zero every other order is refused.
 *
 * <p><b>Freshness.</b> Correlations come from the latest {@link RiskAnalysis} of the account in the
 * {@link RiskLimitsCache}. Age is the intent's {@code createdAt} (the engine's clock) minus
 * {@link RiskAnalysis#computedAt()}. When the result is absent or older than {@code maxAge}, the rule
 * assumes every symbol is correlated: the whole book (gross exposure + working buys + the order)
 * may be at most {@code fallbackMaxFraction} of equity. It never runs without a limit.
 *
 * <p><b>Thread:</b> the event loop. Reads one immutable result through a lock-free cache lookup;
 * the pass path with a fresh result allocates nothing (for quantity orders). Compared in
 * {@code double}: these are statistical limits.
 */
public final class CorrelatedExposureRule implements RiskRule {

    public static final String NAME = "correlated-exposure";

    private final RiskLimitsCache cache;
    private final String accountId;
    private final double correlationThreshold;
    private final double maxFraction;
    private final double fallbackMaxFraction;
    private final Duration maxAge;
    private final long maxAgeMillis;

    /**
     * @param cache                where the account's analysis is published
     * @param accountId            the account whose analysis to read (the engine's account)
     * @param correlationThreshold correlation at or above which a symbol joins the cluster, in (0, 1]
     * @param maxFraction          largest cluster gross exposure per unit of equity, in (0, 10]
     * @param fallbackMaxFraction  largest whole-book gross exposure per unit of equity while the
     *                             analysis is stale or absent, in (0, 10]
     * @param maxAge               oldest analysis still used, positive
     * @throws io.tradingsdk.api.provider.InvalidParameterException naming the parameter and value
     */
    public CorrelatedExposureRule(RiskLimitsCache cache, String accountId, double correlationThreshold, double maxFraction,
                                  double fallbackMaxFraction, Duration maxAge) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.accountId = RuleSupport.accountId(accountId);
        this.correlationThreshold = RuleSupport.fraction("correlationThreshold", correlationThreshold, 1.0);
        this.maxFraction = RuleSupport.fraction("maxFraction", maxFraction, 10.0);
        this.fallbackMaxFraction = RuleSupport.fraction("fallbackMaxFraction", fallbackMaxFraction, 10.0);
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

    public double correlationThreshold() {
        return correlationThreshold;
    }

    public double maxFraction() {
        return maxFraction;
    }

    public double fallbackMaxFraction() {
        return fallbackMaxFraction;
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
        String symbol = intent.symbol();
        int order = a.indexOf(symbol);
        double cluster = Math.abs(RuleSupport.exposureQuantity(portfolio, symbol) + RuleSupport.signedQuantity(intent))
                * intent.referencePrice().doubleValue();
        int n = a.symbolCount();
        for (int i = 0; i < n; i++) {
            if (i == order) {
                continue;
            }
            cluster += clusterExposure(a, i, order, portfolio);
        }
        if (equity > 0 && cluster <= maxFraction * equity) {
            return null;
        }
        return deny(intent, portfolio, a, order, cluster, equity);
    }

    /** |exposure| of universe symbol i if it belongs to the order symbol's cluster, else 0. */
    private double clusterExposure(RiskAnalysis a, int i, int order, PortfolioView portfolio) {
        String s = a.symbolAt(i);
        double qty = RuleSupport.exposureQuantity(portfolio, s);
        if (qty == 0.0) {
            return 0.0;
        }
        double c = a.correlationAt(i, order);
        if (!(c < correlationThreshold)) { // at or above, or unknown (NaN)
            double price = RuleSupport.lastPrice(portfolio, s);
            // A position without any price cannot be valued here; the ledger always marks held symbols.
            return Double.isNaN(price) ? 0.0 : Math.abs(qty) * price;
        }
        return 0.0;
    }

    private RiskDecision.Denied deny(OrderIntent intent, PortfolioView portfolio, RiskAnalysis a, int order,
                                     double cluster, double equity) {
        StringBuilder members = new StringBuilder(intent.symbol());
        for (int i = 0; i < a.symbolCount(); i++) {
            if (i != order && clusterExposure(a, i, order, portfolio) > 0) {
                double c = a.correlationAt(i, order);
                members.append(", ").append(a.symbolAt(i)).append(" (")
                        .append(Double.isNaN(c) ? "correlation unknown" : "correlation " + RuleSupport.ratio(c, 1.0)).append(')');
            }
        }
        return new RiskDecision.Denied(DenialReason.CORRELATED_EXPOSURE, NAME + ": exposure to the cluster correlated at or above "
                + RuleSupport.num(correlationThreshold) + " with " + intent.symbol() + " after the order would be "
                + RuleSupport.money(cluster) + " = " + RuleSupport.ratio(cluster, equity) + " of equity "
                + RuleSupport.money(equity) + ", above maxFraction " + RuleSupport.num(maxFraction) + " [cluster: " + members
                + "; analysis " + RuleSupport.age(a, intent) + "]");
    }

    private RiskDecision.Denied fallback(OrderIntent intent, PortfolioView portfolio, double equity, RiskAnalysis a) {
        double gross = RuleSupport.bookGrossWithOrder(intent, portfolio);
        if (equity > 0 && gross <= fallbackMaxFraction * equity) {
            return null;
        }
        return new RiskDecision.Denied(DenialReason.CORRELATED_EXPOSURE, NAME + ": risk analysis is "
                + (a == null ? "absent" : "stale (" + RuleSupport.age(a, intent) + ", maxAge " + maxAge + ")")
                + ", so every symbol counts as correlated: gross exposure with working buys and the order would be "
                + RuleSupport.money(gross) + " = " + RuleSupport.ratio(gross, equity) + " of equity " + RuleSupport.money(equity)
                + ", above fallbackMaxFraction " + RuleSupport.num(fallbackMaxFraction));
    }

    @Override
    public String toString() {
        return NAME + "[account=" + accountId + ", correlationThreshold=" + RuleSupport.num(correlationThreshold)
                + ", maxFraction=" + RuleSupport.num(maxFraction) + ", fallbackMaxFraction="
                + RuleSupport.num(fallbackMaxFraction) + ", maxAge=" + maxAge + "]";
    }
}
