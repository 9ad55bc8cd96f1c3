package io.tradingsdk.research.report;

import io.tradingsdk.research.PerformanceStatistics;
import io.tradingsdk.research.internal.ChartPage;
import io.tradingsdk.research.internal.CsvWriter;
import io.tradingsdk.research.internal.Format;
import io.tradingsdk.research.internal.Html;
import io.tradingsdk.research.sweep.RankStatistic;
import io.tradingsdk.research.sweep.SweepResult;
import io.tradingsdk.research.sweep.SweepRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's ranked runs as a text table, a CSV file ({@code sweep.csv}: rank, candidate, one column
 * per swept parameter, the statistics, error) and a self-contained HTML page. All three are
 * deterministic: the same sweep gives the same bytes.
 */
public final class SweepReport {
    private static final List<String> STATS = List.of("total_return", "cagr", "sharpe", "sortino", "max_drawdown",
            "calmar", "profit_factor", "win_rate", "average_win", "average_loss", "exposure", "turnover", "trades",
            "final_equity");

    private SweepReport() {
    }

    /** The best {@code top} runs as a fixed-width table. */
    public static String text(SweepResult r, int top) {
        List<String> names = parameterNames(r);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Sweep of %s: %d runs, ranked by %s (%s)%n", r.spec().strategyId(),
                r.ranked().size(), r.spec().rankBy().key(), r.spec().method().name().toLowerCase(Locale.ROOT)));
        sb.append(String.format(Locale.ROOT, "%5s", "rank"));
        for (String n : names) {
            sb.append(String.format(Locale.ROOT, " %14s", clip(n, 14)));
        }
        sb.append(String.format(Locale.ROOT, " %12s %10s %8s %8s %8s%n", r.spec().rankBy().key(), "return", "sharpe",
                "max dd", "trades"));
        int rank = 0;
        for (SweepRow row : r.ranked()) {
            if (rank++ == top) {
                break;
            }
            sb.append(String.format(Locale.ROOT, "%5d", rank));
            for (String n : names) {
                sb.append(String.format(Locale.ROOT, " %14s", clip(String.valueOf(row.parameters().get(n)), 14)));
            }
            if (row.ok()) {
                PerformanceStatistics s = row.statistics();
                sb.append(String.format(Locale.ROOT, " %12s %10s %8s %8s %8d%n", Format.ratio(r.spec().rankBy().of(s)),
                        Format.percent(s.totalReturn()), Format.ratio(s.sharpe()), Format.percent(s.maxDrawdown()), s.trades()));
            } else {
                sb.append("  refused: ").append(clip(row.error(), 100)).append('\n');
            }
        }
        return sb.toString();
    }

    public static void writeCsv(SweepResult r, Path file) {
        List<String> names = parameterNames(r);
        List<String> header = new ArrayList<>(List.of("rank", "candidate"));
        header.addAll(names);
        header.addAll(STATS);
        header.add("error");
        createParent(file);
        try (CsvWriter w = new CsvWriter(file, header.toArray(String[]::new))) {
            int rank = 0;
            for (SweepRow row : r.ranked()) {
                List<Object> cells = new ArrayList<>();
                cells.add(++rank);
                cells.add(row.index());
                for (String n : names) {
                    cells.add(row.parameters().get(n));
                }
                PerformanceStatistics s = row.statistics();
                if (s != null) {
                    cells.addAll(List.of(Format.csvNumber(s.totalReturn()), Format.csvNumber(s.cagr()),
                            Format.csvNumber(s.sharpe()), Format.csvNumber(s.sortino()), Format.csvNumber(s.maxDrawdown()),
                            Format.csvNumber(s.calmar()), Format.csvNumber(s.profitFactor()), Format.csvNumber(s.winRate()),
                            Format.plain(s.averageWin()), Format.plain(s.averageLoss()), Format.csvNumber(s.exposure()),
                            Format.csvNumber(s.turnover()), s.trades(), Format.plain(row.finalEquity())));
                    cells.add("");
                } else {
                    for (int i = 0; i < STATS.size(); i++) {
                        cells.add("");
                    }
                    cells.add(row.error());
                }
                w.row(cells.toArray());
            }
        }
    }

    public static String html(SweepResult r, String title) {
        RankStatistic stat = r.spec().rankBy();
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> returns = new ArrayList<>();
        for (SweepRow row : r.ranked()) {
            if (row.ok()) {
                labels.add("#" + (labels.size() + 1) + " " + row.parameters().values());
                values.add(stat.of(row.statistics()));
                returns.add(row.statistics().totalReturn() * 100.0);
            }
        }
        ChartPage page = new ChartPage(title);
        page.section("Sweep", "<p class=\"note\">" + Html.escape(r.ranked().size() + " runs of strategy "
                + r.spec().strategyId() + " (" + r.spec().method().name().toLowerCase(Locale.ROOT) + "), ranked by "
                + stat.key() + (stat.higherIsBetter() ? " (higher is better)" : " (lower is better)") + "; "
                + (r.ranked().size() - labels.size()) + " refused.") + "</p>");
        page.barChart("Runs by " + stat.key() + ", best first", "run", labels,
                List.of(new ChartPage.Series(stat.key(), "#0969da", values)));
        page.barChart("Total return % of the same runs", "run", labels,
                List.of(new ChartPage.Series("total return %", "#8250df", returns)));
        page.section("Ranked runs", table(r));
        return page.render();
    }

    public static Path writeHtml(SweepResult r, String title, Path file) {
        createParent(file);
        try {
            Files.writeString(file, html(r, title), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String table(SweepResult r) {
        List<String> names = parameterNames(r);
        StringBuilder sb = new StringBuilder("<table class=\"grid\"><thead><tr><th>rank</th>");
        for (String n : names) {
            sb.append("<th>").append(Html.escape(n)).append("</th>");
        }
        sb.append("<th>total return</th><th>CAGR</th><th>Sharpe</th><th>Sortino</th><th>max drawdown</th><th>Calmar</th>"
                + "<th>profit factor</th><th>win rate</th><th>exposure</th><th>turnover</th><th>trades</th><th>note</th>"
                + "</tr></thead><tbody>\n");
        int rank = 0;
        for (SweepRow row : r.ranked()) {
            sb.append("<tr><td>").append(++rank).append("</td>");
            for (String n : names) {
                sb.append("<td>").append(Html.escape(String.valueOf(row.parameters().get(n)))).append("</td>");
            }
            PerformanceStatistics s = row.statistics();
            if (s != null) {
                for (String v : List.of(Format.percent(s.totalReturn()), Format.percent(s.cagr()), Format.ratio(s.sharpe()),
                        Format.ratio(s.sortino()), Format.percent(s.maxDrawdown()), Format.ratio(s.calmar()),
                        Format.ratio(s.profitFactor()), Format.percent(s.winRate()), Format.percent(s.exposure()),
                        Format.ratio(s.turnover()), Integer.toString(s.trades()), "")) {
                    sb.append("<td>").append(Html.escape(v)).append("</td>");
                }
            } else {
                sb.append("<td colspan=\"11\"></td><td>").append(Html.escape(clip(row.error(), 200))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table>").toString();
    }

    private static List<String> parameterNames(SweepResult r) {
        return new ArrayList<>(r.spec().parameters().keySet());
    }

    private static String clip(String s, int n) {
        return s == null ? "" : s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static void createParent(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the folder of " + file + ": " + e.getMessage(), e);
        }
    }
}
