package io.tradingsdk.alpaca;

/**
 * Base of the adapter's typed errors. Messages name the endpoint and what went wrong; they never
 * contain API keys or secrets. Nothing from alpaca-java ({@code AlpacaClientException}) or Gson
 * ({@code JsonSyntaxException}) escapes the adapter: it is translated into one of the subclasses.
 *
 * <ul>
 *   <li>{@link AlpacaApiException}: Alpaca answered with an error status (a definitive answer);
 *       {@link AlpacaAuthenticationException} for 401.</li>
 *   <li>{@link AlpacaTransportException}: no definitive answer (I/O error, timeout, open circuit,
 *       rate limit wait exceeded).</li>
 *   <li>{@link AlpacaMalformedResponseException}: an answer whose body is not what the API
 *       promises.</li>
 * </ul>
 */
public abstract class AlpacaException extends RuntimeException {
    private final AlpacaEndpointGroup group;

    protected AlpacaException(AlpacaEndpointGroup group, String message, Throwable cause) {
        super(message, cause);
        this.group = group;
    }

    /** The endpoint group of the failed call, or {@code null} when not tied to one (the stream). */
    public AlpacaEndpointGroup group() {
        return group;
    }
}
