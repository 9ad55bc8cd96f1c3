/**
 * Background risk analysis and the quick checks that use it.
 *
 * <p>A {@link io.tradingsdk.core.analysis.RiskAnalyzer} observes the engine
 * ({@link io.tradingsdk.core.engine.EngineObserver}): on the event loop it records each bar's
 * close into a per-symbol ring buffer (seqlock: no allocation, no lock) and turns large or
 * new-symbol approvals into run requests. On its own thread it takes a portfolio snapshot from the
 * engine, computes correlations, portfolio volatility, historical VaR / expected shortfall and
 * stress losses ({@link io.tradingsdk.core.analysis.RiskAnalysis}), and publishes the result to a
 * {@link io.tradingsdk.core.analysis.RiskLimitsCache} (Caffeine, keyed by account id).
 *
 * <p>The rules {@link io.tradingsdk.core.analysis.CorrelatedExposureRule} ({@code correlated-exposure})
 * and {@link io.tradingsdk.core.analysis.StressLossLimitRule} ({@code stress-loss-limit}) read the
 * latest result on the event loop without waiting or allocating. A result older than the rule's
 * {@code maxAge} (engine clock) or absent makes them apply a conservative fallback limit, never no
 * limit. They deny with {@link io.tradingsdk.api.risk.DenialReason#CORRELATED_EXPOSURE} and {@link io.tradingsdk.api.risk.DenialReason#STRESS_LOSS}; the message starts
 * with the rule's name.
 *
 * <p><b>Connecting an analyzer and its rules:</b> rules created through their providers (by name,
 * from configuration) read {@link io.tradingsdk.core.analysis.RiskLimitsCache#shared()} under the
 * engine's account id, where an analyzer of that account publishes by default. A host may instead
 * pass one private {@code RiskLimitsCache} to the analyzer builder and to the rule constructors.
 *
 * <p><b>From configuration:</b> the YAML section {@code risk.analysis}
 * ({@link io.tradingsdk.core.config.AnalysisConfig}) names the analyzer's parameters, and
 * {@link io.tradingsdk.core.backtest.ConfiguredEngine#build} builds the analyzer with the engine,
 * keyed by the engine's account id, so the rules named in the same file read its results.
 */
package io.tradingsdk.core.analysis;
