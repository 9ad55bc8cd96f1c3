package io.tradingsdk.api.risk;

/** Why the engine refused a signal or an order. A fixed set: hosts may switch on it. */
public enum DenialReason {
    /** A value of the signal is NaN, infinite, negative, zero or absurd; the message names the field. */
    INVALID_SIGNAL,
    /** The symbol is malformed or not tradable here. */
    UNKNOWN_SYMBOL,
    /** The sizer produced no quantity (no edge, or the caps leave nothing). */
    ZERO_SIZE,
    /** The position after the order would exceed the maximum fraction of equity. */
    MAX_POSITION_FRACTION,
    /** Capital at risk after the order would exceed the maximum portfolio risk. */
    MAX_PORTFOLIO_RISK,
    /** The order's notional exceeds the maximum. */
    MAX_ORDER_NOTIONAL,
    /** The order's quantity exceeds the maximum. */
    MAX_ORDER_QUANTITY,
    /** The buy costs more than the cash available. */
    INSUFFICIENT_BUYING_POWER,
    /**
     * Exposure to symbols correlated with the order's symbol would exceed its cap (from the background
     * risk analysis, or its conservative fallback while the analysis is stale).
     */
    CORRELATED_EXPOSURE,
    /** The worst stressed loss with the order added would exceed its cap (background analysis or its fallback). */
    STRESS_LOSS,
    /** The daily loss limit was hit; the account is REDUCING and the order would not reduce a position. */
    DAILY_LOSS_LIMIT,
    /** The account is REDUCING and the order would not reduce a position. */
    REDUCING_ONLY,
    /** The account is HALTED: nothing but cancels. */
    TRADING_HALTED,
    /** More orders per second than the throttle allows. */
    ORDER_RATE_LIMIT,
    /** The price is too far from the last traded price (fat finger). */
    PRICE_COLLAR,
    /** The symbol is not on the allow list. */
    SYMBOL_NOT_ALLOWED,
    /** The symbol is on the deny list. */
    SYMBOL_DENIED,
    /** The same strategy sent the same action for the same symbol within the suppression window. */
    DUPLICATE_SIGNAL,
    /** The market is closed according to the clock. */
    MARKET_CLOSED,
    /** CLOSE or a reducing order for a symbol that has no position. */
    NO_POSITION,
    /** The strategy is disabled. */
    STRATEGY_DISABLED,
    /** The engine has not reconciled with the broker yet, or is stopped. */
    NOT_READY,
    /** The journal could not durably record the intent, so nothing was sent. */
    JOURNAL_UNAVAILABLE,
    /** A rule supplied by a third party; the message says which and why. */
    CUSTOM_RULE,
    /**
     * A part of the pipeline failed rather than decided: the position sizer or the risk manager
     * threw, or answered {@code null} against its contract. Not a risk verdict; the message names the
     * part and the exception, and the engine logs the stack trace at ERROR.
     */
    INTERNAL_ERROR
}
