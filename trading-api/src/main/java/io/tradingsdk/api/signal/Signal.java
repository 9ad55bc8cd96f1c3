package io.tradingsdk.api.signal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A strategy's (or a host's) wish to trade, before sizing and risk.
 *
 * <p>The constructor checks only structure (no nulls where a value is required). Whether the
 * values make sense (finite, in range, a known symbol) is decided by the engine, which answers a
 * bad signal with a denial of reason {@code INVALID_SIGNAL} or {@code UNKNOWN_SYMBOL} naming the
 * field, and changes nothing. That way a host that forwards signals from outside gets a typed
 * outcome rather than an exception.
 *
 * @param id             unique per strategy; the client order id is derived from it, so re-sending
 *                       the same signal id never creates a second order
 * @param strategyId     the configured id of the strategy instance (or host) that produced it
 * @param symbol         instrument symbol
 * @param action         BUY, SELL or CLOSE
 * @param confidence     probability of the expected outcome, in (0, 1]; Kelly's p
 * @param expectedReturn expected gain as a fraction of price if right (&gt; 0), e.g. 0.04
 * @param expectedLoss   expected loss as a fraction of price if wrong, e.g. -0.02 or 0.02 (the
 *                       magnitude is used); not zero
 * @param referencePrice the price the signal was computed at; used for sizing and the price collar
 * @param quantity       an explicit quantity requested by a host, or {@code null} to let the
 *                       position sizer decide
 * @param time           when the signal was produced
 */
public record Signal(String id, String strategyId, String symbol, SignalAction action,
                     double confidence, double expectedReturn, double expectedLoss,
                     BigDecimal referencePrice, BigDecimal quantity, Instant time) {

    public Signal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(referencePrice, "referencePrice");
        Objects.requireNonNull(time, "time");
    }

    /** A signal whose quantity the position sizer decides. */
    public static Signal of(String id, String strategyId, String symbol, SignalAction action, double confidence,
                            double expectedReturn, double expectedLoss, BigDecimal referencePrice, Instant time) {
        return new Signal(id, strategyId, symbol, action, confidence, expectedReturn, expectedLoss, referencePrice, null, time);
    }
}
