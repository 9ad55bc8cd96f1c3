package io.tradingsdk.api.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The quick risk check's answer. A denial is an outcome, not an exception.
 */
public sealed interface RiskDecision permits RiskDecision.Approved, RiskDecision.Denied {

    default boolean isApproved() {
        return this instanceof Approved;
    }

    /** Approved for {@code quantity}. */
    record Approved(BigDecimal quantity) implements RiskDecision {
        public Approved {
            Objects.requireNonNull(quantity, "quantity");
        }
    }

    /**
     * Denied with a reason code and a readable message that names the limit and the value that broke it.
     */
    record Denied(DenialReason reason, String message) implements RiskDecision {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
