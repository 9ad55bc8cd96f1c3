package io.tradingsdk.examples;

import io.tradingsdk.core.backtest.Backtest;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.metrics.MetricsSnapshot;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job: paper-trading backtests of the built-in strategies and an example plug-in over real
 * historical market data, each configured by a YAML file, with a readable report per account.
 *
 * <p>Arguments: a comma-separated list of configuration files; each is looked up on disk first,
 * then on the classpath. Without arguments it runs the bundled {@code config/*.yaml}.
 */
public final class PaperTradingJob {
    static final String DEFAULT_CONFIGS = "config/aapl-2013.yaml,config/btc-2013.yaml,config/eth-2023.yaml";

    private PaperTradingJob() {
    }

    public static void main(String[] args) {
        String list = args.length > 0 && !args[0].isBlank() ? args[0] : DEFAULT_CONFIGS;
        run(list, System.out);
    }

    /** Runs every configuration in the list and prints its report; returns the results in order. */
    public static List<Backtest.Result> run(String commaSeparatedConfigs, PrintStream out) {
        // Providers come from META-INF/services: the built-ins of trading-core and this module's plug-ins.
        ProviderRegistry registry = ProviderRegistry.discover(PaperTradingJob.class.getClassLoader());
        List<Backtest.Result> results = new ArrayList<>();
        for (String location : commaSeparatedConfigs.split(",")) {
            TradingConfig config = load(location.trim());
            Backtest.Result result = Backtest.run(config, registry, System::getenv);
            out.println();
            out.println("=== " + location.trim());
            out.print(result.report().render());
            out.print(latency(result.metrics()));
            results.add(result);
        }
        return results;
    }

    static TradingConfig load(String location) {
        Path path = Path.of(location);
        if (Files.isRegularFile(path)) {
            return TradingConfig.load(path);
        }
        try (InputStream in = PaperTradingJob.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalArgumentException("configuration '" + location + "' is neither a file nor a classpath resource");
            }
            return TradingConfig.parse(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + location, e);
        }
    }

    /** Latency is wall-clock and varies per run, so it is printed apart from the deterministic report. */
    static String latency(MetricsSnapshot m) {
        return MetricsText.render(m);
    }
}
