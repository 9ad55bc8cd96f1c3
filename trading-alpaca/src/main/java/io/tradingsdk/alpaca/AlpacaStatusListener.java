package io.tradingsdk.alpaca;

/**
 * Hears about changes of an Alpaca connection's health: circuit breaker transitions, the trade
 * update stream going up or down, and a halt after a configuration error (401).
 *
 * <p>Called on the adapter's own threads (OkHttp or scheduler threads); implementations must
 * return quickly and must not throw (exceptions are logged and ignored). Feed these into the
 * host's metrics or alerting.
 */
public interface AlpacaStatusListener {

    /** A circuit breaker of {@code group} moved from {@code from} to {@code to}. */
    default void onCircuitStateChange(AlpacaEndpointGroup group, AlpacaCircuitState from, AlpacaCircuitState to) {
    }

    /** The trade update stream is now listening ({@code true}) or disconnected ({@code false}). */
    default void onStreamStateChange(boolean listening) {
    }

    /**
     * Alpaca refused the credentials (HTTP 401 or a refused stream authorization): a configuration
     * error. The executor stops sending orders; fix the keys and create a new connection.
     */
    default void onHalted(String reason) {
    }
}
