package io.tradingsdk.postgres.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.postgres.PostgresJournalConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class its own, empty database on a real PostgreSQL:
 *
 * <ul>
 *   <li>the server named by {@code TRADING_TEST_JDBC_URL} (with {@code TRADING_TEST_JDBC_USER} and
 *       {@code TRADING_TEST_JDBC_PASSWORD}) when that is set; its user needs CREATEDB;</li>
 *   <li>otherwise one embedded PostgreSQL per JVM ({@link EmbeddedServer}), or, with
 *       {@link #ownServer()}, a server of the test class's own that it may stop and start (such
 *       tests are skipped against an external server).</li>
 * </ul>
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestDatabase db = TestDatabase.perClass();
 * }</pre>
 *
 * One database per test class ({@code CREATE DATABASE} before the first test, dropped after the
 * last), so classes never see each other's rows.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    public static final String URL_VARIABLE = "TRADING_TEST_JDBC_URL";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");
    private static EmbeddedServer shared;

    private final boolean own;
    private final boolean fsync;
    private EmbeddedServer server;
    private String baseUrl;
    private String adminUrl;
    private String user;
    private String password;
    private String database;
    private HikariDataSource dataSource;

    private TestDatabase(boolean own, boolean fsync) {
        this.own = own;
        this.fsync = fsync;
    }

    /** A database on the shared server (or the external one). */
    public static TestDatabase perClass() {
        return new TestDatabase(false, false);
    }

    /** A database on a server of this class's own, which it may stop and start. */
    public static TestDatabase ownServer() {
        return new TestDatabase(true, false);
    }

    /** Like {@link #ownServer()}, with fsync and synchronous commit on (for measurements). */
    public static TestDatabase ownDurableServer() {
        return new TestDatabase(true, true);
    }

    public static boolean external() {
        String url = System.getenv(URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        database = ("t_" + context.getRequiredTestClass().getSimpleName() + "_" + SEQUENCE.incrementAndGet()
                + "_" + ProcessHandle.current().pid()).toLowerCase(Locale.ROOT);
        if (external()) {
            Matcher m = URL.matcher(System.getenv(URL_VARIABLE));
            if (!m.matches()) {
                throw new IllegalArgumentException(URL_VARIABLE + " must look like jdbc:postgresql://host:port/db");
            }
            adminUrl = System.getenv(URL_VARIABLE);
            baseUrl = m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
            user = System.getenv("TRADING_TEST_JDBC_USER");
            password = System.getenv("TRADING_TEST_JDBC_PASSWORD");
        } else {
            server = own ? EmbeddedServer.start(fsync) : shared();
            adminUrl = server.jdbcUrl("postgres");
            baseUrl = server.jdbcUrl(database);
            user = server.user();
            password = null;
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            // The name is built above from [a-z0-9_] only; CREATE DATABASE cannot take a parameter.
            s.execute("CREATE DATABASE " + database);
        }
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(baseUrl);
        dataSource.setUsername(user);
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setMaximumPoolSize(4);
        dataSource.setMinimumIdle(0);
        dataSource.setInitializationFailTimeout(-1);
        dataSource.setPoolName("test-" + database);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (dataSource != null) {
            dataSource.close();
        }
        if (own && server != null) {
            server.close();
            return;
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static synchronized EmbeddedServer shared() {
        if (shared == null) {
            shared = EmbeddedServer.start(false);
        }
        return shared;
    }

    private Connection admin() throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(adminUrl, p);
    }

    /** The class's database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/t_myclass_1_123}. */
    public String jdbcUrl() {
        return baseUrl;
    }

    /** The URL of the class's database with its host and port replaced (for a proxy in front). */
    public String jdbcUrlVia(int port) {
        return baseUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    /** The server's port. */
    public int port() {
        Matcher m = Pattern.compile("//[^/:]+:(\\d+)/").matcher(baseUrl);
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }

    public String user() {
        return user;
    }

    /** The password, or {@code null} (the embedded server trusts local connections). */
    public String password() {
        return password;
    }

    /** A pool on the class's database, for checks from outside the code under test. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** The server of an {@link #ownServer()} class; {@code null} otherwise. */
    public EmbeddedServer server() {
        return own ? server : null;
    }

    /** A journal configuration for this database with test-friendly timeouts. */
    public PostgresJournalConfig.Builder journalConfig(Path spillDirectory) {
        return journalConfig(jdbcUrl(), spillDirectory);
    }

    public PostgresJournalConfig.Builder journalConfig(String url, Path spillDirectory) {
        PostgresJournalConfig.Builder b = PostgresJournalConfig.builder()
                .jdbcUrl(url)
                .user(user)
                .spillDirectory(spillDirectory)
                .connectTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .intentTimeout(Duration.ofSeconds(5))
                .retryBackoffMax(Duration.ofMillis(200))
                .closeTimeout(Duration.ofSeconds(10));
        if (password != null) {
            b.password(new Secret(password, "env:TRADING_TEST_JDBC_PASSWORD"));
        }
        return b;
    }

    /** Runs a query that returns one number. */
    public long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
