package io.tradingsdk.alpaca;

import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.api.provider.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything an Alpaca connection needs: credentials, environment, base URLs, limits, timeouts and
 * resilience settings. Immutable; build it with {@link #builder(Secret, Secret)}.
 *
 * <p><b>Safety rules enforced by {@link Builder#build()}</b> (an {@link IllegalArgumentException}
 * naming the field and the rejected value as {@link SafeText} shows it: a URL's user info and
 * secret-looking query parameters masked, at most 120 characters; never a secret):
 * <ul>
 *   <li>Paper is the default. A trading base URL on Alpaca's live host needs {@code mode LIVE},
 *       and a LIVE mode refuses the paper host: live trading happens only when asked for.</li>
 *   <li>Key id and secret key must be non-empty visible ASCII without spaces. They are checked
 *       here, before alpaca-java or OkHttp see them (both echo bad values in exception messages).</li>
 *   <li>Plain {@code http} is accepted only for loopback hosts (tests), so keys never travel
 *       unencrypted.</li>
 * </ul>
 *
 * <p>{@link #toString()} shows where the secrets came from, never their values.
 */
public final class AlpacaConfig {

    /** Alpaca's market data host. */
    public static final String DEFAULT_DATA_BASE_URL = "https://data.alpaca.markets";
    /** Feeds accepted for historical stock bars (sent lower case, as the API requires). */
    public static final Set<String> FEEDS = Set.of("iex", "sip", "boats", "otc");
    /** Bar adjustments accepted by the bars endpoint. */
    public static final Set<String> ADJUSTMENTS = Set.of("raw", "split", "dividend", "all");

    private final Secret keyId;
    private final Secret secretKey;
    private final AlpacaMode mode;
    private final URI tradingBaseUrl;
    private final URI dataBaseUrl;
    private final String feed;
    private final String adjustment;
    private final int barPageLimit;
    private final int requestsPerPeriod;
    private final Duration rateLimitPeriod;
    private final Duration maxRateLimitWait;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final int getMaxAttempts;
    private final Duration retryInitialDelay;
    private final Duration retryMaxDelay;
    private final float circuitFailureRateThreshold;
    private final int circuitSlidingWindowSize;
    private final int circuitMinimumCalls;
    private final Duration circuitOpenDuration;
    private final Duration unknownResolveInitialDelay;
    private final Duration unknownResolveMaxDelay;
    private final int unknownNotFoundLookups;
    private final Duration unknownNotFoundMinAge;
    private final boolean streamEnabled;
    private final Duration streamReconnectMinDelay;
    private final Duration streamReconnectMaxDelay;
    private final Duration streamPingInterval;
    private final Duration streamAuthTimeout;
    private final Duration staleOrderCheckInterval;
    private final Duration staleOrderAge;
    private final int ioThreads;

    private AlpacaConfig(Builder b) {
        this.keyId = b.keyId;
        this.secretKey = b.secretKey;
        this.mode = b.mode;
        this.tradingBaseUrl = b.tradingBaseUrl;
        this.dataBaseUrl = b.dataBaseUrl;
        this.feed = b.feed;
        this.adjustment = b.adjustment;
        this.barPageLimit = b.barPageLimit;
        this.requestsPerPeriod = b.requestsPerPeriod;
        this.rateLimitPeriod = b.rateLimitPeriod;
        this.maxRateLimitWait = b.maxRateLimitWait;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.getMaxAttempts = b.getMaxAttempts;
        this.retryInitialDelay = b.retryInitialDelay;
        this.retryMaxDelay = b.retryMaxDelay;
        this.circuitFailureRateThreshold = b.circuitFailureRateThreshold;
        this.circuitSlidingWindowSize = b.circuitSlidingWindowSize;
        this.circuitMinimumCalls = b.circuitMinimumCalls;
        this.circuitOpenDuration = b.circuitOpenDuration;
        this.unknownResolveInitialDelay = b.unknownResolveInitialDelay;
        this.unknownResolveMaxDelay = b.unknownResolveMaxDelay;
        this.unknownNotFoundLookups = b.unknownNotFoundLookups;
        this.unknownNotFoundMinAge = b.unknownNotFoundMinAge;
        this.streamEnabled = b.streamEnabled;
        this.streamReconnectMinDelay = b.streamReconnectMinDelay;
        this.streamReconnectMaxDelay = b.streamReconnectMaxDelay;
        this.streamPingInterval = b.streamPingInterval;
        this.streamAuthTimeout = b.streamAuthTimeout;
        this.staleOrderCheckInterval = b.staleOrderCheckInterval;
        this.staleOrderAge = b.staleOrderAge;
        this.ioThreads = b.ioThreads;
    }

    /** A builder with paper mode and the defaults documented on each setter. */
    public static Builder builder(Secret keyId, Secret secretKey) {
        return new Builder(keyId, secretKey);
    }

    /** A builder pre-filled with this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public Secret keyId() {
        return keyId;
    }

    public Secret secretKey() {
        return secretKey;
    }

    public AlpacaMode mode() {
        return mode;
    }

    /** The trading API base URL (orders, account, clock, and the {@code /stream} websocket). */
    public URI tradingBaseUrl() {
        return tradingBaseUrl;
    }

    public URI dataBaseUrl() {
        return dataBaseUrl;
    }

    /** Lower-case feed for historical stock bars, e.g. {@code iex}. */
    public String feed() {
        return feed;
    }

    public String adjustment() {
        return adjustment;
    }

    public int barPageLimit() {
        return barPageLimit;
    }

    public int requestsPerPeriod() {
        return requestsPerPeriod;
    }

    public Duration rateLimitPeriod() {
        return rateLimitPeriod;
    }

    public Duration maxRateLimitWait() {
        return maxRateLimitWait;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration writeTimeout() {
        return writeTimeout;
    }

    public int getMaxAttempts() {
        return getMaxAttempts;
    }

    public Duration retryInitialDelay() {
        return retryInitialDelay;
    }

    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    public float circuitFailureRateThreshold() {
        return circuitFailureRateThreshold;
    }

    public int circuitSlidingWindowSize() {
        return circuitSlidingWindowSize;
    }

    public int circuitMinimumCalls() {
        return circuitMinimumCalls;
    }

    public Duration circuitOpenDuration() {
        return circuitOpenDuration;
    }

    public Duration unknownResolveInitialDelay() {
        return unknownResolveInitialDelay;
    }

    public Duration unknownResolveMaxDelay() {
        return unknownResolveMaxDelay;
    }

    public int unknownNotFoundLookups() {
        return unknownNotFoundLookups;
    }

    public Duration unknownNotFoundMinAge() {
        return unknownNotFoundMinAge;
    }

    public boolean streamEnabled() {
        return streamEnabled;
    }

    public Duration streamReconnectMinDelay() {
        return streamReconnectMinDelay;
    }

    public Duration streamReconnectMaxDelay() {
        return streamReconnectMaxDelay;
    }

    public Duration streamPingInterval() {
        return streamPingInterval;
    }

    public Duration streamAuthTimeout() {
        return streamAuthTimeout;
    }

    public Duration staleOrderCheckInterval() {
        return staleOrderCheckInterval;
    }

    public Duration staleOrderAge() {
        return staleOrderAge;
    }

    public int ioThreads() {
        return ioThreads;
    }

    /** Settings and where the secrets came from; never a secret value. */
    @Override
    public String toString() {
        return "AlpacaConfig[mode=" + mode + ", keyId=" + keyId + ", secretKey=" + secretKey + ", tradingBaseUrl="
                + tradingBaseUrl + ", dataBaseUrl=" + dataBaseUrl + ", feed=" + feed + ", rateLimit=" + requestsPerPeriod
                + "/" + rateLimitPeriod + ", readTimeout=" + readTimeout + ", getMaxAttempts=" + getMaxAttempts
                + ", stream=" + streamEnabled + "]";
    }

    /**
     * Builds an {@link AlpacaConfig}. Setters reject bad values at once with an
     * {@link IllegalArgumentException} naming the field; cross-field rules are checked by
     * {@link #build()}.
     */
    public static final class Builder {
        private Secret keyId;
        private Secret secretKey;
        private AlpacaMode mode = AlpacaMode.PAPER;
        private URI tradingBaseUrl;
        private URI dataBaseUrl = URI.create(DEFAULT_DATA_BASE_URL);
        private String feed = "iex";
        private String adjustment = "raw";
        private int barPageLimit = 10_000;
        private int requestsPerPeriod = 200;
        private Duration rateLimitPeriod = Duration.ofMinutes(1);
        private Duration maxRateLimitWait = Duration.ofSeconds(65);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private int getMaxAttempts = 4;
        private Duration retryInitialDelay = Duration.ofMillis(250);
        private Duration retryMaxDelay = Duration.ofSeconds(5);
        private float circuitFailureRateThreshold = 50f;
        private int circuitSlidingWindowSize = 20;
        private int circuitMinimumCalls = 10;
        private Duration circuitOpenDuration = Duration.ofSeconds(30);
        private Duration unknownResolveInitialDelay = Duration.ofMillis(500);
        private Duration unknownResolveMaxDelay = Duration.ofSeconds(15);
        private int unknownNotFoundLookups = 3;
        private Duration unknownNotFoundMinAge = Duration.ofSeconds(5);
        private boolean streamEnabled = true;
        private Duration streamReconnectMinDelay = Duration.ofMillis(500);
        private Duration streamReconnectMaxDelay = Duration.ofSeconds(30);
        private Duration streamPingInterval = Duration.ofSeconds(15);
        private Duration streamAuthTimeout = Duration.ofSeconds(10);
        private Duration staleOrderCheckInterval = Duration.ofSeconds(15);
        private Duration staleOrderAge = Duration.ofSeconds(30);
        private int ioThreads = 4;

        private Builder(Secret keyId, Secret secretKey) {
            this.keyId = checkCredential("keyId", keyId);
            this.secretKey = checkCredential("secretKey", secretKey);
        }

        private Builder(AlpacaConfig c) {
            keyId = c.keyId;
            secretKey = c.secretKey;
            mode = c.mode;
            tradingBaseUrl = c.tradingBaseUrl;
            dataBaseUrl = c.dataBaseUrl;
            feed = c.feed;
            adjustment = c.adjustment;
            barPageLimit = c.barPageLimit;
            requestsPerPeriod = c.requestsPerPeriod;
            rateLimitPeriod = c.rateLimitPeriod;
            maxRateLimitWait = c.maxRateLimitWait;
            connectTimeout = c.connectTimeout;
            readTimeout = c.readTimeout;
            writeTimeout = c.writeTimeout;
            getMaxAttempts = c.getMaxAttempts;
            retryInitialDelay = c.retryInitialDelay;
            retryMaxDelay = c.retryMaxDelay;
            circuitFailureRateThreshold = c.circuitFailureRateThreshold;
            circuitSlidingWindowSize = c.circuitSlidingWindowSize;
            circuitMinimumCalls = c.circuitMinimumCalls;
            circuitOpenDuration = c.circuitOpenDuration;
            unknownResolveInitialDelay = c.unknownResolveInitialDelay;
            unknownResolveMaxDelay = c.unknownResolveMaxDelay;
            unknownNotFoundLookups = c.unknownNotFoundLookups;
            unknownNotFoundMinAge = c.unknownNotFoundMinAge;
            streamEnabled = c.streamEnabled;
            streamReconnectMinDelay = c.streamReconnectMinDelay;
            streamReconnectMaxDelay = c.streamReconnectMaxDelay;
            streamPingInterval = c.streamPingInterval;
            streamAuthTimeout = c.streamAuthTimeout;
            staleOrderCheckInterval = c.staleOrderCheckInterval;
            staleOrderAge = c.staleOrderAge;
            ioThreads = c.ioThreads;
        }

        /** PAPER (default) or LIVE. LIVE trades real money. */
        public Builder mode(AlpacaMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Trading API base URL; default {@link AlpacaMode#defaultTradingBaseUrl()} of the mode. */
        public Builder tradingBaseUrl(String url) {
            this.tradingBaseUrl = url == null || url.isBlank() ? null : checkBaseUrl("tradingBaseUrl", url);
            return this;
        }

        /** Market data base URL; default {@value #DEFAULT_DATA_BASE_URL}. */
        public Builder dataBaseUrl(String url) {
            this.dataBaseUrl = url == null || url.isBlank() ? URI.create(DEFAULT_DATA_BASE_URL)
                    : checkBaseUrl("dataBaseUrl", url);
            return this;
        }

        /** Feed for historical stock bars: iex (default), sip, boats or otc; sent lower case. */
        public Builder feed(String feed) {
            String f = feed == null ? "" : feed.trim().toLowerCase(Locale.ROOT);
            if (!FEEDS.contains(f)) {
                throw new IllegalArgumentException("feed must be one of " + new java.util.TreeSet<>(FEEDS) + ", was " + SafeText.quoted(feed));
            }
            this.feed = f;
            return this;
        }

        /** Bar adjustment: raw (default), split, dividend or all. */
        public Builder adjustment(String adjustment) {
            String a = adjustment == null ? "" : adjustment.trim().toLowerCase(Locale.ROOT);
            if (!ADJUSTMENTS.contains(a)) {
                throw new IllegalArgumentException("adjustment must be one of " + new java.util.TreeSet<>(ADJUSTMENTS)
                        + ", was " + SafeText.quoted(adjustment));
            }
            this.adjustment = a;
            return this;
        }

        /** Bars per page of the bars endpoint, 1 to 10000 (default 10000). */
        public Builder barPageLimit(int limit) {
            this.barPageLimit = range("barPageLimit", limit, 1, 10_000);
            return this;
        }

        /**
         * Client-side request limit: at most {@code requests} per {@code period} over all endpoints of a
         * host (default 200 per minute, Alpaca's limit per account).
         */
        public Builder rateLimit(int requests, Duration period) {
            this.requestsPerPeriod = range("requestsPerPeriod", requests, 1, 1_000_000);
            this.rateLimitPeriod = positive("rateLimitPeriod", period);
            return this;
        }

        /**
         * The longest a request waits for a rate limit permit or for the reset announced by a 429,
         * before it fails unsent (default 65 s).
         */
        public Builder maxRateLimitWait(Duration d) {
            this.maxRateLimitWait = nonNegative("maxRateLimitWait", d);
            return this;
        }

        /** Connect, read and write timeouts of each HTTP attempt (defaults 5 s, 10 s, 10 s). */
        public Builder timeouts(Duration connect, Duration read, Duration write) {
            this.connectTimeout = positive("connectTimeout", connect);
            this.readTimeout = positive("readTimeout", read);
            this.writeTimeout = positive("writeTimeout", write);
            return this;
        }

        /**
         * Retries of idempotent GETs after an I/O error, 408, 429 or 5xx: at most {@code maxAttempts}
         * attempts in all (default 4), exponential backoff from {@code initialDelay} (default 250 ms)
         * with jitter, capped at {@code maxDelay} (default 5 s). POST, PATCH and DELETE are never
         * retried.
         */
        public Builder getRetries(int maxAttempts, Duration initialDelay, Duration maxDelay) {
            this.getMaxAttempts = range("getMaxAttempts", maxAttempts, 1, 20);
            this.retryInitialDelay = positive("retryInitialDelay", initialDelay);
            this.retryMaxDelay = positive("retryMaxDelay", maxDelay);
            return this;
        }

        /**
         * Circuit breaker per endpoint group: opens when at least {@code failureRatePercent} of the last
         * {@code windowSize} calls failed (once {@code minimumCalls} were made), stays open for
         * {@code openDuration}. Defaults 50 %, 20, 10, 30 s.
         */
        public Builder circuitBreaker(float failureRatePercent, int windowSize, int minimumCalls, Duration openDuration) {
            if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
                throw new IllegalArgumentException("circuitFailureRateThreshold must be in (0, 100], was " + failureRatePercent);
            }
            this.circuitFailureRateThreshold = failureRatePercent;
            this.circuitSlidingWindowSize = range("circuitSlidingWindowSize", windowSize, 1, 10_000);
            this.circuitMinimumCalls = range("circuitMinimumCalls", minimumCalls, 1, 10_000);
            this.circuitOpenDuration = positive("circuitOpenDuration", openDuration);
            return this;
        }

        /**
         * How an ambiguous submission is resolved: lookups by client order id, backing off from
         * {@code initialDelay} (default 500 ms) to {@code maxDelay} (default 15 s). It counts as never
         * received only after {@code notFoundLookups} lookups (default 3) answered 404 and at least
         * {@code notFoundMinAge} (default 5 s) passed since the send; lookups that fail go on until one
         * succeeds.
         */
        public Builder unknownResolution(Duration initialDelay, Duration maxDelay, int notFoundLookups,
                                         Duration notFoundMinAge) {
            this.unknownResolveInitialDelay = positive("unknownResolveInitialDelay", initialDelay);
            this.unknownResolveMaxDelay = positive("unknownResolveMaxDelay", maxDelay);
            this.unknownNotFoundLookups = range("unknownNotFoundLookups", notFoundLookups, 1, 100);
            this.unknownNotFoundMinAge = nonNegative("unknownNotFoundMinAge", notFoundMinAge);
            return this;
        }

        /** Whether the executor listens to the trade update stream (default true). */
        public Builder streamEnabled(boolean enabled) {
            this.streamEnabled = enabled;
            return this;
        }

        /**
         * Trade update stream: reconnect backoff between {@code reconnectMin} (default 500 ms) and
         * {@code reconnectMax} (default 30 s) with jitter; websocket ping interval (default 15 s, zero
         * for none); how long authorization and subscription may take (default 10 s).
         */
        public Builder stream(Duration reconnectMin, Duration reconnectMax, Duration pingInterval, Duration authTimeout) {
            this.streamReconnectMinDelay = positive("streamReconnectMinDelay", reconnectMin);
            this.streamReconnectMaxDelay = positive("streamReconnectMaxDelay", reconnectMax);
            this.streamPingInterval = nonNegative("streamPingInterval", pingInterval);
            this.streamAuthTimeout = positive("streamAuthTimeout", authTimeout);
            return this;
        }

        /**
         * Because a connected stream is no proof that events flow, open orders without an event for
         * {@code staleAge} (default 30 s) are looked up over REST every {@code checkInterval} (default 15 s).
         */
        public Builder staleOrderCheck(Duration checkInterval, Duration staleAge) {
            this.staleOrderCheckInterval = positive("staleOrderCheckInterval", checkInterval);
            this.staleOrderAge = positive("staleOrderAge", staleAge);
            return this;
        }

        /** Threads for blocking REST calls (default 4). */
        public Builder ioThreads(int n) {
            this.ioThreads = range("ioThreads", n, 1, 64);
            return this;
        }

        /**
         * Checks cross-field rules and builds.
         *
         * @throws IllegalArgumentException naming the field, e.g. a live host with paper mode
         */
        public AlpacaConfig build() {
            if (tradingBaseUrl == null) {
                tradingBaseUrl = URI.create(mode.defaultTradingBaseUrl());
            }
            String host = tradingBaseUrl.getHost().toLowerCase(Locale.ROOT);
            if (host.equals(AlpacaMode.LIVE.tradingHost()) && mode != AlpacaMode.LIVE) {
                throw new IllegalArgumentException("tradingBaseUrl " + tradingBaseUrl + " is Alpaca's live (real money) host"
                        + " but mode is " + mode + "; set mode LIVE explicitly to trade live");
            }
            if (host.equals(AlpacaMode.PAPER.tradingHost()) && mode != AlpacaMode.PAPER) {
                throw new IllegalArgumentException("tradingBaseUrl " + tradingBaseUrl + " is Alpaca's paper host but mode is "
                        + mode);
            }
            if (streamReconnectMaxDelay.compareTo(streamReconnectMinDelay) < 0) {
                throw new IllegalArgumentException("streamReconnectMaxDelay " + streamReconnectMaxDelay
                        + " must not be below streamReconnectMinDelay " + streamReconnectMinDelay);
            }
            if (retryMaxDelay.compareTo(retryInitialDelay) < 0) {
                throw new IllegalArgumentException("retryMaxDelay " + retryMaxDelay + " must not be below retryInitialDelay "
                        + retryInitialDelay);
            }
            if (unknownResolveMaxDelay.compareTo(unknownResolveInitialDelay) < 0) {
                throw new IllegalArgumentException("unknownResolveMaxDelay " + unknownResolveMaxDelay
                        + " must not be below unknownResolveInitialDelay " + unknownResolveInitialDelay);
            }
            return new AlpacaConfig(this);
        }

        // ------------------------------------------------------------------ checks

        /** Credentials go into HTTP headers: visible ASCII only, checked without echoing the value. */
        private static Secret checkCredential(String field, Secret s) {
            if (s == null) {
                throw new IllegalArgumentException(field + " is required (an Alpaca API credential)");
            }
            String v = s.reveal();
            if (v.isEmpty()) {
                throw new IllegalArgumentException(field + " from " + s.source() + " is empty");
            }
            if (v.length() > 256) {
                throw new IllegalArgumentException(field + " from " + s.source() + " is longer than 256 characters");
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c <= 0x20 || c >= 0x7f) {
                    // Never the value, not even the character: it is part of a secret.
                    throw new IllegalArgumentException(field + " from " + s.source()
                            + " contains a space, control or non-ASCII character at position " + i
                            + " (check for a pasted newline or quotes)");
                }
            }
            return s;
        }

        private static URI checkBaseUrl(String field, String url) {
            URI u;
            try {
                u = new URI(url.trim());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(field + " is not a URL: " + SafeText.quoted(url));
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new IllegalArgumentException(field + " must be an http(s) URL with a host, was " + SafeText.quoted(url));
            }
            if (scheme.equals("http") && !isLoopback(u.getHost())) {
                throw new IllegalArgumentException(field + " must use https (API keys travel in its headers), was " + SafeText.quoted(url)
                        + "; plain http is accepted for loopback hosts only");
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null || u.getUserInfo() != null) {
                throw new IllegalArgumentException(field + " must not have user info, a query or a fragment, was " + SafeText.quoted(url));
            }
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            if (!path.isEmpty() && !path.equals("/")) {
                throw new IllegalArgumentException(field + " must have no path (the adapter adds /v2/...), was " + SafeText.quoted(url));
            }
            return URI.create(scheme + "://" + u.getRawAuthority());
        }

        static boolean isLoopback(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
        }

        private static int range(String field, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + v);
            }
            return v;
        }

        private static Duration positive(String field, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(field + " must be a positive duration, was " + d);
            }
            return d;
        }

        private static Duration nonNegative(String field, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(field + " must be zero or positive, was " + d);
            }
            return d;
        }
    }
}
