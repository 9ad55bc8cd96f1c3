package io.tradingsdk.postgres;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.provider.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Provider {@code postgres}: opens a {@link PostgresTradeJournal} with its own connection pool.
 * Found through {@link java.util.ServiceLoader}; {@link #create} runs on the host's thread while
 * the engine is built and connects to the database (to apply or check the schema).
 *
 * <p>Parameters (all static): {@code url} (STRING, required, {@code jdbc:postgresql://...}),
 * {@code user} (STRING, empty: the driver's default), {@code password} (SECRET, empty),
 * {@code schema} (STRING, {@code trading}), {@code spillDirectory} (STRING,
 * {@code trading-journal-spill}), {@code memoryBufferRecords} (INTEGER, 100,000),
 * {@code batchSize} (INTEGER, 2,000), {@code maxSpillMegabytes} (INTEGER, 1,024),
 * {@code intentTimeout} (DURATION, 5s), {@code connectTimeout} (DURATION, 5s),
 * {@code socketTimeout} (DURATION, 30s), {@code backlogWait} (DURATION, 30s), {@code poolSize}
 * (INTEGER, 4), {@code migrate} (BOOLEAN, true). See {@link PostgresJournalConfig} for their meaning.
 *
 * @throws InvalidParameterException from {@link #create} naming the parameter for a URL that is
 *                                   not PostgreSQL's or asks for the simple query mode, a schema
 *                                   outside the allow-list, or a spill directory that is not a path
 */
public final class PostgresTradeJournalProvider implements TradeJournalProvider {

    public static final String URL = "url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String SCHEMA = "schema";
    public static final String SPILL_DIRECTORY = "spillDirectory";
    public static final String MEMORY_BUFFER_RECORDS = "memoryBufferRecords";
    public static final String BATCH_SIZE = "batchSize";
    public static final String MAX_SPILL_MEGABYTES = "maxSpillMegabytes";
    public static final String INTENT_TIMEOUT = "intentTimeout";
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String SOCKET_TIMEOUT = "socketTimeout";
    public static final String BACKLOG_WAIT = "backlogWait";
    public static final String POOL_SIZE = "poolSize";
    public static final String MIGRATE = "migrate";

    private static final ParameterSchema PARAMETERS = ParameterSchema.of(
            ParameterSpec.string(URL, null, Set.of(), "JDBC URL of the host's PostgreSQL, jdbc:postgresql://host:port/db")
                    .asStatic(),
            ParameterSpec.string(USER, "", Set.of(), "database user; empty for the driver's default").asStatic(),
            ParameterSpec.secret(PASSWORD, "database password, e.g. ${TRADING_DB_PASSWORD}")
                    .withDefault(new Secret("", "none")),
            ParameterSpec.string(SCHEMA, PostgresJournalConfig.DEFAULT_SCHEMA, Set.of(),
                    "schema of the trading tables; must match " + SchemaName.PATTERN).asStatic(),
            ParameterSpec.string(SPILL_DIRECTORY, PostgresJournalConfig.DEFAULT_SPILL_DIRECTORY.toString(), Set.of(),
                    "directory of the spill file that takes records while PostgreSQL is unreachable").asStatic(),
            ParameterSpec.integer(MEMORY_BUFFER_RECORDS, 100_000L, 100, 10_000_000,
                    "records held in memory while PostgreSQL is unreachable, before the spill file").asStatic(),
            ParameterSpec.integer(BATCH_SIZE, 2_000L, 1, 50_000, "records written per transaction").asStatic(),
            ParameterSpec.integer(MAX_SPILL_MEGABYTES, 1_024L, 1, 1_000_000,
                    "largest size of the spill file; beyond it records are dropped and counted").asStatic(),
            ParameterSpec.duration(INTENT_TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(5),
                    "how long an order intent may take to become durable before the order is not sent").asStatic(),
            ParameterSpec.duration(CONNECT_TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofMinutes(5),
                    "TCP connect and login timeout").asStatic(),
            ParameterSpec.duration(SOCKET_TIMEOUT, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1),
                    "longest wait for the server's answer on an open connection").asStatic(),
            ParameterSpec.duration(BACKLOG_WAIT, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMinutes(10),
                    "how long a read of order state (recovery) waits for buffered or spilled records to be written")
                    .asStatic(),
            ParameterSpec.integer(POOL_SIZE, 4L, 2, 64, "connections in the journal's pool").asStatic(),
            ParameterSpec.bool(MIGRATE, true, "apply the SQL migrations at start (off when the host runs Flyway or"
                    + " Liquibase)").asStatic());

    /** For {@link java.util.ServiceLoader}. */
    public PostgresTradeJournalProvider() {
    }

    @Override
    public String name() {
        return PostgresTradeJournal.NAME;
    }

    @Override
    public String description() {
        return "Durable journal in the host's PostgreSQL: intents committed before sending, the rest batched,"
                + " buffered and spilled while the database is away";
    }

    @Override
    public ParameterSchema parameterSchema() {
        return PARAMETERS;
    }

    @Override
    public TradeJournal create(Parameters parameters, ProviderContext context) {
        return PostgresTradeJournal.open(config(parameters));
    }

    /**
     * The journal configuration the parameters describe; parameters the schema does not declare
     * (a bar store's subset) keep their defaults.
     *
     * @throws InvalidParameterException naming the parameter
     */
    public static PostgresJournalConfig config(Parameters p) {
        Objects.requireNonNull(p, "parameters");
        PostgresJournalConfig.Builder b = PostgresJournalConfig.builder();
        apply(URL, p.getString(URL), () -> b.jdbcUrl(p.getString(URL)));
        if (!p.getString(USER).isEmpty()) {
            b.user(p.getString(USER));
        }
        Secret password = p.getSecret(PASSWORD);
        if (!password.isEmpty()) {
            b.password(password);
        }
        apply(SCHEMA, p.getString(SCHEMA), () -> b.schema(p.getString(SCHEMA)));
        if (has(p, SPILL_DIRECTORY)) {
            apply(SPILL_DIRECTORY, p.getString(SPILL_DIRECTORY),
                    () -> b.spillDirectory(Path.of(p.getString(SPILL_DIRECTORY))));
        }
        if (has(p, MEMORY_BUFFER_RECORDS)) {
            b.memoryBufferRecords(p.getInt(MEMORY_BUFFER_RECORDS));
        }
        if (has(p, BATCH_SIZE)) {
            b.batchSize(p.getInt(BATCH_SIZE));
        }
        if (has(p, MAX_SPILL_MEGABYTES)) {
            b.maxSpillBytes(p.getLong(MAX_SPILL_MEGABYTES) << 20);
        }
        if (has(p, INTENT_TIMEOUT)) {
            b.intentTimeout(p.getDuration(INTENT_TIMEOUT));
        }
        if (has(p, BACKLOG_WAIT)) {
            b.backlogWait(p.getDuration(BACKLOG_WAIT));
        }
        return b.connectTimeout(p.getDuration(CONNECT_TIMEOUT))
                .socketTimeout(p.getDuration(SOCKET_TIMEOUT))
                .poolSize(p.getInt(POOL_SIZE))
                .migrate(p.getBoolean(MIGRATE))
                .build();
    }

    private static boolean has(Parameters p, String name) {
        return p.schema().spec(name) != null;
    }

    private static void apply(String name, String value, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) { // InvalidPathException included
            throw new InvalidParameterException(name, value, "parameter '" + name + "': " + e.getMessage());
        }
    }
}
