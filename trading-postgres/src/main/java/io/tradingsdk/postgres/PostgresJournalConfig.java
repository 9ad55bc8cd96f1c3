package io.tradingsdk.postgres;

import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.api.provider.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a {@link PostgresTradeJournal} and of the connection pool it may create. Immutable;
 * made with {@link #builder()}. Each builder setter checks its value at once and throws
 * {@link IllegalArgumentException} naming the setting and the rejected value; nothing changes then.
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class PostgresJournalConfig {

    /** The default schema: {@code trading}. */
    public static final String DEFAULT_SCHEMA = "trading";
    /** The default spill directory, relative to the working directory: {@code trading-journal-spill}. */
    public static final Path DEFAULT_SPILL_DIRECTORY = Path.of("trading-journal-spill");

    private final String jdbcUrl;
    private final String user;
    private final Secret password;
    private final SchemaName schema;
    private final Path spillDirectory;
    private final int memoryBufferRecords;
    private final int batchSize;
    private final long maxSpillBytes;
    private final Duration intentTimeout;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration retryBackoffMax;
    private final Duration closeTimeout;
    private final Duration backlogWait;
    private final int poolSize;
    private final boolean migrate;
    private final String applicationName;

    private PostgresJournalConfig(Builder b) {
        this.jdbcUrl = b.jdbcUrl;
        this.user = b.user;
        this.password = b.password;
        this.schema = b.schema;
        this.spillDirectory = b.spillDirectory;
        this.memoryBufferRecords = b.memoryBufferRecords;
        this.batchSize = b.batchSize;
        this.maxSpillBytes = b.maxSpillBytes;
        this.intentTimeout = b.intentTimeout;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
        this.retryBackoffMax = b.retryBackoffMax;
        this.closeTimeout = b.closeTimeout;
        this.backlogWait = b.backlogWait;
        this.poolSize = b.poolSize;
        this.migrate = b.migrate;
        this.applicationName = b.applicationName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.jdbcUrl = jdbcUrl;
        b.user = user;
        b.password = password;
        b.schema = schema;
        b.spillDirectory = spillDirectory;
        b.memoryBufferRecords = memoryBufferRecords;
        b.batchSize = batchSize;
        b.maxSpillBytes = maxSpillBytes;
        b.intentTimeout = intentTimeout;
        b.connectTimeout = connectTimeout;
        b.socketTimeout = socketTimeout;
        b.retryBackoffMax = retryBackoffMax;
        b.closeTimeout = closeTimeout;
        b.backlogWait = backlogWait;
        b.poolSize = poolSize;
        b.migrate = migrate;
        b.applicationName = applicationName;
        return b;
    }

    /** The JDBC URL, or {@code null} when the host hands over its own DataSource. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public Secret password() {
        return password;
    }

    public SchemaName schema() {
        return schema;
    }

    /** Where records go when PostgreSQL is unreachable and the memory buffer is full. */
    public Path spillDirectory() {
        return spillDirectory;
    }

    /** Records held in memory while they wait to be written; beyond, they go to the spill file. */
    public int memoryBufferRecords() {
        return memoryBufferRecords;
    }

    /** The most records written in one transaction. */
    public int batchSize() {
        return batchSize;
    }

    /** The largest the spill file may grow; beyond it records are dropped, counted and logged. */
    public long maxSpillBytes() {
        return maxSpillBytes;
    }

    /** How long {@code recordIntent} may take before its future fails (and the order is not sent). */
    public Duration intentTimeout() {
        return intentTimeout;
    }

    /** TCP connect and login timeout; also how long a caller waits for a pooled connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The longest a statement may wait for the server's answer on an open connection. */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** The longest pause between retries of a failed batch (it starts at 50 ms and doubles). */
    public Duration retryBackoffMax() {
        return retryBackoffMax;
    }

    /** How long {@code close()} waits for buffered records to be written before it spills them. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * How long a read of order state (fills, an order's events, {@code journaledOrder},
     * {@code unfinishedOrders}, reconciliations) waits for records still buffered, or left in the
     * spill file by a previous run, to be written before it reads; past it the read fails with
     * {@link JournalUnavailableException} rather than answer without them.
     */
    public Duration backlogWait() {
        return backlogWait;
    }

    /** Connections of the pool the journal creates (not used with a host DataSource). */
    public int poolSize() {
        return poolSize;
    }

    /** Whether the journal applies the SQL migrations when it opens. */
    public boolean migrate() {
        return migrate;
    }

    public String applicationName() {
        return applicationName;
    }

    @Override
    public String toString() {
        return "PostgresJournalConfig[url=" + (jdbcUrl == null ? null : redactUrl(jdbcUrl)) + ", user=" + user + ", password=" + (password == null ? "none" : "****")
                + ", schema=" + schema + ", spillDirectory=" + spillDirectory + ", memoryBufferRecords=" + memoryBufferRecords
                + ", batchSize=" + batchSize + ", maxSpillBytes=" + maxSpillBytes + ", intentTimeout=" + intentTimeout
                + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout + ", retryBackoffMax="
                + retryBackoffMax + ", closeTimeout=" + closeTimeout + ", backlogWait=" + backlogWait + ", poolSize=" + poolSize + ", migrate=" + migrate + "]";
    }

    /** Builds a {@link PostgresJournalConfig}; not thread-safe. */
    public static final class Builder {
        private String jdbcUrl;
        private String user;
        private Secret password;
        private SchemaName schema = SchemaName.of(DEFAULT_SCHEMA);
        private Path spillDirectory = DEFAULT_SPILL_DIRECTORY;
        private int memoryBufferRecords = 100_000;
        private int batchSize = 2_000;
        private long maxSpillBytes = 1L << 30;
        private Duration intentTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration socketTimeout = Duration.ofSeconds(30);
        private Duration retryBackoffMax = Duration.ofSeconds(2);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Duration backlogWait = Duration.ofSeconds(30);
        private int poolSize = 4;
        private boolean migrate = true;
        private String applicationName = "trading-sdk";

        private Builder() {
        }

        /**
         * The server, e.g. {@code jdbc:postgresql://db.internal:5432/app}. Driver settings in the
         * URL are kept, except that the journal sets its timeouts itself.
         *
         * @throws IllegalArgumentException if it is not a {@code jdbc:postgresql:} URL or asks for
         *                                  {@code preferQueryMode=simple} (which would inline
         *                                  values into SQL text instead of binding them)
         */
        public Builder jdbcUrl(String url) {
            Objects.requireNonNull(url, "jdbcUrl");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was '" + redactUrl(url) + "'");
            }
            String lower = url.toLowerCase(Locale.ROOT).replace(" ", "");
            if (lower.contains("preferquerymode=simple")) {
                throw new IllegalArgumentException("jdbcUrl must not set preferQueryMode=simple (values are always bound), was '"
                        + redactUrl(url) + "'");
            }
            this.jdbcUrl = url;
            return this;
        }

        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        public Builder password(Secret password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** @throws IllegalArgumentException as {@link SchemaName#of} */
        public Builder schema(String schema) {
            this.schema = SchemaName.of(schema);
            return this;
        }

        public Builder spillDirectory(Path directory) {
            this.spillDirectory = Objects.requireNonNull(directory, "spillDirectory");
            return this;
        }

        /** @throws IllegalArgumentException unless in [100, 10,000,000] */
        public Builder memoryBufferRecords(int records) {
            this.memoryBufferRecords = (int) range("memoryBufferRecords", records, 100, 10_000_000);
            return this;
        }

        /** @throws IllegalArgumentException unless in [1, 50,000] */
        public Builder batchSize(int records) {
            this.batchSize = (int) range("batchSize", records, 1, 50_000);
            return this;
        }

        /** @throws IllegalArgumentException unless at least 1 MiB */
        public Builder maxSpillBytes(long bytes) {
            this.maxSpillBytes = range("maxSpillBytes", bytes, 1L << 20, Long.MAX_VALUE);
            return this;
        }

        /** @throws IllegalArgumentException unless in [100 ms, 5 min] */
        public Builder intentTimeout(Duration timeout) {
            this.intentTimeout = duration("intentTimeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(5));
            return this;
        }

        /** @throws IllegalArgumentException unless in [250 ms, 5 min] */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = duration("connectTimeout", timeout, Duration.ofMillis(250), Duration.ofMinutes(5));
            return this;
        }

        /** @throws IllegalArgumentException unless in [1 s, 1 h] */
        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = duration("socketTimeout", timeout, Duration.ofSeconds(1), Duration.ofHours(1));
            return this;
        }

        /** @throws IllegalArgumentException unless in [50 ms, 1 min] */
        public Builder retryBackoffMax(Duration max) {
            this.retryBackoffMax = duration("retryBackoffMax", max, Duration.ofMillis(50), Duration.ofMinutes(1));
            return this;
        }

        /** @throws IllegalArgumentException unless in [0, 10 min] */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = duration("closeTimeout", timeout, Duration.ZERO, Duration.ofMinutes(10));
            return this;
        }

        /** @throws IllegalArgumentException unless in [100 ms, 10 min] */
        public Builder backlogWait(Duration wait) {
            this.backlogWait = duration("backlogWait", wait, Duration.ofMillis(100), Duration.ofMinutes(10));
            return this;
        }

        /** @throws IllegalArgumentException unless in [2, 64] */
        public Builder poolSize(int size) {
            this.poolSize = (int) range("poolSize", size, 2, 64);
            return this;
        }

        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /** @throws IllegalArgumentException if blank or longer than 63 characters */
        public Builder applicationName(String name) {
            Objects.requireNonNull(name, "applicationName");
            if (name.isBlank() || name.length() > 63) {
                throw new IllegalArgumentException("applicationName must be 1 to 63 characters, was '" + name + "'");
            }
            this.applicationName = name;
            return this;
        }

        public PostgresJournalConfig build() {
            return new PostgresJournalConfig(this);
        }

        private static long range(String field, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
            }
            return value;
        }

        private static Duration duration(String field, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, field);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
            }
            return value;
        }
    }

    /**
     * The URL without its query string, whose password=... must not reach a message, and with its user
     * info ({@code user:pass@}) masked, shown by {@link SafeText}'s rule.
     */
    static String redactUrl(String url) {
        int q = url.indexOf('?');
        return SafeText.shown(q < 0 ? url : url.substring(0, q) + "?...");
    }
}
