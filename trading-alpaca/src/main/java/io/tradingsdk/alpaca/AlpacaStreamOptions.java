package io.tradingsdk.alpaca;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the live market data stream ({@link AlpacaMarketDataStream}); the connection's
 * {@link AlpacaConfig} supplies credentials, the REST host for backfills, the reconnect backoff
 * ({@link AlpacaConfig#streamReconnectMinDelay()} to {@link AlpacaConfig#streamReconnectMaxDelay()})
 * and the authentication timeout ({@link AlpacaConfig#streamAuthTimeout()}). Immutable; setters of
 * the {@link Builder} reject bad values with an {@link IllegalArgumentException} naming the field
 * and the value.
 */
public final class AlpacaStreamOptions {
    /** Alpaca's market data stream host. */
    public static final String DEFAULT_STREAM_BASE_URL = "https://stream.data.alpaca.markets";
    /** Stock feeds of the stream ({@code test} is Alpaca's always-on test stream of symbol FAKEPACA). */
    public static final Set<String> STOCK_FEEDS = Set.of("iex", "sip", "delayed_sip", "test");

    private final String stockFeed;
    private final URI streamBaseUrl;
    private final Duration silenceTimeout;
    private final Duration subscribeTimeout;
    private final Duration aggregationGrace;
    private final boolean backfill;
    private final int connectionLimitRetries;
    private final Clock clock;

    private AlpacaStreamOptions(Builder b) {
        stockFeed = b.stockFeed;
        streamBaseUrl = b.streamBaseUrl;
        silenceTimeout = b.silenceTimeout;
        subscribeTimeout = b.subscribeTimeout;
        aggregationGrace = b.aggregationGrace;
        backfill = b.backfill;
        connectionLimitRetries = b.connectionLimitRetries;
        clock = b.clock;
    }

    /** Defaults: feed iex, Alpaca's stream host, silence 3 min, subscribe 15 s, grace 10 s, backfill on. */
    public static AlpacaStreamOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code iex}, {@code sip}, {@code delayed_sip} or {@code test}: the stocks stream is {@code v2/<feed>}. */
    public String stockFeed() {
        return stockFeed;
    }

    public URI streamBaseUrl() {
        return streamBaseUrl;
    }

    /** A connected stream that sends nothing for this long is treated as dropped and reconnected. */
    public Duration silenceTimeout() {
        return silenceTimeout;
    }

    /** How long {@code subscribe} waits for Alpaca's confirmation before it gives up. */
    public Duration subscribeTimeout() {
        return subscribeTimeout;
    }

    /** How long after an aggregated bar's end the adapter waits for its last minute bar. */
    public Duration aggregationGrace() {
        return aggregationGrace;
    }

    /** Whether bars missed while disconnected are fetched over REST (default true). */
    public boolean backfill() {
        return backfill;
    }

    /** Connection-limit refusals (406) tolerated while reconnecting, before the stream gives up. */
    public int connectionLimitRetries() {
        return connectionLimitRetries;
    }

    /** The clock that says when a subscription starts and when an aggregated bar is due. */
    public Clock clock() {
        return clock;
    }

    /** The feed of historical bars used for backfills: the stream's feed, {@code sip} for delayed_sip. */
    String historicalFeed() {
        return switch (stockFeed) {
            case "sip", "delayed_sip" -> "sip";
            default -> "iex";
        };
    }

    @Override
    public String toString() {
        return "AlpacaStreamOptions[stockFeed=" + stockFeed + ", streamBaseUrl=" + streamBaseUrl + ", silenceTimeout="
                + silenceTimeout + ", backfill=" + backfill + "]";
    }

    /** Builds {@link AlpacaStreamOptions}. */
    public static final class Builder {
        private String stockFeed = "iex";
        private URI streamBaseUrl = URI.create(DEFAULT_STREAM_BASE_URL);
        private Duration silenceTimeout = Duration.ofMinutes(3);
        private Duration subscribeTimeout = Duration.ofSeconds(15);
        private Duration aggregationGrace = Duration.ofSeconds(10);
        private boolean backfill = true;
        private int connectionLimitRetries = 3;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The stocks feed: iex (default), sip, delayed_sip or test. */
        public Builder stockFeed(String feed) {
            String f = feed == null ? "" : feed.trim().toLowerCase(Locale.ROOT);
            if (!STOCK_FEEDS.contains(f)) {
                throw new IllegalArgumentException("stockFeed must be one of " + new java.util.TreeSet<>(STOCK_FEEDS)
                        + ", was '" + feed + "'");
            }
            this.stockFeed = f;
            return this;
        }

        /** Base URL of the stream host (https; plain http only for loopback hosts); no path. */
        public Builder streamBaseUrl(String url) {
            URI u;
            try {
                u = new URI(Objects.requireNonNull(url, "streamBaseUrl").trim());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("streamBaseUrl is not a URL: '" + url + "'");
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new IllegalArgumentException("streamBaseUrl must be an http(s) URL with a host, was '" + url + "'");
            }
            if (scheme.equals("http") && !AlpacaConfig.Builder.isLoopback(u.getHost())) {
                throw new IllegalArgumentException("streamBaseUrl must use https (the API key travels on it), was '" + url
                        + "'; plain http is accepted for loopback hosts only");
            }
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            if ((!path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null || u.getUserInfo() != null) {
                throw new IllegalArgumentException("streamBaseUrl must have no path, query or user info (the adapter adds"
                        + " /v2/<feed>), was '" + url + "'");
            }
            this.streamBaseUrl = URI.create(scheme + "://" + u.getRawAuthority());
            return this;
        }

        /** Silence after which the stream counts as dropped (default 3 minutes; at least 1 second). */
        public Builder silenceTimeout(Duration d) {
            this.silenceTimeout = atLeast("silenceTimeout", d, Duration.ofSeconds(1));
            return this;
        }

        /** How long subscribe waits for the confirmation (default 15 s). */
        public Builder subscribeTimeout(Duration d) {
            this.subscribeTimeout = atLeast("subscribeTimeout", d, Duration.ofMillis(100));
            return this;
        }

        /** Wait after an aggregated bar's end for its last minute (default 10 s, zero or more). */
        public Builder aggregationGrace(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("aggregationGrace must be zero or positive, was " + d);
            }
            this.aggregationGrace = d;
            return this;
        }

        /**
         * Whether bars missed while disconnected are fetched over REST (default true). Without it a
         * reconnect loses the bars published while the stream was down.
         */
        public Builder backfill(boolean on) {
            this.backfill = on;
            return this;
        }

        /** 406 refusals tolerated while reconnecting (default 3, 0 to 20). */
        public Builder connectionLimitRetries(int n) {
            if (n < 0 || n > 20) {
                throw new IllegalArgumentException("connectionLimitRetries must be in [0, 20], was " + n);
            }
            this.connectionLimitRetries = n;
            return this;
        }

        /** The clock (default UTC system clock); tests replaying a past day set it to that day. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public AlpacaStreamOptions build() {
            return new AlpacaStreamOptions(this);
        }

        private static Duration atLeast(String field, Duration d, Duration min) {
            if (d == null || d.compareTo(min) < 0) {
                throw new IllegalArgumentException(field + " must be at least " + min + ", was " + d);
            }
            return d;
        }
    }
}
