package io.tradingsdk.api.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;

/**
 * One quick, in-memory risk rule. The engine's risk manager runs its rules in configured order and
 * stops at the first denial.
 *
 * <p><b>Thread:</b> called on the engine's event loop only, so a rule may keep unsynchronized state
 * (rate windows, recent signals). It must not block, do I/O, or allocate on the approval path.
 *
 * <p><b>Returns</b> {@code null} to let the intent pass (no allocation), or a {@link
 * RiskDecision.Denied}. Throwing means a broken invariant: the engine denies the intent and reports
 * the exception.
 */
public interface RiskRule {

    /** The provider name of this rule, for metrics and messages. */
    String name();

    RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio);

    /** Called on the event loop after an intent passed every rule and was handed to the executor. */
    default void onAccepted(OrderIntent intent) {
    }
}
