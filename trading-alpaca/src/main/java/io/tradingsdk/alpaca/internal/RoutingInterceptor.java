package io.tradingsdk.alpaca.internal;

import io.tradingsdk.alpaca.AlpacaConfig;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends requests built for Alpaca's canonical hosts (alpaca-java hard-codes
 * {@code https://<subdomain>.alpaca.markets}) to the configured base URLs: the trading host to
 * {@link AlpacaConfig#tradingBaseUrl()}, {@code data.alpaca.markets} to
 * {@link AlpacaConfig#dataBaseUrl()}. An application interceptor, so it also routes the
 * websocket upgrade (OkHttp skips network interceptors for websockets). Any other host is
 * refused: the credentials in the headers go nowhere else.
 */
public final class RoutingInterceptor implements Interceptor {
    private final Endpoints endpoints;
    private final HttpUrl tradingBase;
    private final HttpUrl dataBase;

    public RoutingInterceptor(AlpacaConfig cfg, Endpoints endpoints) {
        this.endpoints = endpoints;
        this.tradingBase = HttpUrl.get(cfg.tradingBaseUrl().toString());
        this.dataBase = HttpUrl.get(cfg.dataBaseUrl().toString());
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        HttpUrl base;
        if (url.host().equals(endpoints.tradingHost())) {
            base = tradingBase;
        } else if (url.host().equals(Endpoints.DATA_HOST)) {
            base = dataBase;
        } else {
            throw new RequestNotSentException(RequestNotSentException.Reason.UNEXPECTED_HOST, null,
                    "refusing to send a request to " + url.host() + ", which is not the configured Alpaca host");
        }
        if (base.scheme().equals(url.scheme()) && base.host().equals(url.host()) && base.port() == url.port()) {
            return chain.proceed(request);
        }
        HttpUrl routed = url.newBuilder().scheme(base.scheme()).host(base.host()).port(base.port()).build();
        return chain.proceed(request.newBuilder().url(routed).build());
    }
}
