package io.tradingsdk.research;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.core.backtest.BacktestProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A job's log gets a readable progress line at most once per interval, and always the last one. */
class ProgressPrinterTest {

    @Test
    void atMostOneLinePerIntervalAndAlwaysTheLast() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(1),
                now::get);

        for (int i = 1; i <= 100; i++) {
            now.set(i * 50_000_000L); // 20 reports a second
            p.onProgress(new BacktestProgressListener.Progress(i * 1000L, 100_000, Duration.ofMillis(i * 50L)));
        }

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(6); // the first, one per second of 5 s (the last at 100 %)
        assertThat(lines[0]).isEqualTo("backtest: 1,000 / 100,000 bars (1.0 %), 20,000 bars/s, about 4 s left");
        assertThat(lines[lines.length - 1]).isEqualTo("backtest: 100,000 / 100,000 bars (100.0 %), 20,000 bars/s, done");
    }

    @Test
    void longTimesAreInMinutesAndHours() {
        assertThat(ProgressPrinter.human(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(ProgressPrinter.human(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
    }

    @Test
    void backtestReportsProgressWithTheBarTotal() {
        java.util.List<BacktestProgressListener.Progress> seen = new java.util.ArrayList<>();
        ResearchBacktest.run(Examples.aapl(), Examples.registry(), n -> null,
                RunOptions.statisticsOnly().withProgress(seen::add, Duration.ZERO));

        // 252 bars, counted before the run: fewer than the 256 between two clock reads, so only the final report.
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).barsDone()).isEqualTo(252);
        assertThat(seen.get(0).barsTotal()).isEqualTo(252);
    }
}
