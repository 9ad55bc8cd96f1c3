package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.alpaca.AlpacaApiException;
import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import io.tradingsdk.alpaca.AlpacaException;
import io.tradingsdk.alpaca.AlpacaOrderOptions;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.ReplaceRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Alpaca's order endpoints. Writes (submit, replace) are the adapter's own requests, classified into
 * a {@link SendOutcome}; lookups and cancels go through alpaca-java, whose requests for them are
 * correct; order lists are the adapter's own (alpaca-java has no {@code after_order_id} paging).
 * Blocking; called on the executor's I/O threads.
 */
public final class OrderGateway {
    private static final AlpacaEndpointGroup G = AlpacaEndpointGroup.ORDERS;
    private static final int PAGE = 500;

    private final RestClient rest;
    private final AlpacaJava alpaca;

    public OrderGateway(RestClient rest, AlpacaJava alpaca) {
        this.rest = rest;
        this.alpaca = alpaca;
    }

    /** {@code POST /v2/orders}; never throws for what Alpaca or the network did. */
    public SendOutcome submit(OrderRequest request, AlpacaOrderOptions options) {
        HttpUrl url = rest.endpoints().trading().addPathSegments("v2/orders").build();
        Request r = rest.request(url)
                .post(RestClient.oneShotJson(OrderWire.submitBody(request, options)))
                .tag(WireInterceptor.OrderTag.class, new WireInterceptor.OrderTag(request.clientOrderId()))
                .build();
        return send(r, request.clientOrderId());
    }

    /** {@code PATCH /v2/orders/{id}}; the answer is the replacement order. */
    public SendOutcome replace(String brokerOrderId, ReplaceRequest request) {
        HttpUrl url = rest.endpoints().trading().addPathSegments("v2/orders").addPathSegment(brokerOrderId).build();
        Request r = rest.request(url)
                .patch(RestClient.oneShotJson(OrderWire.replaceBody(request)))
                .tag(WireInterceptor.OrderTag.class, new WireInterceptor.OrderTag(request.newClientOrderId()))
                .build();
        return send(r, request.newClientOrderId());
    }

    private SendOutcome send(Request r, String clientOrderId) {
        RestClient.RawResponse resp;
        try {
            resp = rest.execute(r);
        } catch (IOException e) {
            String what = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
            return Errors.certainlyNotSent(e) ? new SendOutcome.NotSent(what) : new SendOutcome.Ambiguous(what);
        }
        int s = resp.status();
        if (resp.isSuccessful()) {
            try {
                BrokerOrder o = BrokerOrder.fromJson(Json.parse(resp.body()));
                if (!o.clientOrderId().equals(clientOrderId)) {
                    return new SendOutcome.Ambiguous("HTTP " + s + " answer names client_order_id " + o.clientOrderId());
                }
                return new SendOutcome.Accepted(o);
            } catch (IllegalArgumentException e) {
                return new SendOutcome.Ambiguous("HTTP " + s + " with an unreadable body: " + e.getMessage());
            }
        }
        Errors.ApiError err = Errors.apiError(resp.body());
        if (s == 401) {
            return new SendOutcome.Unauthorized(err);
        }
        if (s == 429) {
            return new SendOutcome.RateLimited(err);
        }
        if (s == 408 || s >= 500 || s < 400) {
            return new SendOutcome.Ambiguous("HTTP " + s + (err.message() != null ? " " + err.describe() : ""));
        }
        if (s == 422 && isDuplicateId(err)) {
            return new SendOutcome.Duplicate(err);
        }
        return new SendOutcome.Refused(s, err);
    }

    static boolean isDuplicateId(Errors.ApiError err) {
        return err.message() != null && err.message().toLowerCase(Locale.ROOT).contains("client_order_id must be unique");
    }

