package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.alpaca.AlpacaApiException;
import io.tradingsdk.alpaca.AlpacaAuthenticationException;
import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import io.tradingsdk.alpaca.AlpacaException;
import io.tradingsdk.alpaca.AlpacaMalformedResponseException;
import io.tradingsdk.alpaca.AlpacaTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import net.jacobpeterson.alpaca.rest.AlpacaClientException;

/**
 * Translates every failure into the adapter's typed exceptions. alpaca-java's
 * {@link AlpacaClientException} parses its body lazily (its API code is {@code null} until
 * {@code getMessage()} runs) and Gson throws unchecked {@code JsonSyntaxException}s; neither
 * leaves the adapter.
 */
public final class Errors {
    private Errors() {
    }

    /** Alpaca's error body: {@code {"code": <int>, "message": <string>}}, each part optional. */
    public record ApiError(Integer code, String message) {
        public String describe() {
            return (code != null ? code + ": " : "") + (message != null ? message : "(no message)");
        }
    }

    /** Reads an error body leniently; never throws. */
    public static ApiError apiError(String body) {
        if (body == null || body.isBlank()) {
            return new ApiError(null, null);
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n != null && n.isObject()) {
                JsonNode c = n.get("code");
                Integer code = c != null && c.canConvertToInt() ? c.asInt() : null;
                JsonNode m = n.get("message");
                String message = m != null && !m.isNull() ? Json.abbreviate(m.asText()) : null;
                return new ApiError(code, message);
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through
        }
        return new ApiError(null, Json.abbreviate(body));
    }

    /** An error answer as an exception (401 as {@link AlpacaAuthenticationException}). */
    public static AlpacaApiException fromStatus(AlpacaEndpointGroup group, String endpoint, int status, String body) {
        ApiError e = apiError(body);
        if (status == 401) {
            return new AlpacaAuthenticationException(group, endpoint, e.code(), e.message());
        }
        return new AlpacaApiException(group, endpoint, status, e.code(), e.message());
    }

    /** An I/O failure; {@code sent} is false when the request certainly never left. */
    public static AlpacaTransportException transport(AlpacaEndpointGroup group, String endpoint, IOException e) {
        boolean sent = !certainlyNotSent(e);
        return new AlpacaTransportException(group, endpoint + (sent ? " failed: " : " not sent: ")
                + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""), sent, e);
    }

    public static AlpacaMalformedResponseException malformed(AlpacaEndpointGroup group, String endpoint, String what,
                                                              Throwable cause) {
        return new AlpacaMalformedResponseException(group, endpoint + " answered with an unexpected body: " + what, cause);
    }

    /** Whether the request certainly did not reach Alpaca (refused locally, or no connection was made). */
    public static boolean certainlyNotSent(Throwable e) {
        return e instanceof RequestNotSentException || e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException;
    }

    /**
     * Translates whatever an alpaca-java call threw: {@link AlpacaClientException} (with a status, or
     * wrapping an I/O error) and any runtime exception from its Gson parsing.
     */
    public static AlpacaException fromAlpacaJava(AlpacaEndpointGroup group, String endpoint, Exception e) {
        if (e instanceof AlpacaException ae) {
            return ae;
        }
        if (e instanceof AlpacaClientException ace) {
            Integer status = ace.getResponseStatusCode();
            if (status == null) {
                Throwable cause = ace.getCause();
                if (cause instanceof IOException io) {
                    return transport(group, endpoint, io);
                }
                return malformed(group, endpoint, String.valueOf(ace.getMessage()), ace);
            }
            ace.getMessage(); // parses the body: the API code and message are null until then
            Integer code = ace.getAPIResponseCode();
            String message = Json.abbreviate(ace.getAPIResponseMessage());
            if (status == 401) {
                return new AlpacaAuthenticationException(group, endpoint, code, message);
            }
            return new AlpacaApiException(group, endpoint, status, code, message);
        }
        // JsonSyntaxException, JsonParseException, DateTimeParseException, NumberFormatException, IllegalStateException...
        return malformed(group, endpoint, e.getClass().getSimpleName() + ": " + Json.abbreviate(e.getMessage()), e);
    }
}
