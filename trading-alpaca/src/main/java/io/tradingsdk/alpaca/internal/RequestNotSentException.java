package io.tradingsdk.alpaca.internal;

import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import java.io.IOException;

/**
 * The adapter refused to send a request: its circuit is open, no rate limit permit came in time,
 * or the host is not an Alpaca host. Thrown inside OkHttp's interceptor chain (hence an
 * {@link IOException}); the request certainly never reached Alpaca.
 */
public final class RequestNotSentException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the request was not sent. */
    public enum Reason { CIRCUIT_OPEN, RATE_LIMIT_WAIT, UNEXPECTED_HOST, INTERRUPTED }

    private final Reason reason;
    private final transient AlpacaEndpointGroup group;

    public RequestNotSentException(Reason reason, AlpacaEndpointGroup group, String message) {
        super(message);
        this.reason = reason;
        this.group = group;
    }

    public Reason reason() {
        return reason;
    }

    public AlpacaEndpointGroup group() {
        return group;
    }
}
