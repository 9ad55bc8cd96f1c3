package io.tradingsdk.sandbox.internal.http;

import io.tradingsdk.sandbox.internal.broker.Broker;
import io.tradingsdk.sandbox.internal.broker.BrokerRejection;
import io.tradingsdk.sandbox.internal.replay.BarStore;
import io.tradingsdk.sandbox.internal.replay.ReplayClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the REST APIs on Jetty's request threads: checks the APCA-API-KEY-ID and
 * APCA-API-SECRET-KEY headers (401 otherwise), bounds the body, and routes to the trading or
 * market data API. Answers are JSON.
 */
public final class RestHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(RestHandler.class);
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Credentials credentials;
    private final TradingApi trading;
    private final MarketDataApi marketData;

    public RestHandler(Credentials credentials, Broker broker, ReplayClock clock, BarStore store, Instant createdAt) {
        this.credentials = credentials;
        this.trading = new TradingApi(broker, clock, createdAt);
        this.marketData = new MarketDataApi(store);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Reply reply = answer(request);
        response.setStatus(reply.status());
        if (reply.status() == 204) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, reply.body(), callback);
        return true;
    }

    private Reply answer(Request request) {
        String path = Request.getPathInContext(request);
        boolean marketDataPath = path.startsWith("/v2/stocks/") || path.startsWith("/v1beta3/");
        if (!credentials.accepts(request.getHeaders().get("APCA-API-KEY-ID"), request.getHeaders().get("APCA-API-SECRET-KEY"))) {
            return Reply.error(401, 40110000, "request is not authorized");
        }
        try {
            String body = body(request);
            if (body == null) {
                return Reply.error(413, 41300000, "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            Map<String, String> query = new HashMap<>();
            Fields fields = Request.extractQueryParameters(request);
            for (Fields.Field f : fields) {
                query.put(f.getName(), f.getValue());
            }
            Call call = new Call(request.getMethod(), path, query, body);
            Reply r = marketDataPath ? marketData.route(call) : trading.route(call);
            return r != null ? r : Reply.error(404, 40410000, "endpoint not found");
        } catch (BrokerRejection e) {
            return Reply.error(e.status(), e.code(), e.getMessage());
        } catch (Call.BadRequest e) {
            return marketDataPath ? Reply.error(400, 40010001, e.getMessage()) : Reply.error(422, 40010001, e.getMessage());
        } catch (IOException e) {
            return Reply.error(400, 40010001, "request body could not be read");
        } catch (RuntimeException e) {
            log.error("sandbox: {} {} failed", request.getMethod(), path, e);
            return Reply.error(500, 50010000, "internal server error");
        }
    }

    /** The body as text, or null when it exceeds the bound. */
    private static String body(Request request) throws IOException {
        if (request.getLength() > MAX_BODY_BYTES) {
            return null;
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

}
