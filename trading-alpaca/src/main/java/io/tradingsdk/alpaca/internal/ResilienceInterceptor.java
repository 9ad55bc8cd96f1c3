package io.tradingsdk.alpaca.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first application interceptor of the connection's OkHttpClient, so it governs alpaca-java's
 * requests as well as the adapter's own. For each request of an endpoint group:
 * <ol>
 *   <li>waits for a 429 reset announced earlier ({@link RateLimitGate});</li>
 *   <li>takes a permit of the client-side rate limiter;</li>
 *   <li>asks the group's circuit breaker; when open, fails at once with {@link RequestNotSentException};</li>
 *   <li>sends, and records I/O errors, timeouts, 408 and 5xx as breaker failures;</li>
 *   <li>for GET only: retries I/O errors, 408, 429 and 5xx with jittered backoff (Resilience4j
 *       Retry), honouring Retry-After and X-RateLimit-Reset. POST, PATCH and DELETE are sent once.</li>
 * </ol>
 * A 401 halts trading through the {@link StatusHub}. The stream's websocket upgrade passes through.
 */
public final class ResilienceInterceptor implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(ResilienceInterceptor.class);

    private final Resilience resilience;
    private final Endpoints endpoints;
    private final StatusHub hub;
    private final Counters counters;

    public ResilienceInterceptor(Resilience resilience, Endpoints endpoints, StatusHub hub, Counters counters) {
        this.resilience = resilience;
        this.endpoints = endpoints;
        this.hub = hub;
        this.counters = counters;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        AlpacaEndpointGroup group = endpoints.groupOf(request.url());
        if (group == null) {
            return chain.proceed(request);
        }
        if (!"GET".equals(request.method())) {
            return attempt(chain, request, group);
        }
        Retry retry = resilience.getRetry();
        try {
            return Retry.decorateCheckedSupplier(retry, () -> attempt(chain, request, group)).get();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("GET " + request.url().encodedPath() + " failed: " + t, t);
        }
    }

    private Response attempt(Chain chain, Request request, AlpacaEndpointGroup group) throws IOException {
        if (chain.call().isCanceled()) {
            throw new IOException("Canceled");
        }
        resilience.gate(group).await(group);
        try {
            if (!resilience.limiter(group).acquirePermission()) {
                counters.notSent.increment();
                throw new RequestNotSentException(RequestNotSentException.Reason.RATE_LIMIT_WAIT, group,
                        "no client-side rate limit permit for " + Endpoints.describe(request.method(), request.url())
                                + " within the maximum wait");
            }
        } catch (io.github.resilience4j.ratelimiter.RequestNotPermitted e) {
            counters.notSent.increment();
            throw new RequestNotSentException(RequestNotSentException.Reason.RATE_LIMIT_WAIT, group, e.getMessage());
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted before sending " + Endpoints.describe(request.method(), request.url()));
        }
        CircuitBreaker breaker = resilience.breaker(group);
        if (!breaker.tryAcquirePermission()) {
            counters.notSent.increment();
            throw new RequestNotSentException(RequestNotSentException.Reason.CIRCUIT_OPEN, group, "circuit of " + group
                    + " is " + breaker.getState() + "; " + Endpoints.describe(request.method(), request.url()) + " not sent");
        }
        long start = System.nanoTime();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException | RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
        long took = System.nanoTime() - start;
        int code = response.code();
        if (code == 429) {
            counters.rateLimited.increment();
            breaker.releasePermission(); // the service is up; it only asks us to slow down
        } else if (code == 408 || code >= 500) {
            breaker.onError(took, TimeUnit.NANOSECONDS, new ServerErrorException(code));
        } else {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        }
        resilience.gate(group).observe(response);
        if (code == 401) {
            hub.halt("Alpaca answered 401 unauthorized to " + Endpoints.describe(request.method(), request.url())
                    + ": the key id or secret key is wrong or revoked (configuration error)");
        }
        if (log.isDebugEnabled()) {
            log.debug("alpaca: {} -> {} in {} ms", Endpoints.describe(request.method(), request.url()), code,
                    TimeUnit.NANOSECONDS.toMillis(took));
        }
        return response;
    }

    /** Recorded as a breaker failure for 408 and 5xx answers; never thrown. */
    static final class ServerErrorException extends Exception {
        private static final long serialVersionUID = 1L;

        ServerErrorException(int code) {
            super("HTTP " + code, null, false, false);
        }
    }
}
