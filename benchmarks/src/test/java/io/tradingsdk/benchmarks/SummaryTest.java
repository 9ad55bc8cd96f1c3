package io.tradingsdk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The summary table run.sh prints: each figure set against its target, from JMH's JSON result format. */
class SummaryTest {

    private static String result(String benchmark, String mode, String params, double score, String unit, String secondary,
                                 String percentiles) {
        return """
                {"jmhVersion":"1.37","benchmark":"io.tradingsdk.benchmarks.%s","mode":"%s","threads":1,"forks":3,
                 "jvm":"/usr/lib/jvm/x/bin/java","jvmArgs":["-Xms1g","-Xmx1g","-XX:+AlwaysPreTouch"],
                 "jdkVersion":"25.0.3","vmName":"OpenJDK 64-Bit Server VM","vmVersion":"25.0.3+9-LTS",
                 "warmupIterations":5,"warmupTime":"1 s","measurementIterations":5,"measurementTime":"1 s",
                 "params":{%s},
                 "primaryMetric":{"score":%s,"scoreError":"NaN","scoreUnit":"%s","scorePercentiles":{%s}},
                 "secondaryMetrics":{%s}}
                """.formatted(benchmark, mode, params, score, unit, percentiles, secondary);
    }

    @Test
    void setsEachFigureAgainstItsTarget() throws Exception {
        String json = "[" + String.join(",",
                result("RiskCheckBenchmark.check", "avgt", "\"rules\":\"default\",\"portfolio\":\"flat\"", 42.0, "ns/op",
                        "\"gc.alloc.rate.norm\":{\"score\":0.0001,\"scoreError\":0,\"scoreUnit\":\"B/op\"}", ""),
                result("RiskCheckBenchmark.check", "sample", "\"rules\":\"default\",\"portfolio\":\"flat\"", 60.0, "ns/op", "",
                        "\"50.0\":40,\"99.0\":90,\"99.9\":300"),
                result("RiskCheckBenchmark.check", "avgt", "\"rules\":\"default\",\"portfolio\":\"long\"", 170.0, "ns/op",
                        "\"gc.alloc.rate.norm\":{\"score\":240,\"scoreError\":0,\"scoreUnit\":\"B/op\"}", ""),
                result("SignalToIntentBenchmark.signalToIntent", "avgt", "\"journal\":\"memory\"", 1500.0, "ns/op", "", ""),
                result("PipelineBenchmark.backtest", "thrpt", "\"bars\":\"10000\",\"impl\":\"sdk\"", 300.0, "ops/s",
                        "\"bars\":{\"score\":3000000,\"scoreError\":1000,\"scoreUnit\":\"ops/s\"}", ""),
                result("PipelineBenchmark.backtest", "thrpt", "\"bars\":\"10000\",\"impl\":\"ta4j-double\"", 100.0, "ops/s",
                        "\"bars\":{\"score\":1000000,\"scoreError\":1000,\"scoreUnit\":\"ops/s\"}", ""),
                result("PipelineBenchmark.backtest", "thrpt", "\"bars\":\"10000\",\"impl\":\"ta4j-decimal\"", 10.0, "ops/s",
                        "\"bars\":{\"score\":100000,\"scoreError\":1000,\"scoreUnit\":\"ops/s\"}", ""),
                result("PipelineBenchmark.backtest", "thrpt", "\"bars\":\"10000\",\"impl\":\"bars-only\"", 40000.0, "ops/s",
                        "\"bars\":{\"score\":400000000,\"scoreError\":1000,\"scoreUnit\":\"ops/s\"}", ""),
                result("PostgresJournalBenchmark.batchedRows", "thrpt", "", 2.7, "ops/s",
                        "\"rows\":{\"score\":54321,\"scoreError\":1234,\"scoreUnit\":\"ops/s\"}", ""),
                result("PostgresJournalBenchmark.intentCommit", "sample", "", 612.5, "us/op", "",
                        "\"50.0\":420,\"99.0\":6100,\"99.9\":9000")) + "]";

        String table = Summary.render(new ObjectMapper().readTree(json),
                "MEMORY bars=10000000 journal=none maxHeapMB=512 liveAfterGcPeakMB=300.0 poolPeakSumMB=500.0 "
                        + "finalLiveMB=50.0 seconds=20.0 barsPerSecond=500000 trades=190000 fills=380000 java=25");

        assertThat(table).contains("JDK 25.0.3");
        assertThat(table).containsPattern("risk check, all built-in rules, flat account \\| 42\\.0 ns avg, 0 B/op; "
                + "p99 90 ns, p99\\.9 300 ns \\| <= 50 ns avg, 0 B/op \\| met \\| 3 forks x 5 x 1 s");
        assertThat(table).containsPattern("long account \\| 170\\.0 ns avg, 240 B/op \\| .* \\| MISSED");
        assertThat(table).containsPattern("signal to approved intent, journal memory \\| 1500\\.0 ns avg.* \\| <= 1 us avg \\| MISSED");
        assertThat(table).contains("backtest 10000 bars, sdk | 3,000,000 ± 1,000 bars/s");
        assertThat(table).containsPattern("sdk / ta4j-double \\| 3\\.00x \\| - \\| -");
        assertThat(table).containsPattern("sdk / ta4j-decimal \\| 30\\.00x \\| - \\| -");
        // 1e9 / 3M, 1e9 / 1M, 1e9 / 400M
        assertThat(table).contains("time per bar 10000 bars: sdk / ta4j-double / reading the bars only | 333.3 / 1000.0 / 2.5 ns");
        assertThat(table).containsPattern("10000000-bar backtest memory, journal none \\| live after GC peak 300\\.0 MB.* \\| met");
        assertThat(table).contains("PostgreSQL journal, batched rows until durable (embedded PostgreSQL, fsync on) | 54,321 ± 1,234 rows/s");
        assertThat(table).contains("PostgreSQL journal, intent commit (journal-first, synchronous commit) | p50 420 us, p99 6100 us,"
                + " p99.9 9000 us; 612.5 us avg");
    }

