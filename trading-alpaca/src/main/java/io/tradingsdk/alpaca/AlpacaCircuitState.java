package io.tradingsdk.alpaca;

/** The state of one endpoint group's circuit breaker, as shown to hosts and metrics. */
public enum AlpacaCircuitState {
    /** Calls flow normally. */
    CLOSED,
    /** Too many recent failures: calls fail at once without being sent, until the wait ends. */
    OPEN,
    /** Trial calls are let through to see whether the endpoint recovered. */
    HALF_OPEN,
    /** Held open or disabled by an operator action; treated like OPEN or CLOSED respectively. */
    FORCED_OPEN,
    DISABLED
}
