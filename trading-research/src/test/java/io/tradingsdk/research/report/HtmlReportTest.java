package io.tradingsdk.research.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.Examples;
import io.tradingsdk.research.ResearchBacktest;
import io.tradingsdk.research.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report people open from a folder or an e-mail: one file with everything in it, and CSV files with the
 * same numbers for pandas or a spreadsheet.
 */
class HtmlReportTest {
    private static BacktestRun run;

    @BeforeAll
    static void runAapl() {
        run = ResearchBacktest.run(Examples.aapl(), Examples.registry(), name -> null, RunOptions.report());
    }

    @Test
    void reportIsOneFileThatNeedsNothingFromOutside() throws Exception {
        Path file = HtmlReport.write(run, "AAPL 2013", Examples.buildOutput("research-report").resolve("aapl-2013.html"));
        String html = Files.readString(file);

        assertThat(html).contains("<title>AAPL 2013</title>").contains("uPlot").contains("id=\"report-data\"");
        // No external script, style sheet or image: it opens offline.
        assertThat(Pattern.compile("<(script|link|img)[^>]+(src|href)=", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .isFalse();
        assertThat(html).doesNotContain("http://cdn").doesNotContain("https://cdn");
        for (String chart : List.of("equity", "drawdown", "monthly", "exposure", "strategies", "denials", "latency")) {
            assertThat(html).contains("id=\"chart-" + chart + "\"");
        }
        assertThat(html).contains("<th>Sortino ratio</th>").contains("<th>CAGR</th>").contains("<th>Profit factor</th>")
                .contains("<th>Turnover (traded / mean equity)</th>");
    }

    @Test
    void titleIsEscaped() {
        assertThat(HtmlReport.render(run, "<script>alert(1)</script>"))
                .contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void csvFilesHoldEveryTradeOrderFillAndBar(@TempDir Path dir) throws Exception {
        CsvExport.write(run, dir);

        List<String> trades = Files.readAllLines(dir.resolve("trades.csv"));
        List<String> equity = Files.readAllLines(dir.resolve("equity.csv"));
        List<String> orders = Files.readAllLines(dir.resolve("orders.csv"));
        List<String> fills = Files.readAllLines(dir.resolve("fills.csv"));
        assertThat(trades.get(0)).isEqualTo("symbol,direction,opened,closed,quantity,entry_price,exit_price,pnl");
        assertThat(trades).hasSize(run.report().trades().size() + 1);
        assertThat(run.report().trades()).isNotEmpty();
        assertThat(equity).hasSize(run.series().equity().size() + 1);
        assertThat(equity.size() - 1).isEqualTo((int) run.report().bars()); // one symbol: one point per bar
        assertThat(fills).hasSize((int) run.report().fills() + 1);
        assertThat(orders.size() - 1).isEqualTo(run.metrics().overall().ordersSubmitted());
        // The first trade's P&L as in the report, exactly.
        assertThat(trades.get(1)).endsWith("," + run.report().trades().get(0).pnl().stripTrailingZeros().toPlainString());
        assertThat(Files.readString(dir.resolve("statistics.csv"))).contains("sortino,").contains("profit_factor,");
    }

    @Test
    void csvFilesRepeatByteForByte(@TempDir Path a, @TempDir Path b) throws Exception {
        CsvExport.write(run, a);
        BacktestRun again = ResearchBacktest.run(Examples.aapl(), Examples.registry(), name -> null, RunOptions.report());
        CsvExport.write(again, b);
        for (String f : CsvExport.FILES) {
            assertThat(Files.readString(b.resolve(f))).as(f).isEqualTo(Files.readString(a.resolve(f)));
        }
    }
}
