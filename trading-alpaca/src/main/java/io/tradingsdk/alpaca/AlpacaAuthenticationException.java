package io.tradingsdk.alpaca;

/**
 * Alpaca refused the credentials (HTTP 401): a configuration error. The connection halts trading
 * (see {@link AlpacaStatusListener#onHalted}); fix the key id and secret key and reconnect.
 */
public class AlpacaAuthenticationException extends AlpacaApiException {
    public AlpacaAuthenticationException(AlpacaEndpointGroup group, String endpoint, Integer apiCode, String apiMessage) {
        super(group, endpoint, 401, apiCode, apiMessage);
    }
}
