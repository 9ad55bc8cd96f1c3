package io.tradingsdk.sandbox;

import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link SandboxServer} replays and how: the bar source and query (the caller chooses the
 * data), the wall time between replayed bar steps, the account's starting cash, the accepted API
 * keys, the port and an optional volume limit on fills. Validated by {@link Builder#build()}, which
 * throws {@link IllegalArgumentException} naming the setting and the rejected value. The secret
 * never appears in {@link #toString()}.
 */
public final class SandboxConfig {
    private final MarketDataSource source;
    private final BarQuery query;
    private final Duration barInterval;
    private final BigDecimal initialCash;
    private final String keyId;
    private final String secretKey;
    private final int port;
    private final BigDecimal volumeShare;

    private SandboxConfig(Builder b) {
        this.source = b.source;
        this.query = b.query;
        this.barInterval = b.barInterval;
        this.initialCash = b.initialCash;
        this.keyId = b.keyId;
        this.secretKey = b.secretKey;
        this.port = b.port;
        this.volumeShare = b.volumeShare;
    }

    /**
     * @param source where the bars come from; the sandbox opens one cursor with {@code query} and
     *               closes it with the server, but never closes the source
     * @param query  which symbols and period to replay; its symbols are the tradable assets
     *               (crypto pairs written {@code BTC/USD})
     */
    public static Builder builder(MarketDataSource source, BarQuery query) {
        return new Builder(source, query);
    }

    public MarketDataSource source() {
        return source;
    }

    public BarQuery query() {
        return query;
    }

    /** Wall time between two replayed steps (all bars starting at one instant form a step). */
    public Duration barInterval() {
        return barInterval;
    }

    public BigDecimal initialCash() {
        return initialCash;
    }

    /** The accepted key id, or null when any non-empty key pair is accepted. */
    public String keyId() {
        return keyId;
    }

    String secretKey() {
        return secretKey;
    }

    /** The port on 127.0.0.1; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** The share of a bar's volume that may fill per bar, or null for no limit. */
    public BigDecimal volumeShare() {
        return volumeShare;
    }

    @Override
    public String toString() {
        return "SandboxConfig[source=" + source.name() + ", symbols=" + query.symbols() + ", from=" + query.from()
                + ", to=" + query.to() + ", barInterval=" + barInterval + ", initialCash=" + initialCash.toPlainString()
                + ", keyId=" + (keyId == null ? "(any)" : keyId) + ", secretKey=" + (secretKey == null ? "(any)" : "****")
                + ", port=" + port + ", volumeShare=" + volumeShare + "]";
    }

    /** Builds a {@link SandboxConfig}; defaults: 100 ms per step, 100000 cash, any keys, a free port, no volume limit. */
    public static final class Builder {
        private final MarketDataSource source;
        private final BarQuery query;
        private Duration barInterval = Duration.ofMillis(100);
        private BigDecimal initialCash = new BigDecimal("100000");
        private String keyId;
        private String secretKey;
        private int port;
        private BigDecimal volumeShare;

        private Builder(MarketDataSource source, BarQuery query) {
            this.source = Objects.requireNonNull(source, "source");
            this.query = Objects.requireNonNull(query, "query");
        }

        public Builder barInterval(Duration interval) {
            this.barInterval = interval;
            return this;
        }

        public Builder initialCash(BigDecimal cash) {
            this.initialCash = cash;
            return this;
        }

        /** Only this key pair is accepted (REST headers and stream auth). */
        public Builder credentials(String keyId, String secretKey) {
            this.keyId = keyId;
            this.secretKey = secretKey;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** At most this share (0 &lt; share &le; 1) of each bar's volume fills, so large orders fill in parts. */
        public Builder volumeShare(BigDecimal share) {
            this.volumeShare = share;
            return this;
        }

        public SandboxConfig build() {
            if (barInterval == null || barInterval.isNegative() || barInterval.isZero()
                    || barInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("barInterval must be more than 0 and at most 1 hour, was " + barInterval);
            }
            if (initialCash == null || initialCash.signum() < 0 || initialCash.compareTo(new BigDecimal("1e12")) > 0) {
                throw new IllegalArgumentException("initialCash must be from 0 to 1e12, was "
                        + (initialCash == null ? null : initialCash.toPlainString()));
            }
            if ((keyId == null) != (secretKey == null) || keyId != null && (keyId.isEmpty() || secretKey.isEmpty())) {
                throw new IllegalArgumentException("credentials need a non-empty key id and secret key together, or neither");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
            }
            if (volumeShare != null && (volumeShare.signum() <= 0 || volumeShare.compareTo(BigDecimal.ONE) > 0)) {
                throw new IllegalArgumentException("volumeShare must be more than 0 and at most 1, was "
                        + volumeShare.toPlainString());
            }
            return new SandboxConfig(this);
        }
    }
}
