package io.tradingsdk.core.analysis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;

/**
 * Where a {@link RiskAnalyzer} publishes its latest {@link RiskAnalysis} and where the quick checks
 * ({@link CorrelatedExposureRule}, {@link StressLossLimitRule}) read it: a Caffeine cache keyed by
 * account id.
 *
 * <p><b>How a host connects an analyzer and its rules.</b> A {@link io.tradingsdk.api.risk.RiskRuleProvider}
 * cannot be handed the analyzer, so both sides meet here, by account id. Rules created by the
 * providers (from configuration) read {@link #shared()} under {@code ProviderContext.accountId()};
 * an analyzer built without {@link RiskAnalyzer.Builder#cache} publishes to {@link #shared()} under
 * its account id. A host that prefers no process-wide state creates its own instance and hands it to
 * both the analyzer builder and the rule constructors. One analyzer per account and cache: a second
 * one would overwrite the first one's results.
 *
 * <p><b>Freshness is explicit:</b> the cache itself never expires entries; each result carries its
 * {@link RiskAnalysis#computedAt()} and each rule its own maximum age, measured on the engine's
 * {@link io.tradingsdk.api.time.TradingClock}. Closing the analyzer removes its entry, so its rules
 * fall back to their conservative limits.
 *
 * <p><b>Thread:</b> any. {@link #latest} is a lock-free read of an immutable result and allocates
 * nothing, so rules call it on the event loop.
 */
public final class RiskLimitsCache {

    private static final RiskLimitsCache SHARED = new RiskLimitsCache();

    private final Cache<String, RiskAnalysis> results = Caffeine.newBuilder().build();

    /** A private cache; see {@link #shared()} for the one providers use. */
    public RiskLimitsCache() {
    }

    /** The process-wide cache read by rules created through their providers. */
    public static RiskLimitsCache shared() {
        return SHARED;
    }

    /** Makes {@code analysis} the latest result of its account (replacing any earlier one). */
    public void publish(RiskAnalysis analysis) {
        Objects.requireNonNull(analysis, "analysis");
        results.put(analysis.accountId(), analysis);
    }

    /** The latest result of the account, or {@code null} when none. Allocation free. */
    public RiskAnalysis latest(String accountId) {
        return results.getIfPresent(accountId);
    }

    /** Removes the account's result if it is still {@code expected}; returns whether it did. */
    public boolean remove(String accountId, RiskAnalysis expected) {
        return results.asMap().remove(accountId, expected);
    }

    /** Removes the account's result, whoever published it. */
    public void clear(String accountId) {
        results.invalidate(accountId);
    }
}
