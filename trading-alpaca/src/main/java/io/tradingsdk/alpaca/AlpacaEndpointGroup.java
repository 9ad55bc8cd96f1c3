package io.tradingsdk.alpaca;

/**
 * The groups of Alpaca endpoints that share one circuit breaker. A group's breaker opens when
 * calls to it fail repeatedly (I/O errors, timeouts, 5xx, 408) and lets calls through again after
 * a wait; the other groups keep working.
 */
public enum AlpacaEndpointGroup {
    /** {@code /v2/orders*}: submit, replace, cancel, lookups, order lists. */
    ORDERS,
    /** {@code /v2/account}, {@code /v2/positions} and other account endpoints. */
    ACCOUNT,
    /** {@code /v2/clock}, {@code /v2/calendar}. */
    CALENDAR,
    /** The market data host ({@code data.alpaca.markets}): historical bars. */
    MARKET_DATA
}
