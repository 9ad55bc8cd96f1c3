/**
 * Built-in trading strategies and their providers.
 *
 * <ul>
 *   <li>{@code moving-average-crossover}: {@link io.tradingsdk.core.strategy.MovingAverageCrossoverStrategy},
 *       created by {@link io.tradingsdk.core.strategy.MovingAverageCrossoverStrategyProvider};</li>
 *   <li>{@code rsi}: {@link io.tradingsdk.core.strategy.RsiStrategy}, created by
 *       {@link io.tradingsdk.core.strategy.RsiStrategyProvider}.</li>
 * </ul>
 *
 * <p>Both keep one set of indicators per symbol, so one instance may be configured for several
 * symbols. Their bar path allocates nothing unless it emits a signal (the first bar of a new
 * symbol allocates that symbol's state once).
 *
 * <p><b>Crossing rule</b> (both strategies, the same as ta4j's {@code CrossIndicator}): series A
 * crosses above B on a bar when A &gt; B on that bar and A &lt; B on the last earlier bar where
 * they differed; bars where they are exactly equal are skipped when looking back. So touching and
 * bouncing back is not a cross, and a long run of equal values does not hide one. Only bars where
 * the indicators are ready count; the first ready bar never signals.
 *
 * <p>Strategies emit signals regardless of the current position: whether a BUY adds to a position
 * or an exit applies to a flat book is for the position sizer and risk rules to decide.
 */
package io.tradingsdk.core.strategy;
