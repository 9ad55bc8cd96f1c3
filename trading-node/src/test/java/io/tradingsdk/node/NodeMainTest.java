package io.tradingsdk.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NodeMain runs a node from a node file; SIGTERM stops it cleanly; a refused configuration exits with 2. */
class NodeMainTest {

    private static final String TRADING = """
            account:
              id: main-test
              mode: %s
            data:
              provider: ticking
              parameters:
                everyMillis: 50
              symbols: [AAPL]
              timeframe: 1Min
            strategies:
              - id: probe
                provider: probe
                symbols: [AAPL]
                parameters:
                  period: 1
            risk:
              useDefaults: false
              rules:
                - provider: max-order-notional
                  parameters:
                    maxNotional: 1000000
            execution:
              provider: paper
            journal:
              provider: memory
            """;

    @Test
    void unconfirmedLiveExitsWithStatus2AndStartsNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("trading.yaml"), TRADING.formatted("live"));
        Path node = dir.resolve("node.yaml");
        Files.writeString(node, "trading: trading.yaml\n");
        assertThat(NodeMain.run(node)).isEqualTo(2);
    }

    @Test
    void sigtermStopsTheNodeCleanlyAndNoOrderIsCreatedAfterTheHalt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("trading.yaml"), TRADING.formatted("paper"));
        Path node = dir.resolve("node.yaml");
        Files.writeString(node, "trading: trading.yaml\nonStop: cancel\nstopTimeout: 5s\n");
        Path log = dir.resolve("node.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
                node.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            try {
                NodeFixture.await("the node trading and placing orders", () -> read(log).contains("is trading paper")
                        && count(read(log), "CREATED -> SUBMITTED") >= 1);
            } catch (AssertionError e) {
                String out = read(log);
                throw new AssertionError(e.getMessage() + "; node output:\n" + out.substring(Math.max(0, out.length() - 4000)));
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the process ended").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = read(log);
        assertThat(out).contains("the JVM is shutting down (SIGTERM or exit); stopping cleanly");
        assertThat(out).contains("trading node 'main-test' stopped");
        int halted = out.indexOf("trading state ACTIVE -> HALTED");
        assertThat(halted).isPositive();
        assertThat(out.substring(halted)).doesNotContain("CREATED -> SUBMITTED");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int count(String text, String what) {
        return List.of(text.split(java.util.regex.Pattern.quote(what), -1)).size() - 1;
    }
}
