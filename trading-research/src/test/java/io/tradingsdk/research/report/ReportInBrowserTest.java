package io.tradingsdk.research.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.Examples;
import io.tradingsdk.research.ResearchBacktest;
import io.tradingsdk.research.RunOptions;
import io.tradingsdk.research.sweep.ParameterRange;
import io.tradingsdk.research.sweep.RankStatistic;
import io.tradingsdk.research.sweep.Sweep;
import io.tradingsdk.research.sweep.SweepSpec;
import io.tradingsdk.research.sweep.WalkForward;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as people see it: opened from a file in a real headless Chromium, every chart is drawn with
 * data and the page logs no error. Leaves a screenshot under target/research-report. Skipped, with the
 * reason, on a machine without Chromium ({@code apt-get install chromium}; .ci/run installs it).
 */
class ReportInBrowserTest {
    private static final Pattern CHARTS = Pattern.compile("<html[^>]*\\bdata-charts=\"(\\d+)\"");
    private static final Pattern RENDERED = Pattern.compile("<html[^>]*\\bdata-rendered=\"(\\d+)\"");

    private static HeadlessChromium chromium;

    @BeforeAll
    static void findBrowser() {
        chromium = HeadlessChromium.find().orElse(null);
        if (chromium == null) {
            System.err.println("ReportInBrowserTest SKIPPED: no chromium on the PATH (apt-get install chromium)");
        }
    }

    @BeforeEach
    void needsBrowser() {
        // Each test is reported as skipped, with this reason, rather than the class vanishing from the counts.
        assumeTrue(chromium != null, "no chromium, chromium-browser or google-chrome on the PATH: the report is not "
                + "checked in a browser (Debian: apt-get install chromium; .ci/run installs it)");
    }

    @Test
    void everyChartIsDrawnWithDataAndThePageLogsNoError(@TempDir Path tmp) throws Exception {
        BacktestRun run = ResearchBacktest.run(Examples.aapl(), Examples.registry(), name -> null, RunOptions.report());
        Path out = Examples.buildOutput("research-report");
        Path html = HtmlReport.write(run, "AAPL 2013 (browser test)", out.resolve("aapl-2013-browser.html"));

        HeadlessChromium.Page page = chromium.load(html, tmp);

        assertThat(page.consoleMessages()).isEmpty();
        assertThat(page.dom()).doesNotContain("data-errors=");
        // Equity, drawdown, monthly, one price chart, exposure, strategies, denials, latency.
        assertThat(number(CHARTS, page.dom())).isEqualTo(8);
        assertThat(number(RENDERED, page.dom())).isEqualTo(8);
        assertThat(count(page.dom(), "<canvas")).isGreaterThanOrEqualTo(8);
        assertThat(page.dom()).contains("id=\"chart-equity\" data-points=\"" + run.series().equity().size() + "\"");

        Path png = out.resolve("aapl-2013.png");
        chromium.screenshot(html, png, tmp);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void sweepAndWalkForwardPagesDrawTheirCharts(@TempDir Path tmp) throws Exception {
        Map<String, ParameterRange> p = new LinkedHashMap<>();
        p.put("fastPeriod", ParameterRange.of(3L, 5L));
        p.put("slowPeriod", ParameterRange.of(15L, 30L));
        SweepSpec spec = SweepSpec.grid("sma-cross", RankStatistic.SHARPE, p).withThreads(2)
                .withWalkForward(new SweepSpec.WalkForwardSpec(Duration.ofDays(150), Duration.ofDays(90)));
        Path out = Examples.buildOutput("research-report");
        Path sweep = SweepReport.writeHtml(Sweep.run(Examples.aapl(), Examples.registry(), n -> null, spec, null),
                "Sweep", out.resolve("aapl-2013-sweep.html"));
        Path wf = WalkForwardReport.writeHtml(WalkForward.run(Examples.aapl(), Examples.registry(), n -> null, spec, null),
                "Walk-forward", out.resolve("aapl-2013-walk-forward.html"));

        for (Path html : List.of(sweep, wf)) {
            HeadlessChromium.Page page = chromium.load(html, tmp);
            assertThat(page.consoleMessages()).as(html.toString()).isEmpty();
            assertThat(number(CHARTS, page.dom())).as(html.toString()).isEqualTo(2);
            assertThat(number(RENDERED, page.dom())).as(html.toString()).isEqualTo(2);
        }
    }

    /** Control: the same check catches a page whose script fails. */
    @Test
    void aFailingScriptIsCaught(@TempDir Path tmp) throws Exception {
        Path html = tmp.resolve("broken.html");
        Files.writeString(html, "<!DOCTYPE html><html><body><div id=\"x\"></div>"
                + "<script>document.getElementById('x').textContent = notDefined.value;</script></body></html>");

        HeadlessChromium.Page page = chromium.load(html, tmp);

        assertThat(page.consoleMessages()).anySatisfy(m -> assertThat(m).contains("notDefined"));
        assertThat(CHARTS.matcher(page.dom()).find()).isFalse();
    }

    private static int number(Pattern p, String dom) {
        Matcher m = p.matcher(dom);
        assertThat(m.find()).as("marker %s in the page", p).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
