package io.tradingsdk.research.report;

import io.tradingsdk.research.internal.ChartPage;
import io.tradingsdk.research.internal.CsvWriter;
import io.tradingsdk.research.internal.Format;
import io.tradingsdk.research.internal.Html;
import io.tradingsdk.research.sweep.RankStatistic;
import io.tradingsdk.research.sweep.WalkForwardResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A walk-forward analysis as text, CSV ({@code walk-forward.csv}: one row per window;
 * {@code walk-forward-equity.csv}: the stitched out-of-sample equity per day) and a self-contained HTML
 * page with the stitched curve and in-sample against out-of-sample figures per window.
 */
public final class WalkForwardReport {
    private WalkForwardReport() {
    }

    public static String text(WalkForwardResult r) {
        RankStatistic stat = r.spec().rankBy();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Walk-forward of %s: %d windows (in sample %s, out of sample %s), ranked by %s%n",
                r.spec().strategyId(), r.windows().size(), length(r.spec().walkForward().inSample()),
                length(r.spec().walkForward().outOfSample()), stat.key()));
        sb.append(String.format(Locale.ROOT, "%3s %-22s %-22s %12s %12s  %s%n", "#", "in sample from", "out of sample from",
                "in " + stat.key(), "out " + stat.key(), "chosen parameters"));
        for (WalkForwardResult.Window w : r.windows()) {
            sb.append(String.format(Locale.ROOT, "%3d %-22s %-22s %12s %12s  %s%n", w.number(), w.inSampleFrom(),
                    w.outOfSampleFrom(), Format.ratio(w.inSampleValue()), Format.ratio(w.outOfSampleValue(stat)),
                    w.bestParameters().isEmpty() ? "(no in-sample run succeeded)" : w.bestParameters()));
        }
        sb.append(String.format(Locale.ROOT, "stitched out-of-sample: return %s, max drawdown %s over %d days%n",
                Format.percent(r.stitchedReturn()), Format.percent(r.stitchedMaxDrawdown()), r.days().size()));
        return sb.toString();
    }

    private static String length(java.time.Duration d) {
        return d.toHours() % 24 == 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0
                ? d.toDays() + " days" : d.toString();
    }

    /** Writes walk-forward.csv and walk-forward-equity.csv into {@code dir}. */
    public static void writeCsv(WalkForwardResult r, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir + ": " + e.getMessage(), e);
        }
        RankStatistic stat = r.spec().rankBy();
        List<String> names = new ArrayList<>(r.spec().parameters().keySet());
        List<String> header = new ArrayList<>(List.of("window", "in_sample_from", "in_sample_to", "out_of_sample_from",
                "out_of_sample_to", "candidates"));
        names.forEach(n -> header.add("best_" + n));
        header.addAll(List.of("in_sample_" + stat.key(), "out_of_sample_" + stat.key(), "out_of_sample_return",
                "out_of_sample_max_drawdown", "out_of_sample_trades"));
        try (CsvWriter w = new CsvWriter(dir.resolve("walk-forward.csv"), header.toArray(String[]::new))) {
            for (WalkForwardResult.Window win : r.windows()) {
                List<Object> cells = new ArrayList<>(List.of(win.number(), win.inSampleFrom(), win.inSampleTo(),
                        win.outOfSampleFrom(), win.outOfSampleTo(), win.candidates()));
                names.forEach(n -> cells.add(win.bestParameters().get(n)));
                cells.add(Format.csvNumber(win.inSampleValue()));
                cells.add(Format.csvNumber(win.outOfSampleValue(stat)));
                cells.add(win.outOfSample() == null ? "" : Format.csvNumber(win.outOfSample().totalReturn()));
                cells.add(win.outOfSample() == null ? "" : Format.csvNumber(win.outOfSample().maxDrawdown()));
                cells.add(win.outOfSample() == null ? "" : win.outOfSample().trades());
                w.row(cells.toArray());
            }
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("walk-forward-equity.csv"), "day", "equity")) {
            for (int i = 0; i < r.days().size(); i++) {
                w.row(r.days().get(i), Format.csvNumber(r.stitchedEquity().get(i)));
            }
        }
    }

    public static String html(WalkForwardResult r, String title) {
        RankStatistic stat = r.spec().rankBy();
        ChartPage page = new ChartPage(title);
        page.section("Walk-forward", "<pre>" + Html.escape(text(r)) + "</pre>");
        List<Long> t = new ArrayList<>();
        r.days().forEach(d -> t.add(d.atStartOfDay().toEpochSecond(ZoneOffset.UTC)));
        page.timeChart("Stitched out-of-sample equity", t,
                List.of(new ChartPage.Series("equity", "#0969da", r.stitchedEquity())));
        List<String> labels = new ArrayList<>();
        List<Double> in = new ArrayList<>();
        List<Double> out = new ArrayList<>();
        for (WalkForwardResult.Window w : r.windows()) {
            labels.add("#" + w.number() + " " + w.outOfSampleFrom().toString().substring(0, 10));
            in.add(w.inSampleValue());
            out.add(w.outOfSampleValue(stat));
        }
        page.barChart(stat.key() + " per window: in sample (chosen) and out of sample", "window", labels,
                List.of(new ChartPage.Series("in sample", "#8250df", in), new ChartPage.Series("out of sample", "#bf8700", out)));
        return page.render();
    }

    public static Path writeHtml(WalkForwardResult r, String title, Path file) {
        SweepReport.createParent(file);
        try {
            Files.writeString(file, html(r, title), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
