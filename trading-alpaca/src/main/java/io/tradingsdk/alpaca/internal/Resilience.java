package io.tradingsdk.alpaca.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tradingsdk.alpaca.AlpacaCircuitState;
import io.tradingsdk.alpaca.AlpacaConfig;
import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import okhttp3.Response;

/**
 * Resilience4j parts of one connection: a circuit breaker per {@link AlpacaEndpointGroup}, a
 * client-side rate limiter and a 429 gate per host (trading, data), and the retry policy of
 * idempotent GETs. Used by {@link ResilienceInterceptor}.
 */
public final class Resilience {
    private final Map<AlpacaEndpointGroup, CircuitBreaker> breakers = new EnumMap<>(AlpacaEndpointGroup.class);
    private final RateLimiter tradingLimiter;
    private final RateLimiter dataLimiter;
    private final RateLimitGate tradingGate;
    private final RateLimitGate dataGate;
    private final Retry getRetry;

    public Resilience(AlpacaConfig cfg, Counters counters, StatusHub hub) {
        CircuitBreakerConfig cb = CircuitBreakerConfig.custom()
                .failureRateThreshold(cfg.circuitFailureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(cfg.circuitSlidingWindowSize())
                .minimumNumberOfCalls(Math.min(cfg.circuitMinimumCalls(), cfg.circuitSlidingWindowSize()))
                .waitDurationInOpenState(cfg.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, cfg.circuitSlidingWindowSize())))
                .build();
        for (AlpacaEndpointGroup g : AlpacaEndpointGroup.values()) {
            CircuitBreaker b = CircuitBreaker.of("alpaca-" + g.name().toLowerCase(java.util.Locale.ROOT), cb);
            b.getEventPublisher().onStateTransition(e -> hub.circuitChanged(g, map(e.getStateTransition().getFromState()),
                    map(e.getStateTransition().getToState())));
            breakers.put(g, b);
        }
        RateLimiterConfig rl = RateLimiterConfig.custom()
                .limitForPeriod(cfg.requestsPerPeriod())
                .limitRefreshPeriod(cfg.rateLimitPeriod())
                .timeoutDuration(cfg.maxRateLimitWait())
                .build();
        tradingLimiter = RateLimiter.of("alpaca-trading", rl);
        dataLimiter = RateLimiter.of("alpaca-data", rl);
        tradingGate = new RateLimitGate("trading API", cfg.maxRateLimitWait());
        dataGate = new RateLimitGate("market data API", cfg.maxRateLimitWait());

        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(cfg.retryInitialDelay(), 2.0, 0.5,
                cfg.retryMaxDelay());
        long maxDelay = cfg.retryMaxDelay().toMillis();
        IntervalBiFunction<Response> interval = (attempt, outcome) -> {
            if (outcome.isRight()) {
                Response r = outcome.get();
                if (r.code() == 429) {
                    return 1L; // the gate waits for the announced reset before the next attempt
                }
                long retryAfter = RateLimitGate.retryAfterMillis(r);
                if (retryAfter >= 0) {
                    return Math.max(1L, Math.min(retryAfter, maxDelay));
                }
            }
            return backoff.apply(attempt);
        };
        RetryConfig rc = RetryConfig.<Response>custom()
                .maxAttempts(cfg.getMaxAttempts())
                .intervalBiFunction(interval)
                .retryOnResult(r -> isRetryableStatus(r.code()))
                .retryOnException(t -> t instanceof IOException && !(t instanceof RequestNotSentException))
                .consumeResultBeforeRetryAttempt((attempt, r) -> r.close())
                .failAfterMaxAttempts(false)
                .build();
        getRetry = Retry.of("alpaca-get", rc);
        getRetry.getEventPublisher().onRetry(e -> counters.retries.increment());
    }

    /** 408, 429 and 5xx say nothing definitive about a GET; it is safe to ask again. */
    public static boolean isRetryableStatus(int code) {
        return code == 408 || code == 429 || code >= 500;
    }

    public CircuitBreaker breaker(AlpacaEndpointGroup g) {
        return breakers.get(g);
    }

    public RateLimiter limiter(AlpacaEndpointGroup g) {
        return g == AlpacaEndpointGroup.MARKET_DATA ? dataLimiter : tradingLimiter;
    }

    public RateLimitGate gate(AlpacaEndpointGroup g) {
        return g == AlpacaEndpointGroup.MARKET_DATA ? dataGate : tradingGate;
    }

    public Retry getRetry() {
        return getRetry;
    }

    public Map<AlpacaEndpointGroup, AlpacaCircuitState> states() {
        Map<AlpacaEndpointGroup, AlpacaCircuitState> m = new EnumMap<>(AlpacaEndpointGroup.class);
        breakers.forEach((g, b) -> m.put(g, map(b.getState())));
        return m;
    }

    static AlpacaCircuitState map(CircuitBreaker.State s) {
        switch (s) {
            case CLOSED:
                return AlpacaCircuitState.CLOSED;
            case HALF_OPEN:
                return AlpacaCircuitState.HALF_OPEN;
            case FORCED_OPEN:
                return AlpacaCircuitState.FORCED_OPEN;
            case DISABLED:
            case METRICS_ONLY:
                return AlpacaCircuitState.DISABLED;
            case OPEN:
            default:
                return AlpacaCircuitState.OPEN;
        }
    }
}
