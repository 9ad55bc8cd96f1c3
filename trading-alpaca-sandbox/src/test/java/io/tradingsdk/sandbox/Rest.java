package io.tradingsdk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A raw HTTP client of the sandbox, as any Alpaca client would call it. */
final class Rest {
    static final String KEY = "PKSANDBOXTEST";
    static final String SECRET = "sandbox-secret-not-for-logs";
    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body) {
    }

    private final OkHttpClient http = new OkHttpClient();
    private final URI base;

    Rest(URI base) {
        this.base = base;
    }

    Answer get(String pathAndQuery) {
        return call(new Request.Builder().url(base + pathAndQuery).get(), true);
    }

    Answer post(String path, String json) {
        return call(new Request.Builder().url(base + path).post(RequestBody.create(json, MediaType.get("application/json"))),
                true);
    }

    Answer patch(String path, String json) {
        return call(new Request.Builder().url(base + path).patch(RequestBody.create(json, MediaType.get("application/json"))),
                true);
    }

    Answer delete(String path) {
        return call(new Request.Builder().url(base + path).delete(), true);
    }

    Answer getWithoutKeys(String path) {
        return call(new Request.Builder().url(base + path).get(), false);
    }

    private Answer call(Request.Builder b, boolean withKeys) {
        if (withKeys) {
            b.header("APCA-API-KEY-ID", KEY).header("APCA-API-SECRET-KEY", SECRET);
        }
        try (Response r = http.newCall(b.build()).execute()) {
            String text = r.body() == null ? "" : r.body().string();
            return new Answer(r.code(), text.isEmpty() ? null : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OkHttpClient client() {
        return http;
    }
}
