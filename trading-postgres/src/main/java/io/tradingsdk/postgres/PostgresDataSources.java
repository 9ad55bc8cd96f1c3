package io.tradingsdk.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Objects;

/**
 * Creates the HikariCP pool the journal and bar store use when the host does not hand over its own
 * {@link javax.sql.DataSource}. The pgjdbc settings that matter are set on purpose:
 * <ul>
 *   <li>{@code connectTimeout} and {@code loginTimeout} from {@link PostgresJournalConfig#connectTimeout()},
 *       and {@code socketTimeout} from {@link PostgresJournalConfig#socketTimeout()}, so no call waits
 *       for an unreachable server forever;</li>
 *   <li>{@code tcpKeepAlive=true}, so a silently dropped connection is noticed;</li>
 *   <li>{@code preferQueryMode=extended} (the default, stated so that no URL can switch to
 *       {@code simple}, which would inline values into SQL text; such URLs are refused);</li>
 *   <li>{@code ApplicationName}, so the connections are recognisable in {@code pg_stat_activity}.</li>
 * </ul>
 * The pool starts even if the server is down ({@code initializationFailTimeout=-1}): the journal
 * buffers until it returns. Callers wait at most the connect timeout for a pooled connection.
 */
public final class PostgresDataSources {

    private PostgresDataSources() {
    }

    /**
     * A new pool for the configuration's URL, user and password. The caller closes it.
     *
     * @throws IllegalArgumentException if the configuration has no JDBC URL
     */
    public static HikariDataSource create(PostgresJournalConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.jdbcUrl() == null) {
            throw new IllegalArgumentException("jdbcUrl must be set to create a connection pool, was null");
        }
        HikariConfig h = new HikariConfig();
        h.setPoolName("trading-postgres-" + config.schema().name());
        h.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            h.setUsername(config.user());
        }
        if (config.password() != null) {
            h.setPassword(config.password().reveal());
        }
        h.setMaximumPoolSize(config.poolSize());
        h.setMinimumIdle(Math.min(2, config.poolSize()));
        long connectMillis = config.connectTimeout().toMillis();
        h.setConnectionTimeout(Math.max(250, connectMillis));
        h.setValidationTimeout(Math.max(250, Math.min(1_000, connectMillis - 1)));
        h.setInitializationFailTimeout(-1);
        h.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
        h.addDataSourceProperty("connectTimeout", seconds(config.connectTimeout()));
        h.addDataSourceProperty("loginTimeout", seconds(config.connectTimeout()));
        h.addDataSourceProperty("socketTimeout", seconds(config.socketTimeout()));
        h.addDataSourceProperty("tcpKeepAlive", "true");
        h.addDataSourceProperty("preferQueryMode", "extended");
        h.addDataSourceProperty("ApplicationName", config.applicationName());
        return new HikariDataSource(h);
    }

    /** pgjdbc takes whole seconds; zero would mean "no timeout", so anything below a second is one second. */
    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
