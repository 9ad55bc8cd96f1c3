package io.tradingsdk.core.risk;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.TradingState;

/**
 * A rule that can demand a more restrictive trading state for the whole account, for example the
 * daily loss limit moving the account to {@link TradingState#REDUCING}.
 *
 * <p><b>Who calls:</b> the engine, on the event loop, after each bar and each fill has updated the
 * ledger. If the answer is more restrictive than the account's current state, the engine moves the
 * account to it, and from then on enforces that state on every signal itself ({@link
 * TradingStateGate}), whatever risk rules are configured. Whether a less restrictive answer lifts a
 * state again is the engine's policy (a guard answers from the portfolio as it is now and keeps no
 * latch).
 *
 * <p>Must not block, do I/O or allocate. Throwing means a broken invariant.
 */
public interface AccountGuard {

    /**
     * The state the account must be in at least: {@link TradingState#ACTIVE} when this guard has
     * no objection, else {@link TradingState#REDUCING} or {@link TradingState#HALTED}. Never null.
     */
    TradingState requiredState(PortfolioView portfolio);
}
