package io.tradingsdk.core.engine.internal;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;

/**
 * The denial for a part of the pipeline (the position sizer, the risk manager) that failed instead
 * of deciding: {@link DenialReason#INTERNAL_ERROR}, with a message that names the part and the
 * exception. The exception's own message is cut to {@value #MAX_DETAIL} characters, as it ends up in
 * the journal and the host's outcome; the full exception goes to the engine's log. Only on the
 * failure path.
 */
public final class InternalFailure {
    static final int MAX_DETAIL = 300;

    private InternalFailure() {
    }

    /** {@code part} threw {@code failure}. */
    public static RiskDecision.Denied denial(String part, Throwable failure) {
        String detail = String.valueOf(failure.getMessage());
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL) + "... (" + detail.length() + " characters)";
        }
        return new RiskDecision.Denied(DenialReason.INTERNAL_ERROR, part + " failed: "
                + failure.getClass().getName() + ": " + detail);
    }

    /** {@code part} answered {@code null}, which its contract rules out. */
    public static RiskDecision.Denied nullAnswer(String part) {
        return new RiskDecision.Denied(DenialReason.INTERNAL_ERROR, part + " answered null, which its contract rules out");
    }
}
