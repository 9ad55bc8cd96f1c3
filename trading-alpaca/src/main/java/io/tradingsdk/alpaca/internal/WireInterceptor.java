package io.tradingsdk.alpaca.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network interceptor: it sees every request exactly as often as it goes to the network.
 * <ul>
 *   <li>Logs each order write ({@code POST/PATCH/DELETE /v2/orders...}) at INFO with its client
 *       order id, once per network send: "what our logs report" equals what Alpaca received.</li>
 *   <li>Removes {@code Retry-After} from 408 and 503 answers (keeping it as
 *       {@value #ORIGINAL_RETRY_AFTER}): OkHttp 4 silently re-sends a request, a POST included, on a
 *       503 with {@code Retry-After: 0}, even with retryOnConnectionFailure off. Retries are the
 *       adapter's decision (GETs only).</li>
 * </ul>
 */
public final class WireInterceptor implements Interceptor {
    /** Where the removed Retry-After value is kept for the adapter's own retry policy. */
    public static final String ORIGINAL_RETRY_AFTER = "X-Adapter-Original-Retry-After";
    private static final Logger log = LoggerFactory.getLogger(WireInterceptor.class);

    private final Counters counters;

    public WireInterceptor(Counters counters) {
        this.counters = counters;
    }

    /** Marks a request that writes an order, for the wire log. */
    public record OrderTag(String clientOrderId) {
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        counters.requests.increment();
        OrderTag tag = request.tag(OrderTag.class);
        String path = request.url().encodedPath();
        if (!"GET".equals(request.method()) && path.startsWith("/v2/orders")) {
            if ("POST".equals(request.method()) && path.equals("/v2/orders")) {
                counters.orderPosts.increment();
            }
            log.info("alpaca wire: {} {} client_order_id={}", request.method(), path,
                    tag == null ? "-" : tag.clientOrderId());
        }
        Response response = chain.proceed(request);
        int code = response.code();
        String retryAfter = response.header("Retry-After");
        if ((code == 503 || code == 408) && retryAfter != null) {
            return response.newBuilder().removeHeader("Retry-After").header(ORIGINAL_RETRY_AFTER, retryAfter).build();
        }
        return response;
    }
}
