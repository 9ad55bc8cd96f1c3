package io.tradingsdk.alpaca;

/**
 * Alpaca answered, but the body is not what its API promises (not JSON, a missing or unparsable
 * field, an unknown status). The message names the endpoint and the field, not the whole body.
 */
public class AlpacaMalformedResponseException extends AlpacaException {
    public AlpacaMalformedResponseException(AlpacaEndpointGroup group, String message, Throwable cause) {
        super(group, message, cause);
    }
}
