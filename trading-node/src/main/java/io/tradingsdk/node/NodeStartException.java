package io.tradingsdk.node;

/**
 * A trading node could not start: recovery or warm-up did not finish in time, or the live data has no
 * live feed. Everything the start created was closed again; the node is as it was.
 */
public final class NodeStartException extends RuntimeException {
    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
