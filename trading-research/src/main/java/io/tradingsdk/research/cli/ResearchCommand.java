package io.tradingsdk.research.cli;

import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.ProgressPrinter;
import io.tradingsdk.research.ResearchBacktest;
import io.tradingsdk.research.RunOptions;
import io.tradingsdk.research.report.CsvExport;
import io.tradingsdk.research.report.HtmlReport;
import io.tradingsdk.research.report.SweepReport;
import io.tradingsdk.research.report.WalkForwardReport;
import io.tradingsdk.research.sweep.Sweep;
import io.tradingsdk.research.sweep.SweepResult;
import io.tradingsdk.research.sweep.SweepSpec;
import io.tradingsdk.research.sweep.WalkForward;
import io.tradingsdk.research.sweep.WalkForwardResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The research command: runs a backtest, a sweep or a walk-forward from a trading configuration and
 * writes the reports into a folder.
 *
 * <pre>
 * research backtest     --config FILE --out DIR [--classpath JARS] [--title TEXT]
 * research sweep        --config FILE --sweep FILE --out DIR [--classpath JARS] [--threads N] [--top N]
 * research walk-forward --config FILE --sweep FILE --out DIR [--classpath JARS] [--threads N]
 * </pre>
 *
 * {@code --config} and {@code --sweep} are files, or else resources on the classpath. {@code --classpath}
 * adds plug-in jars or folders (separated by {@code :} on Unix, {@code ;} on Windows) whose providers
 * (strategies, data sources...) are found through META-INF/services and whose resources the
 * configuration may name. Progress goes to stderr (a line a second at most), results to stdout.
 * Exit status: 0 done, 1 the run failed (bad configuration, unreadable data), 2 wrong usage.
 */
public final class ResearchCommand {
    static final String USAGE = """
            usage: research backtest     --config FILE --out DIR [--classpath JARS] [--title TEXT]
                   research sweep        --config FILE --sweep FILE --out DIR [--classpath JARS] [--threads N] [--top N]
                   research walk-forward --config FILE --sweep FILE --out DIR [--classpath JARS] [--threads N]
            FILE: a file, else a classpath resource. JARS: plug-in jars or folders, separated by the path separator.""";

    private ResearchCommand() {
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // One engine per run: its start-up INFO lines would bury the progress lines of a sweep.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("research: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = loader(o.classpath())) {
            Thread.currentThread().setContextClassLoader(loader);
            ProviderRegistry registry = ProviderRegistry.discover(loader);
            TradingConfig config = TradingConfig.parse(o.config(), read(o.config(), loader));
            Function<String, String> env = System::getenv;
            ProgressPrinter progress = new ProgressPrinter(err);
            switch (o.command()) {
                case "backtest" -> backtest(o, config, registry, env, progress, out);
                case "sweep" -> sweep(o, config, registry, env, progress, out, loader);
                default -> walkForward(o, config, registry, env, progress, out, loader);
            }
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException | IllegalStateException | IOException e) {
            // ConfigException and InvalidParameterException are IllegalArgumentExceptions naming key and value.
            err.println("research " + o.command() + " failed: " + e.getMessage());
            return 1;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void backtest(Options o, TradingConfig config, ProviderRegistry registry, Function<String, String> env,
                                 ProgressPrinter progress, PrintStream out) {
        BacktestRun run = ResearchBacktest.run(config, registry, env,
                RunOptions.report().withProgress(progress, Duration.ofSeconds(1)));
        String title = o.title() != null ? o.title() : "Backtest " + config.account().id();
        Path html = HtmlReport.write(run, title, o.out().resolve("report.html"));
        CsvExport.write(run, o.out());
        out.print(run.report().render());
        out.println("report: " + html.toAbsolutePath());
        out.println("csv:    " + o.out().toAbsolutePath() + " (" + String.join(", ", CsvExport.FILES) + ")");
    }

    private static void sweep(Options o, TradingConfig config, ProviderRegistry registry, Function<String, String> env,
                              ProgressPrinter progress, PrintStream out, ClassLoader loader) throws IOException {
        SweepSpec spec = spec(o, loader);
        SweepResult r = Sweep.run(config, registry, env, spec, progress);
        SweepReport.writeCsv(r, o.out().resolve("sweep.csv"));
        Path html = SweepReport.writeHtml(r, o.title() != null ? o.title() : "Sweep of " + spec.strategyId(),
                o.out().resolve("sweep.html"));
        out.print(SweepReport.text(r, o.top()));
        out.println("report: " + html.toAbsolutePath());
        out.println("csv:    " + o.out().resolve("sweep.csv").toAbsolutePath());
    }

    private static void walkForward(Options o, TradingConfig config, ProviderRegistry registry,
                                    Function<String, String> env, ProgressPrinter progress, PrintStream out,
                                    ClassLoader loader) throws IOException {
        SweepSpec spec = spec(o, loader);
        WalkForwardResult r = WalkForward.run(config, registry, env, spec, progress);
        WalkForwardReport.writeCsv(r, o.out());
        Path html = WalkForwardReport.writeHtml(r, o.title() != null ? o.title() : "Walk-forward of " + spec.strategyId(),
                o.out().resolve("walk-forward.html"));
        out.print(WalkForwardReport.text(r));
        out.println("report: " + html.toAbsolutePath());
        out.println("csv:    " + o.out().toAbsolutePath() + " (walk-forward.csv, walk-forward-equity.csv)");
    }

    private static SweepSpec spec(Options o, ClassLoader loader) throws IOException {
        SweepSpec spec = SweepSpec.parse(o.sweep(), read(o.sweep(), loader));
        return o.threads() == null ? spec : spec.withThreads(o.threads());
    }

    private static URLClassLoader loader(List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("--classpath entry " + p + " does not exist");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath entry " + p + " is not a valid path", e);
            }
        }
        return new URLClassLoader("research-plugins", urls.toArray(URL[]::new), ResearchCommand.class.getClassLoader());
    }

    /** A file, else a classpath resource; at most 1 MB. */
    static String read(String location, ClassLoader loader) throws IOException {
        Path path = Path.of(location);
        if (Files.isRegularFile(path)) {
            if (Files.size(path) > 1 << 20) {
                throw new IllegalArgumentException(location + " is larger than 1 MB");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        }
        try (InputStream in = loader.getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalArgumentException(location + " is neither a file nor a resource on the classpath");
            }
            byte[] bytes = in.readNBytes((1 << 20) + 1);
            if (bytes.length > 1 << 20) {
                throw new IllegalArgumentException(location + " is larger than 1 MB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
