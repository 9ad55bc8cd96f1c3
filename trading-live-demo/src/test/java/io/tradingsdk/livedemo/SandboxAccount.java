package io.tradingsdk.livedemo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsdk.sandbox.SandboxServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the sandbox's account over its REST API, as any Alpaca client would. */
final class SandboxAccount {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SandboxServer sandbox;
    private final String keyId;
    private final String secret;

    SandboxAccount(SandboxServer sandbox, String keyId, String secret) {
        this.sandbox = sandbox;
        this.keyId = keyId;
        this.secret = secret;
    }

    JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.tradingBaseUrl() + pathAndQuery))
                .header("APCA-API-KEY-ID", keyId)
                .header("APCA-API-SECRET-KEY", secret)
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    BigDecimal cash() {
        return new BigDecimal(get("/v2/account").path("cash").asText());
    }

    /** The signed quantity of {@code positionSymbol} (as positions spell it, e.g. BTCUSD), zero when none. */
    BigDecimal position(String positionSymbol) {
        for (JsonNode p : get("/v2/positions")) {
            if (p.path("symbol").asText().equals(positionSymbol)) {
                return new BigDecimal(p.path("qty").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    /** Executions (FILL activities) so far; the sandbox pages at 100. */
    int executions() {
        int n = 0;
        String token = null;
        while (true) {
            JsonNode page = get("/v2/account/activities/FILL?page_size=100" + (token == null ? "" : "&page_token=" + token));
            n += page.size();
            if (page.size() < 100) {
                return n;
            }
            token = page.get(page.size() - 1).path("id").asText();
        }
    }

    /** Quantity still open over the open orders. */
    BigDecimal openQuantity() {
        BigDecimal open = BigDecimal.ZERO;
        for (JsonNode o : get("/v2/orders?status=open&limit=500")) {
            open = open.add(new BigDecimal(o.path("qty").asText("0"))).subtract(new BigDecimal(o.path("filled_qty").asText("0")));
        }
        return open;
    }

    /** Orders of any status. */
    int orders() {
        return get("/v2/orders?status=all&limit=500").size();
    }
}
