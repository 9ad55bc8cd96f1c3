package io.tradingsdk.api.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;

/**
 * The quick, synchronous risk check between sizing and sending.
 *
 * <p><b>Thread:</b> the engine's event loop only. Must not block, do I/O or wait for any slower
 * analysis; it reads whatever limits are cached in memory.
 *
 * <p><b>Returns</b> {@link RiskDecision.Approved} or {@link RiskDecision.Denied}, never {@code null}.
 * An exception (or {@code null}) means a broken invariant: the engine denies the intent with
 * {@link DenialReason#INTERNAL_ERROR} and logs the exception. The engine checks the account's
 * trading state (HALTED, REDUCING) itself before sizing and before calling this, so a risk manager
 * need not.
 */
public interface RiskManager {

    RiskDecision check(OrderIntent intent, PortfolioView portfolio);

    /** Called on the event loop once an approved intent was handed to the executor (rate windows count it). */
    default void onSubmitted(OrderIntent intent) {
    }
}
