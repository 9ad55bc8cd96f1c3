package io.tradingsdk.research.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command a job runs: the files it promises land in the output folder, and mistakes get a clear message. */
class ResearchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ResearchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void backtestWritesTheReportAndTheCsvFiles(@TempDir Path dir) {
        assertThat(run("backtest", "--config", "config/aapl-2013.yaml", "--out", dir.toString())).as(stderr()).isZero();

        for (String f : new String[] {"report.html", "trades.csv", "equity.csv", "orders.csv", "fills.csv", "statistics.csv"}) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        assertThat(stdout()).contains("Backtest report: account aapl-2013").contains("report.html");
        // Progress on stderr, ending with the finished line.
        assertThat(stderr()).contains("backtest: 252 / 252 bars (100.0 %)").contains("done");
    }

    @Test
    void sweepWritesItsTableCsvAndPage(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("sweep.yaml");
        Files.writeString(spec, """
                strategy: sma-cross
                rankBy: sortino
                threads: 2
                parameters:
                  fastPeriod: [3, 5]
                  slowPeriod: [20, 30]
                """);

        assertThat(run("sweep", "--config", "config/aapl-2013.yaml", "--sweep", spec.toString(), "--out",
                dir.resolve("out").toString())).as(stderr()).isZero();

        assertThat(Files.readAllLines(dir.resolve("out/sweep.csv"))).hasSize(5)
                .first().asString().startsWith("rank,candidate,fastPeriod,slowPeriod,total_return");
        assertThat(dir.resolve("out/sweep.html")).isRegularFile();
        assertThat(stdout()).contains("Sweep of sma-cross: 4 runs, ranked by sortino");
        assertThat(stderr()).contains("sweep: 4 / 4 runs (100.0 %)");
    }

    @Test
    void walkForwardWritesItsFiles(@TempDir Path dir) {
        assertThat(run("walk-forward", "--config", "config/aapl-2013.yaml", "--sweep", "research/aapl-sma-sweep.yaml",
                "--threads", "2", "--out", dir.toString())).as(stderr()).isZero();

        assertThat(dir.resolve("walk-forward.html")).isRegularFile();
        assertThat(Files.exists(dir.resolve("walk-forward-equity.csv"))).isTrue();
        assertThat(stdout()).contains("Walk-forward of sma-cross: 5 windows").contains("stitched out-of-sample");
    }

    @Test
    void wrongUsageIsExplainedWithStatus2() {
        assertThat(run("sweep", "--config", "config/aapl-2013.yaml", "--out", "x")).isEqualTo(2);
        assertThat(stderr()).contains("sweep needs --sweep").contains("usage:");
        assertThat(run("optimise")).isEqualTo(2);
        assertThat(stderr()).contains("unknown command 'optimise'");
        assertThat(run("backtest", "--config", "c.yaml", "--out", "x", "--threads", "zero")).isEqualTo(2);
        assertThat(stderr()).contains("--threads must be a whole number, was 'zero'");
    }

    @Test
    void aConfigurationThatCannotRunFailsWithStatus1AndTheReason(@TempDir Path dir) throws Exception {
        assertThat(run("backtest", "--config", dir.resolve("missing.yaml").toString(), "--out", dir.toString())).isEqualTo(1);
        assertThat(stderr()).contains("missing.yaml is neither a file nor a resource on the classpath");

        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "strategy: sma-cross\nparameters:\n  fastPeriod: {form: 3}\n");
        assertThat(run("sweep", "--config", "config/aapl-2013.yaml", "--sweep", spec.toString(), "--out",
                dir.toString())).isEqualTo(1);
        assertThat(stderr()).contains("parameters.fastPeriod.form unknown key");
    }

    @Test
    void pluginJarsOnTheClasspathOptionAreUsed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such.jar");
        assertThat(run("backtest", "--config", "config/aapl-2013.yaml", "--out", dir.toString(), "--classpath",
                missing.toString())).isEqualTo(1);
        assertThat(stderr()).contains("--classpath entry " + missing + " does not exist");

        // A configuration only found through the added folder.
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins.resolve("extra"));
        String yaml = ResearchCommand.read("config/aapl-2013.yaml", getClass().getClassLoader());
        Files.writeString(plugins.resolve("extra/only-here.yaml"), yaml.replace("id: aapl-2013", "id: from-plugin"));
        assertThat(run("backtest", "--config", "extra/only-here.yaml", "--out", dir.resolve("out").toString(),
                "--classpath", plugins.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("account from-plugin");
    }
}
