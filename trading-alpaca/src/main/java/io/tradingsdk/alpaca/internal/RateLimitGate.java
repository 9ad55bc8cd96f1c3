package io.tradingsdk.alpaca.internal;

import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back every request to one host until the time Alpaca named after a 429 (its
 * {@code X-RateLimit-Reset}, epoch seconds, or {@code Retry-After}, seconds), or after a response
 * said {@code X-RateLimit-Remaining: 0}. Thread-safe.
 */
public final class RateLimitGate {
    private static final Logger log = LoggerFactory.getLogger(RateLimitGate.class);
    /** Without any header, a 429 blocks this long. */
    private static final long DEFAULT_BLOCK_MILLIS = 1_000;

    private final String host;
    private final Duration maxWait;
    private final AtomicLong blockedUntilMillis = new AtomicLong();

    public RateLimitGate(String host, Duration maxWait) {
        this.host = host;
        this.maxWait = maxWait;
    }

    /**
     * Waits until the host accepts requests again.
     *
     * @throws RequestNotSentException if that is further away than the maximum wait
     */
    public void await(AlpacaEndpointGroup group) throws RequestNotSentException, InterruptedIOException {
        while (true) {
            long wait = blockedUntilMillis.get() - System.currentTimeMillis();
            if (wait <= 0) {
                return;
            }
            if (wait > maxWait.toMillis()) {
                throw new RequestNotSentException(RequestNotSentException.Reason.RATE_LIMIT_WAIT, group, "Alpaca's rate limit"
                        + " for " + host + " resets in " + wait + " ms, longer than the maximum wait " + maxWait);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for Alpaca's rate limit reset");
            }
        }
    }

    /** Reads the rate limit headers of a response; returns the block in milliseconds it set (0 if none). */
    public long observe(Response r) {
        long now = System.currentTimeMillis();
        long until = 0;
        String reset = r.header("X-RateLimit-Reset");
        Long resetMillis = null;
        if (reset != null) {
            try {
                resetMillis = Long.parseLong(reset.trim()) * 1000L;
            } catch (NumberFormatException ignored) {
                log.debug("alpaca: unreadable X-RateLimit-Reset '{}'", reset);
            }
        }
        if (r.code() == 429) {
            long retryAfter = retryAfterMillis(r);
            until = Math.max(resetMillis == null ? 0 : resetMillis, retryAfter < 0 ? 0 : now + retryAfter);
            if (until <= now) {
                until = now + DEFAULT_BLOCK_MILLIS;
            }
        } else if ("0".equals(trim(r.header("X-RateLimit-Remaining"))) && resetMillis != null && resetMillis > now) {
            until = resetMillis;
        }
        if (until > now) {
            blockedUntilMillis.accumulateAndGet(until, Math::max);
            log.warn("alpaca: {} rate limit reached (HTTP {}); holding requests for {} ms", host, r.code(), until - now);
            return until - now;
        }
        return 0;
    }

    /** Retry-After (or the adapter's copy of it) in milliseconds; -1 if absent or not seconds. */
    public static long retryAfterMillis(Response r) {
        String v = r.header("Retry-After");
        if (v == null) {
            v = r.header(WireInterceptor.ORIGINAL_RETRY_AFTER);
        }
        if (v == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(v.trim())) * 1000L;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
