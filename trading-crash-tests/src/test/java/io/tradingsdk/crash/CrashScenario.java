package io.tradingsdk.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsdk.alpaca.CrashAlpacaServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * One run of the crash test: the Alpaca-like server in its own process, a host process started,
 * killed with SIGKILL at seeded random points and started again {@code kills} times (PostgreSQL
 * killed with SIGKILL once, during one of those runs, if asked), a final host run that recovers and
 * finishes, then the checks.
 *
 * @param name    also the journal's schema and the folder under {@code target/crash-test/}
 * @param mode    the host's behaviour, {@code engine} or {@code naive} (see {@link CrashHost})
 * @param seed    drives the kill points, the server's faults and lost stream messages
 * @param kills   how many times the host is killed
 * @param signals how many signals the host sends in all
 * @param killPostgres whether PostgreSQL is killed once (in the middle run)
 */
record CrashScenario(String name, String mode, long seed, int kills, int signals, boolean killPostgres) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run did and found. */
    record Report(CrashScenario scenario, int hostKills, List<Integer> killExitCodes, int postgresKills,
                  int intents, int serverOrders, int orderPosts, int executions, int executionsWhileDown, int journaledFills,
                  Map<String, Long> faults, List<CrashChecker.Difference> differences) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append("crash run '").append(scenario.name()).append("' (host ").append(scenario.mode()).append(", seed ")
                    .append(scenario.seed()).append("): ").append(hostKills).append(" host kills (SIGKILL, exit codes ")
                    .append(new java.util.TreeSet<>(killExitCodes)).append("), ").append(postgresKills)
                    .append(" PostgreSQL kill(s); ").append(intents).append(" intents, ").append(serverOrders)
                    .append(" orders at the server (").append(orderPosts).append(" POSTs), ").append(executions)
                    .append(" executions at the server (").append(executionsWhileDown).append(" while no host ran), ")
                    .append(journaledFills).append(" fills journaled; faults ")
                    .append(faults).append("; ").append(differences.size()).append(" difference(s)");
            Map<CrashChecker.Kind, Long> byKind = new java.util.EnumMap<>(CrashChecker.Kind.class);
            differences.forEach(d -> byKind.merge(d.kind(), 1L, Long::sum));
            if (!byKind.isEmpty()) {
                b.append(" ").append(byKind);
            }
            for (CrashChecker.Difference d : differences) {
                b.append("\n  - ").append(d);
            }
            return b.toString();
        }
    }

    Report run(CrashPostgres postgres, Path root) throws Exception {
        Path dir = root.resolve(name);
        CrashFiles.deleteTree(dir);
        Files.createDirectories(dir);
        Random random = new Random(seed);
        Path progress = dir.resolve("progress.log");
        Path urlFile = dir.resolve("alpaca.url");
        List<Integer> exitCodes = new ArrayList<>();
        List<Instant> killedAt = new ArrayList<>();
        int pgKills = 0;
        int pgKillAt = killPostgres ? kills / 2 : -1;
        try (JavaProcess server = JavaProcess.start(CrashAlpacaServer.class, dir.resolve("alpaca-server.log"),
                List.of(urlFile.toString(), Long.toString(seed), "true"))) {
            await("the Alpaca-like server writes its URL", Duration.ofSeconds(60), () -> Files.exists(urlFile), server);
            String baseUrl = Files.readString(urlFile, StandardCharsets.UTF_8).trim();
            for (int k = 0; k < kills; k++) {
                int run = k;
                int readyBefore = count(progress, "ready");
                try (JavaProcess host = startHost(dir, baseUrl, postgres, run, false)) {
                    boolean early = random.nextInt(5) == 0; // some kills land while the host starts and recovers
                    long delay = early ? 300 + random.nextInt(1500) : 200 + random.nextInt(2300);
                    if (!early) {
                        await("host run " + run + " becomes ready", Duration.ofSeconds(90),
                                () -> count(progress, "ready") > readyBefore, host);
                    }
                    if (k == pgKillAt) {
                        Thread.sleep(delay / 2);
                        postgres.kill();
                        pgKills++;
                        Thread.sleep(500 + random.nextInt(1000)); // the host trades on without its journal
                        postgres.restart();
                        Thread.sleep(delay / 2);
                    } else {
                        Thread.sleep(delay);
                    }
                    if (!host.isAlive()) {
                        throw new IllegalStateException("host run " + run + " died by itself; log:\n"
                                + CrashFiles.tail(host.log(), 40));
                    }
                    exitCodes.add(host.kill());
                    killedAt.add(Instant.now());
                }
            }
            // The last run: recovery, the remaining signals, then the checks once the market filled everything.
            int allSentBefore = count(progress, "all-sent"); // an earlier life may have sent everything too
            try (JavaProcess host = startHost(dir, baseUrl, postgres, kills, true)) {
                await("the final host sends all its signals", Duration.ofSeconds(120),
                        () -> count(progress, "all-sent") > allSentBefore, host);
                await("the server fills every open order", Duration.ofSeconds(60), () -> openOrders(baseUrl) == 0, host);
                Files.writeString(dir.resolve("finish"), "", StandardCharsets.UTF_8);
                OptionalInt exit = host.waitFor(90);
                if (exit.isEmpty() || exit.getAsInt() != 0) {
                    throw new IllegalStateException("the final host did not finish cleanly (" + exit + "); log:\n"
                            + CrashFiles.tail(host.log(), 40));
                }
            }
            JsonNode state = serverState(baseUrl);
            Path ledgerFile = dir.resolve("ledger.json");
            JsonNode ledger = Files.exists(ledgerFile) ? JSON.readTree(ledgerFile.toFile()) : null;
            var journal = CrashChecker.journalOrders(postgres.jdbcUrl(), name);
            var fills = CrashChecker.journalFills(postgres.jdbcUrl(), name);
            List<CrashChecker.Difference> diffs = CrashChecker.check(state, journal, fills, ledger);
            Map<String, Long> faults = new TreeMap<>();
            state.path("faults").fields().forEachRemaining(e -> faults.put(e.getKey(), e.getValue().asLong()));
            int posts = 0;
            for (JsonNode n : state.path("orderPosts")) {
                posts += n.asInt();
            }
            int whileDown = whileDown(state, killedAt, readyTimes(progress));
            Report report = new Report(this, exitCodes.size(), exitCodes, pgKills, journal.size(),
                    state.path("orders").size(), posts, state.path("executions").size(), whileDown, fills.size(), faults,
                    diffs);
            Files.writeString(dir.resolve("report.txt"), report.toString(), StandardCharsets.UTF_8);
            return report;
        }
    }

    /** When each host life became ready, from the progress file. */
    private static List<Instant> readyTimes(Path progress) {
        List<Instant> out = new ArrayList<>();
        for (String line : CrashFiles.lines(progress)) {
            if (line.startsWith("ready ")) {
                out.add(Instant.ofEpochMilli(Long.parseLong(line.substring(6).trim())));
            }
        }
        return out;
    }

    /** Executions made while no host was ready: after a kill, before the next host became ready (one machine clock). */
    private static int whileDown(JsonNode state, List<Instant> kills, List<Instant> readies) {
        int n = 0;
        for (JsonNode e : state.path("executions")) {
            Instant t = Instant.parse(e.path("transaction_time").asText());
            for (Instant kill : kills) {
                Instant up = readies.stream().filter(r -> r.isAfter(kill)).findFirst().orElse(Instant.MAX);
                if (t.isAfter(kill) && t.isBefore(up)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private JavaProcess startHost(Path dir, String baseUrl, CrashPostgres postgres, int run, boolean last) {
        List<String> args = new ArrayList<>(List.of(mode, baseUrl, postgres.jdbcUrl(), name, dir.toString(),
                Integer.toString(signals)));
        if (last) {
            args.add("--final");
        }
        return JavaProcess.start(CrashHost.class, dir.resolve("host-" + run + ".log"), args);
    }

    /** Lines that are {@code word} or start with {@code word} and a space. */
    private static int count(Path file, String word) {
        return (int) CrashFiles.lines(file).stream().filter(l -> l.equals(word) || l.startsWith(word + " ")).count();
    }

    static JsonNode serverState(String baseUrl) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_test/state"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /_test/state answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private static int openOrders(String baseUrl) {
        try {
            int open = 0;
            for (JsonNode o : serverState(baseUrl).path("orders")) {
                String s = o.path("status").asText();
                if (!Set.of("filled", "canceled", "expired", "replaced", "rejected").contains(s)) {
                    open++;
                }
            }
            return open;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition, JavaProcess watched)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!watched.isAlive()) {
                throw new IllegalStateException("waiting until " + what + ": process " + watched.pid()
                        + " exited; log:\n" + CrashFiles.tail(watched.log(), 40));
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("waiting until " + what + ": not within " + timeout + "; log of "
                        + watched.pid() + ":\n" + CrashFiles.tail(watched.log(), 40));
            }
            Thread.sleep(20);
        }
    }
}
