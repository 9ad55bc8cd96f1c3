package io.tradingsdk.alpaca;

/**
 * No definitive answer from Alpaca: an I/O error, a timeout, a reset connection, or a request the
 * adapter did not send at all (open circuit, rate limit wait exceeded). {@link #sent()} tells
 * whether the request may have reached Alpaca.
 */
public class AlpacaTransportException extends AlpacaException {
    private final boolean sent;

    public AlpacaTransportException(AlpacaEndpointGroup group, String message, boolean sent, Throwable cause) {
        super(group, message, cause);
        this.sent = sent;
    }

    /** {@code false} when the request certainly never left this process (so it had no effect). */
    public boolean sent() {
        return sent;
    }
}
