package io.tradingsdk.alpaca;

/**
 * Why Alpaca's market data stream refused something, from its {@code {"T":"error","code":N}}
 * messages, plus the adapter's own {@link #SUBSCRIBE_TIMEOUT} and {@link #CLOSED}.
 *
 * <p>{@link #endsConnection()} errors are configuration or account problems: the stream stops
 * (no retry loop) and every subscriber's {@code onFailure} gets the error; fix the cause and
 * subscribe again. The others refuse one subscribe request (thrown from {@code subscribe}) or are
 * logged and recovered from.
 */
public enum AlpacaStreamError {
    INVALID_SYNTAX(400, false, "the stream did not understand a message"),
    NOT_AUTHENTICATED(401, true, "a message was sent before authentication"),
    AUTH_FAILED(402, true, "Alpaca refused the API key id or secret key; check keyId and secretKey"),
    ALREADY_AUTHENTICATED(403, false, "the session was already authenticated"),
    AUTH_TIMEOUT(404, false, "authentication took too long"),
    SYMBOL_LIMIT_EXCEEDED(405, false, "the subscription has more symbols than the account's plan allows"),
    CONNECTION_LIMIT_EXCEEDED(406, true, "Alpaca allows one connection to this stream per account and another"
            + " one holds it (another process, or a connection with the same key outside this SDK)"),
    SLOW_CLIENT(407, false, "the client read too slowly and Alpaca dropped messages"),
    INSUFFICIENT_SUBSCRIPTION(409, true, "the account's market data plan does not include this feed"
            + " (sip needs a paid plan; use iex or delayed_sip)"),
    INVALID_SUBSCRIBE_ACTION(410, false, "this feed does not offer what was subscribed"),
    INTERNAL_ERROR(500, false, "Alpaca reported an internal error"),
    /** The subscription was not confirmed within the configured time (no answer from Alpaca). */
    SUBSCRIBE_TIMEOUT(0, false, "the subscription was not confirmed in time"),
    /** The stream was closed while the request waited. */
    CLOSED(0, false, "the stream was closed"),
    /** A code this adapter does not know. */
    UNKNOWN(0, false, "Alpaca reported an error this adapter does not know");

    private final int code;
    private final boolean endsConnection;
    private final String meaning;

    AlpacaStreamError(int code, boolean endsConnection, String meaning) {
        this.code = code;
        this.endsConnection = endsConnection;
        this.meaning = meaning;
    }

    /** Alpaca's numeric code, 0 for the adapter's own errors. */
    public int code() {
        return code;
    }

    /** Whether this error stops the stream for every subscriber (no automatic retry). */
    public boolean endsConnection() {
        return endsConnection;
    }

    /** A plain explanation, used in exception messages. */
    public String meaning() {
        return meaning;
    }

    /** The error of an Alpaca code; {@link #UNKNOWN} for codes not listed. */
    public static AlpacaStreamError of(int code) {
        for (AlpacaStreamError e : values()) {
            if (e.code == code && code != 0) {
                return e;
            }
        }
        return UNKNOWN;
    }
}