    /**
     * {@code GET /v2/orders:by_client_order_id}: the order, or empty on 404.
     *
     * @throws AlpacaException when Alpaca could not be asked or answered otherwise
     */
    public Optional<BrokerOrder> byClientOrderId(String clientOrderId) {
        String endpoint = "GET /v2/orders:by_client_order_id";
        try {
            net.jacobpeterson.alpaca.model.endpoint.orders.Order o =
                    alpaca.call(G, endpoint, api -> api.orders().getByClientID(clientOrderId));
            return Optional.of(parse(endpoint, o));
        } catch (AlpacaApiException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code GET /v2/orders/{id}}: the order's client order id and symbol (SDK spelling), read
     * leniently so that another application's order (a multi-leg one, say) is still named.
     *
     * @throws AlpacaException when Alpaca could not be asked, answered otherwise than 200 (404
     *                         included: an execution's order must exist), or the body has no client order id
     */
    public OrderIdentity identity(String brokerOrderId) {
        String endpoint = "GET /v2/orders/{id}";
        HttpUrl url = rest.endpoints().trading().addPathSegments("v2/orders").addPathSegment(brokerOrderId).build();
        RestClient.RawResponse r;
        try {
            r = rest.execute(rest.request(url).get().build());
        } catch (IOException e) {
            throw Errors.transport(G, endpoint, e);
        }
        if (!r.isSuccessful()) {
            throw Errors.fromStatus(G, endpoint, r.status(), r.body());
        }
        try {
            JsonNode n = Json.parse(r.body());
            String symbol = Json.text(n, "symbol");
            return new OrderIdentity(brokerOrderId, Json.requiredText(n, "client_order_id"),
                    symbol == null || symbol.isBlank() ? null : SymbolNormalizer.toSdk(symbol, Json.text(n, "asset_class")));
        } catch (IllegalArgumentException e) {
            throw Errors.malformed(G, endpoint, e.getMessage(), e);
        }
    }

    /** {@code DELETE /v2/orders/{id}} (alpaca-java); 204 means the cancel was accepted, not done. */
    public void cancel(String brokerOrderId) {
        alpaca.call(G, "DELETE /v2/orders/{id}", api -> {
            api.orders().cancel(brokerOrderId);
            return null;
        });
    }

    /** Open orders, all pages; those the SDK cannot represent come as foreign orders ({@link OpenOrderClassifier}). */
    public List<OpenOrderClassifier.Classified> openOrders() {
        return list("open", null, 50);
    }

    /**
     * Orders submitted after {@code since} (any status) that the SDK can represent, all pages up to
     * {@code maxPages}; other applications' orders are left out.
     */
    public List<BrokerOrder> submittedSince(Instant since, int maxPages) {
        List<BrokerOrder> out = new ArrayList<>();
        for (OpenOrderClassifier.Classified c : list("all", since, maxPages)) {
            if (c.order() != null) {
                out.add(c.order());
            }
        }
        return out;
    }

    private List<OpenOrderClassifier.Classified> list(String status, Instant after, int maxPages) {
        String endpoint = "GET /v2/orders?status=" + status;
        List<OpenOrderClassifier.Classified> out = new ArrayList<>();
        String lastId = null;
        String afterId = null;
        for (int page = 0; page < maxPages; page++) {
            HttpUrl.Builder u = rest.endpoints().trading().addPathSegments("v2/orders")
                    .addQueryParameter("status", status)
                    .addQueryParameter("limit", Integer.toString(PAGE))
                    .addQueryParameter("direction", "asc")
                    .addQueryParameter("nested", "false");
            if (afterId != null) {
                u.addQueryParameter("after_order_id", afterId);
            } else if (after != null) {
                u.addQueryParameter("after", after.toString());
            }
            RestClient.RawResponse r;
            try {
                r = rest.execute(rest.request(u.build()).get().build());
            } catch (IOException e) {
                throw Errors.transport(G, endpoint, e);
            }
            if (!r.isSuccessful()) {
                throw Errors.fromStatus(G, endpoint, r.status(), r.body());
            }
            JsonNode arr;
            try {
                arr = Json.parse(r.body());
            } catch (IllegalArgumentException e) {
                throw Errors.malformed(G, endpoint, e.getMessage(), e);
            }
            if (!arr.isArray()) {
                throw Errors.malformed(G, endpoint, "not a JSON array", null);
            }
            for (JsonNode n : arr) {
                try {
                    OpenOrderClassifier.Classified c = OpenOrderClassifier.classify(n);
                    out.add(c);
                    lastId = c.order() != null ? c.order().id() : c.foreign().brokerOrderId();
                } catch (IllegalArgumentException e) {
                    throw Errors.malformed(G, endpoint, e.getMessage(), e);
                }
            }
            if (arr.size() < PAGE) {
                return out;
            }
            afterId = lastId;
        }
        throw Errors.malformed(G, endpoint, "more than " + maxPages + " pages of " + PAGE + " orders", null);
    }

    private static BrokerOrder parse(String endpoint, net.jacobpeterson.alpaca.model.endpoint.orders.Order o) {
        try {
            return BrokerOrder.fromModel(o);
        } catch (IllegalArgumentException e) {
            throw Errors.malformed(G, endpoint, e.getMessage(), e);
        }
    }
}
