package io.tradingsdk.api.portfolio;

/** What an account may do. */
public enum TradingState {
    /** Normal trading. */
    ACTIVE,
    /** Only orders that reduce an existing position pass (e.g. after the daily loss limit). */
    REDUCING,
    /** Nothing but cancels (set by the host, or before the engine has reconciled with the broker). */
    HALTED
}
