package io.tradingsdk.alpaca;

/**
 * Alpaca's market data stream refused a request or ended the connection. The message names the
 * stream (e.g. {@code v2/iex}), the error, Alpaca's own text and what to do; never a credential.
 */
public class AlpacaStreamException extends AlpacaException {
    private final AlpacaStreamError error;
    private final String stream;
    private final String alpacaMessage;

    public AlpacaStreamException(String stream, AlpacaStreamError error, String alpacaMessage) {
        super(null, "alpaca market data stream " + stream + ": " + error
                + (error.code() != 0 ? " (" + error.code() + ")" : "")
                + (alpacaMessage != null && !alpacaMessage.isEmpty() ? " '" + alpacaMessage + "'" : "")
                + ": " + error.meaning(), null);
        this.error = error;
        this.stream = stream;
        this.alpacaMessage = alpacaMessage;
    }

    public AlpacaStreamError error() {
        return error;
    }

    /** The stream path, e.g. {@code v2/iex} or {@code v1beta3/crypto/us}. */
    public String stream() {
        return stream;
    }

    /** Alpaca's {@code msg}, abbreviated; may be {@code null}. */
    public String alpacaMessage() {
        return alpacaMessage;
    }
}
