package io.tradingsdk.alpaca.internal;

import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import io.tradingsdk.alpaca.AlpacaMode;
import okhttp3.HttpUrl;

/**
 * Alpaca's canonical hosts and the endpoint group of a URL. All requests, alpaca-java's and the
 * adapter's own, are built against the canonical hosts; {@link RoutingInterceptor} then sends them
 * to the configured base URLs.
 */
public final class Endpoints {
    public static final String DATA_HOST = "data.alpaca.markets";

    private final String tradingHost;

    public Endpoints(AlpacaMode mode) {
        this.tradingHost = mode.tradingHost();
    }

    public String tradingHost() {
        return tradingHost;
    }

    /** {@code https://<trading host>/} */
    public HttpUrl.Builder trading() {
        return new HttpUrl.Builder().scheme("https").host(tradingHost);
    }

    /** {@code https://data.alpaca.markets/} */
    public HttpUrl.Builder data() {
        return new HttpUrl.Builder().scheme("https").host(DATA_HOST);
    }

    /** The group of a canonical URL, or {@code null} for the stream (and anything else). */
    public AlpacaEndpointGroup groupOf(HttpUrl url) {
        String host = url.host();
        if (host.equals(DATA_HOST)) {
            return AlpacaEndpointGroup.MARKET_DATA;
        }
        if (!host.equals(tradingHost)) {
            return null;
        }
        String path = url.encodedPath();
        if (path.startsWith("/stream")) {
            return null;
        }
        if (path.startsWith("/v2/orders")) {
            return AlpacaEndpointGroup.ORDERS;
        }
        if (path.startsWith("/v2/clock") || path.startsWith("/v2/calendar")) {
            return AlpacaEndpointGroup.CALENDAR;
        }
        return AlpacaEndpointGroup.ACCOUNT;
    }

    /** For messages: method and path, never the query (which may hold a client order id, harmless) or headers. */
    public static String describe(String method, HttpUrl url) {
        return method + " " + url.encodedPath();
    }
}
