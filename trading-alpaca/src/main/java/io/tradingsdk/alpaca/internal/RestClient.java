package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.alpaca.AlpacaConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;

/**
 * The adapter's own HTTP calls, for what alpaca-java 9.2.0 cannot send correctly (order submit and
 * replace, order lists with pagination, bars with a lower-case feed). Same OkHttpClient, hence the
 * same interceptors (routing, rate limits, circuit breakers, wire log) as alpaca-java's calls.
 */
public final class RestClient {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Bodies beyond this are refused (a bars page of 10000 is far smaller). */
    private static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private final OkHttpClient client;
    private final Endpoints endpoints;
    private final AlpacaConfig cfg;

    public RestClient(OkHttpClient client, Endpoints endpoints, AlpacaConfig cfg) {
        this.client = client;
        this.endpoints = endpoints;
        this.cfg = cfg;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** A request with Alpaca's authentication headers. The headers are never logged. */
    public Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url)
                .header("APCA-API-KEY-ID", cfg.keyId().reveal())
                .header("APCA-API-SECRET-KEY", cfg.secretKey().reveal())
                .header("Accept", "application/json");
    }

    /** A JSON body that OkHttp must never replay. */
    public static RequestBody oneShotJson(JsonNode node) {
        byte[] bytes = node.toString().getBytes(StandardCharsets.UTF_8);
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(bytes);
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        };
    }

    /**
     * Sends and reads the whole body.
     *
     * @throws IOException when no complete answer came (including a body cut off midway)
     */
    public RawResponse execute(Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = "";
            if (body != null) {
                long len = body.contentLength();
                if (len > MAX_BODY_BYTES) {
                    throw new IOException("response body of " + len + " bytes exceeds the limit");
                }
                text = body.string();
            }
            return new RawResponse(response.code(), response.headers(), text);
        }
    }

    /** A complete HTTP answer. */
    public record RawResponse(int status, Headers headers, String body) {
        public boolean isSuccessful() {
            return status >= 200 && status < 300;
        }
    }
}
