package io.tradingsdk.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.journal.ConfigChangeRecord;
import io.tradingsdk.core.backtest.Backtest;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.ConfigResolver;
import io.tradingsdk.core.config.ResolvedComponents;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.time.SimulatedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileWatcherTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.discover(ConfigFileWatcherTest.class.getClassLoader());

    private static String yaml(String confidence, String maxNotional, String initialCash) {
        return """
                account: {id: watched, initialCash: %s}
                strategies:
                  - id: sma
                    provider: moving-average-crossover
                    symbols: [AAPL]
                    parameters: {fastPeriod: 5, slowPeriod: 20, confidence: %s}
                risk:
                  rules:
                    - provider: max-order-notional
                      parameters: {maxNotional: %s}
                """.formatted(initialCash, confidence, maxNotional);
    }

    @TempDir
    Path dir;
    private TradingEngine engine;
    private ConfigFileWatcher watcher;

    private void start(Path file) throws Exception {
        TradingConfig config = TradingConfig.load(file);
        SimulatedClock clock = new SimulatedClock(EngineFixture.T0);
        ResolvedComponents rc = ConfigResolver.resolve(config, REGISTRY, new DefaultProviderContext("watched", clock, n -> null));
        engine = Backtest.engineBuilder(rc, clock, n -> null).build();
        engine.start();
        watcher = new ConfigFileWatcher(file, config, engine, REGISTRY);
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    @DisplayName("a reload applies only what changed in the dynamic part, and journals it")
    void reloadAppliesDynamicPart() throws Exception {
        Path file = dir.resolve("trading.yaml");
        Files.writeString(file, yaml("0.6", "100000", "100000"));
        start(file);

        Files.writeString(file, yaml("0.7", "50000", "100000"));
        List<ConfigChangeRecord> applied = watcher.reloadNow().get(10, TimeUnit.SECONDS);

        assertThat(applied).extracting(ConfigChangeRecord::target)
                .containsExactly("strategies.sma", "risk.max-order-notional");
        assertThat(applied.get(0).current()).containsOnlyKeys("confidence");
        assertThat(applied).allSatisfy(r -> assertThat(r.origin()).startsWith("file:").endsWith("trading.yaml"));
        assertThat(engine.configVersion()).isEqualTo(3);
    }

    @Test
    @DisplayName("a file grown to 300 MB or holding an alias is refused like at load; the engine keeps the old configuration")
    void oversizedOrAliasedFileIsRefusedOnReload() throws Exception {
        Path file = dir.resolve("trading.yaml");
        Files.writeString(file, yaml("0.6", "100000", "100000"));
        start(file);

        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024); // sparse: the old text followed by zeros
        }
        assertThat(failure(watcher.reloadNow())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("314572800 bytes").hasMessageContaining("limit is 1048576");

        Files.writeString(file, yaml("0.7", "100000", "100000").replace("symbols: [AAPL]", "symbols: [*S]"));
        assertThat(failure(watcher.reloadNow())).isInstanceOf(ConfigException.class).hasMessageContaining("alias *S");

        assertThat(engine.configVersion()).isEqualTo(1);
        assertThat(engine.journal().configChanges()).isEmpty();
    }

    @Test
    @DisplayName("a static change, a bad value or a broken file is refused; the engine keeps the old configuration")
    void refusalsKeepOldConfig() throws Exception {
        Path file = dir.resolve("trading.yaml");
        Files.writeString(file, yaml("0.6", "100000", "100000"));
        start(file);

        Files.writeString(file, yaml("0.6", "100000", "250000"));
        assertThat(failure(watcher.reloadNow())).isInstanceOf(ConfigException.class).hasMessageContaining("account")
                .hasMessageContaining("static");

        Files.writeString(file, yaml("1.5", "100000", "100000"));
        assertThat(failure(watcher.reloadNow())).hasMessageContaining("confidence").hasMessageContaining("1.5");

        Files.writeString(file, "account: {id: watched\n  broken");
        assertThat(failure(watcher.reloadNow())).isInstanceOf(ConfigException.class).hasMessageContaining("trading.yaml");

        assertThat(engine.configVersion()).isEqualTo(1);
        assertThat(engine.journal().configChanges()).isEmpty();

        Files.writeString(file, yaml("0.65", "100000", "100000"));
        assertThat(watcher.reloadNow().get(10, TimeUnit.SECONDS)).hasSize(1);
        assertThat(engine.configVersion()).isEqualTo(2);
    }

    @Test
    @DisplayName("the risk analyzer's section is static: a change is refused naming the key, and needs a restart")
    void analysisSectionIsStatic() throws Exception {
        String analysis = "  analysis:\n    window: %s\n    notionalTrigger: %s\n";
        Path file = dir.resolve("trading.yaml");
        Files.writeString(file, yaml("0.6", "100000", "100000") + analysis.formatted("121", "10000"));
        start(file);

        Files.writeString(file, yaml("0.6", "100000", "100000") + analysis.formatted("61", "10000"));
        assertThat(failure(watcher.reloadNow())).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.path()).isEqualTo("risk.analysis.window");
            assertThat(e.rejectedValue()).isEqualTo("61");
            assertThat(e.getMessage()).contains("is static and cannot change while the engine runs (was 121); restart to apply it");
        });
        // Removing the section stops nothing at runtime either.
        Files.writeString(file, yaml("0.6", "100000", "100000"));
        assertThat(failure(watcher.reloadNow())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.path()).isEqualTo("risk.analysis.enabled"));
        assertThat(engine.configVersion()).isEqualTo(1);

        // The same values written differently are no change; a dynamic change next to them still applies.
        Files.writeString(file, yaml("0.6", "40000", "100000") + analysis.formatted("121", "10000.00"));
        assertThat(watcher.reloadNow().get(10, TimeUnit.SECONDS)).singleElement()
                .satisfies(r -> assertThat(r.target()).isEqualTo("risk.max-order-notional"));
        assertThat(engine.configVersion()).isEqualTo(2);
    }

    @Test
    @DisplayName("editing the file while the engine runs applies the change without a call")
    void watchesTheFile() throws Exception {
        Path file = dir.resolve("trading.yaml");
        Files.writeString(file, yaml("0.6", "100000", "100000"));
        start(file);
        watcher.start();

        Files.writeString(file, yaml("0.6", "40000", "100000"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (engine.configVersion() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(engine.configVersion()).isEqualTo(2);
        assertThat(engine.journal().configChanges()).singleElement()
                .satisfies(r -> assertThat(r.target()).isEqualTo("risk.max-order-notional"));
    }
}