    @Test
    void signalToAckIsMetOnlyWhenBothP50AndP99AreWithinTheFloor() throws Exception {
        String met = "[" + result("live.SignalToAckBenchmark.signalToAck", "sample", "", 900.0, "us/op", "",
                "\"50.0\":700,\"99.0\":4900,\"99.9\":12000") + "]";
        String slowTail = met.replace("\"99.0\":4900", "\"99.0\":5100");
        String slowMedian = met.replace("\"50.0\":700", "\"50.0\":1001");
        String inMillis = met.replace("us/op", "ms/op").replace("\"50.0\":700", "\"50.0\":0.7")
                .replace("\"99.0\":4900", "\"99.0\":4.9");

        assertThat(Summary.render(new ObjectMapper().readTree(met), null)).contains("| signal to broker acknowledgement, "
                + "engine + AlpacaExecutor + local Alpaca on loopback | p50 700 us, p99 4900 us, p99.9 12000 us; 900.0 us avg"
                + " | p50 <= 1 ms, p99 <= 5 ms | met |");
        String floor = "[" + result("live.SignalToAckFloorBenchmark.postToAnswer", "sample", "", 300.0, "us/op", "",
                "\"50.0\":250,\"99.0\":900,\"99.9\":2000") + "]";
        assertThat(Summary.render(new ObjectMapper().readTree(floor), null)).contains("| peer: the same order POSTed to the same"
                + " local Alpaca by a bare OkHttp client until its answer (no SDK) | p50 250 us, p99 900 us, p99.9 2000 us;"
                + " 300.0 us avg | - | - |");
        assertThat(Summary.render(new ObjectMapper().readTree(slowTail), null)).contains("| p50 <= 1 ms, p99 <= 5 ms | MISSED |");
        assertThat(Summary.render(new ObjectMapper().readTree(slowMedian), null)).contains("| p50 <= 1 ms, p99 <= 5 ms | MISSED |");
        assertThat(Summary.render(new ObjectMapper().readTree(inMillis), null)).contains("| p50 <= 1 ms, p99 <= 5 ms | met |");
    }

    @Test
    void barToOrderRowComesFromTheHarnessLine() throws Exception {
        String line = "samples=2000 warmup=500 pauseMs=10 p50us=812 p99us=3400 p999us=9100 maxus=12000 ackP50us=1500"
                + " ackP99us=5200 ackP999us=11000 load=3.10/2.90/2.50";

        assertThat(Summary.render(new ObjectMapper().readTree("[]"), null, line)).contains("| bar sent on the market-data stream"
                + " to order POST at the local Alpaca (sandbox clock, loopback) | p50 812 us, p99 3400 us, p99.9 9100 us, max 12000 us;"
                + " to the acknowledgement at the engine p50 1500 us, p99 5200 us | - | - | BarToOrderLatency, 2000 samples after"
                + " 500 warmup, 10 ms apart, load average 3.10/2.90/2.50 |");
        assertThat(Summary.render(new ObjectMapper().readTree("[]"), null, null)).doesNotContain("bar sent on the market-data stream");
    }

    @Test
    void sweepSpeedUpIsOneThreadsTimeOverTwoThreads() throws Exception {
        String json = "[" + String.join(",",
                result("SweepBenchmark.sweep", "avgt", "\"bars\":\"100000\",\"threads\":\"1\"", 900.0, "ms/op", "", ""),
                result("SweepBenchmark.sweep", "avgt", "\"bars\":\"100000\",\"threads\":\"2\"", 500.0, "ms/op", "", ""))
                + "]";
        String slow = json.replace("500.0", "600.0");

        assertThat(Summary.render(new ObjectMapper().readTree(json), null)).contains("parameter sweep, 8 backtests of 100000 "
                + "bars: 1 thread 900.0 ms, 2 threads 500.0 ms | speed-up 1.80x | >= 1.7x on 2 cores | met");
        assertThat(Summary.render(new ObjectMapper().readTree(slow), null)).contains("| speed-up 1.50x | >= 1.7x on 2 cores | MISSED");
    }

    @Test
    void flagsAMemoryRunWhoseLiveSetReachedTheHeap() throws Exception {
        String table = Summary.render(new ObjectMapper().readTree("[]"),
                "MEMORY bars=10000000 journal=none maxHeapMB=512 liveAfterGcPeakMB=500.0 poolPeakSumMB=800.0 "
                        + "finalLiveMB=50.0 seconds=20.0 barsPerSecond=500000 trades=190000 fills=380000 java=25");

        assertThat(table).contains("| met, at the heap limit |");
    }

    @Test
    void saysWhatDidNotRun() throws Exception {
        String table = Summary.render(new ObjectMapper().readTree("[]"), null);

        assertThat(table).contains("10M-bar backtest memory | not run");
        assertThat(table).doesNotContain("risk check, all built-in rules").doesNotContain("PostgreSQL journal");
    }
}
