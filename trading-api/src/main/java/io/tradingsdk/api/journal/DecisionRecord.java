package io.tradingsdk.api.journal;

import io.tradingsdk.api.risk.DenialReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The engine's decision on one signal, as journaled.
 *
 * @param reason   {@code null} when approved
 * @param quantity the approved quantity, or {@code null} when denied
 */
public record DecisionRecord(String signalId, String strategyId, String symbol, boolean approved, DenialReason reason,
                             String message, BigDecimal quantity, Instant time) {
    public DecisionRecord {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(time, "time");
        if (approved == (reason != null)) {
            throw new IllegalArgumentException("an approved decision has no reason, a denied one has one");
        }
    }
}
