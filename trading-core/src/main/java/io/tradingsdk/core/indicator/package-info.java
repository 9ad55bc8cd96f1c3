/**
 * Streaming technical indicators over {@code double} values: one {@code update} per bar, O(1)
 * work, no allocation after construction, fixed-size state.
 *
 * <p>Contract shared by every indicator here: {@code update(value)} feeds the next observation
 * (finite, else {@link java.lang.IllegalArgumentException} naming the value and nothing changes);
 * {@code count()} is the number of observations fed; {@code isReady()} says whether enough
 * observations were seen for {@code value()} to mean what the indicator's definition says;
 * {@code value()} is {@link java.lang.Double#NaN} until then.
 *
 * <p>Threading: an indicator is plain mutable state for one thread (the engine's event loop when
 * a strategy owns it); it is not thread-safe.
 */
package io.tradingsdk.core.indicator;
