package io.tradingsdk.sandbox.internal.http;

import java.util.Map;

/** One HTTP request as the routes see it: method, decoded path, query parameters (first value each), body. */
record Call(String method, String path, Map<String, String> query, String body) {

    String param(String name) {
        return query.get(name);
    }

    /** An integer parameter in [min, max], the default when absent; otherwise a 422 naming it. */
    int intParam(String name, int fallback, int min, int max) {
        String v = query.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(name + " must be an integer from " + min + " to " + max);
    }

    /** A client error in the query; answered with 422 (trading) or 400 (market data). */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
