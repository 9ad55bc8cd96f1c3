package io.tradingsdk.api.portfolio;

/** What an account may do. */
public enum TradingState {
    /** Normal trading. */
    ACTIVE,
    /** Only orders that reduce an existing position pass (e.g. after the daily loss limit). */
    REDUCING,
    /**
     * Nothing but cancels: set by the host, or by the engine when its executor reports that the
     * venue halted trading (then only the host lifts it).
     */
    HALTED
}
