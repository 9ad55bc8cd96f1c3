package io.tradingsdk.research.report;

import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.internal.ChartAssets;
import io.tradingsdk.research.internal.Html;
import io.tradingsdk.research.internal.ReportData;
import io.tradingsdk.research.internal.ReportTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One self-contained HTML file per backtest: the charting library, the data and the page are all in
 * it, so it opens offline in any browser without a server. Charts: equity, drawdown, monthly returns,
 * price with the fills marked, exposure, per-strategy signals, denials by reason and the
 * signal-to-order latency histogram; tables with the statistics, strategies and trades.
 *
 * <p>After the charts are drawn the page sets {@code data-rendered} on its root element to the
 * number of charts drawn with data; scripts that check a report (and its test) read it.
 *
 * <p>The text is deterministic except for the latency section, which is wall-clock time.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * @param run   a run made with {@link io.tradingsdk.research.RunOptions#keepSeries()}
     * @param title shown as the page title (escaped)
     * @throws IllegalArgumentException when the run kept no series
     */
    public static String render(BacktestRun run, String title) {
        Objects.requireNonNull(title, "title");
        if (run.series() == null) {
            throw new IllegalArgumentException("the run kept no series; run it with RunOptions.report()");
        }
        ChartAssets assets = ChartAssets.get();
        StringBuilder sb = new StringBuilder(256 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"trading-research, uPlot ").append(Html.escape(assets.version()))
                .append("\">\n<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(assets.libraryStyle()).append('\n').append(assets.reportStyle()).append("\n</style>\n")
                .append("</head>\n<body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        ReportTables.summary(sb, run);
        chart(sb, "equity", "Equity");
        chart(sb, "drawdown", "Drawdown");
        chart(sb, "monthly", "Monthly returns");
        sb.append("<section><h2>Price and trades</h2><p class=\"note\">Fills at their prices: green buys, red sells.</p>"
                + "<div id=\"prices\"></div></section>\n");
        chart(sb, "exposure", "Exposure (gross, % of equity)");
        chart(sb, "strategies", "Signals per strategy: approved and denied");
        ReportTables.strategies(sb, run);
        chart(sb, "denials", "Denials by reason");
        chart(sb, "latency", "Signal-to-order latency (wall clock)");
        ReportTables.latency(sb, run);
        ReportTables.trades(sb, run);
        sb.append("<script type=\"application/json\" id=\"report-data\">")
                .append(Html.scriptJson(ReportData.json(run))).append("</script>\n")
                .append("<script>\n").append(assets.libraryScript()).append("\n</script>\n")
                .append("<script>\n").append(assets.reportScript()).append("\n</script>\n")
                .append("</body>\n</html>\n");
        return sb.toString();
    }

    /** Writes {@link #render} to {@code file} (UTF-8), creating its folder. */
    public static Path write(BacktestRun run, String title, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(run, title), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report " + file + ": " + e.getMessage(), e);
        }
    }

    private static void chart(StringBuilder sb, String id, String heading) {
        sb.append("<section><h2>").append(Html.escape(heading)).append("</h2><div class=\"chart\" id=\"chart-")
                .append(id).append("\"></div></section>\n");
    }
}
