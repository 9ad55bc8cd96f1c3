package io.tradingsdk.core.engine;

import io.tradingsdk.api.journal.ConfigChangeRecord;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.RiskRuleConfig;
import io.tradingsdk.core.config.StrategyConfig;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the engine's YAML file and applies only its dynamic part (strategy parameters and
 * enabled flags, risk rule thresholds) while the engine runs. A change to a static part (account,
 * data, sizer, execution, journal, engine, the set of strategies or rules, the background risk
 * analyzer's {@code risk.analysis}) is refused with the keys named; a file that does not parse or validate is refused; in every refusal the engine
 * keeps running on the configuration it has, and the log says why.
 *
 * <p>Threads: a daemon thread waits for file events; {@link #reloadNow()} may be called from any
 * thread. Parameters removed from the file go back to their defaults.
 */
public final class ConfigFileWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final Path file;
    private final TradingEngine engine;
    private final ProviderRegistry registry;
    private final Object reloadLock = new Object();
    private volatile TradingConfig current;
    private volatile WatchService watchService;
    private Thread thread;

    /**
     * @param current the configuration the engine was built from (as loaded from {@code file})
     */
    public ConfigFileWatcher(Path file, TradingConfig current, TradingEngine engine, ProviderRegistry registry) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.current = Objects.requireNonNull(current, "current");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The configuration in force (the last one applied). */
    public TradingConfig current() {
        return current;
    }

    /** Starts watching the file's directory on a daemon thread. */
    public synchronized void start() throws IOException {
        if (thread != null) {
            return;
        }
        WatchService ws = FileSystems.getDefault().newWatchService();
        file.getParent().register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        watchService = ws;
        thread = new Thread(this::watch, "config-watcher-" + engine.accountId());
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                boolean ours = false;
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.context() instanceof Path p && p.getFileName().equals(file.getFileName())) {
                        ours = true;
                    }
                }
                key.reset();
                if (ours) {
                    Thread.sleep(100); // editors write in several steps; read once they are done
                    reloadNow().exceptionally(ex -> null).get(30, TimeUnit.SECONDS);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        } catch (Exception e) {
            log.error("configuration watcher for {} stopped", file, e);
        }
    }

    /**
     * Reads the file and applies its dynamic changes. The future completes with the journaled
     * records (empty when nothing dynamic changed), or exceptionally with the reason of the refusal.
     */
    public CompletableFuture<List<ConfigChangeRecord>> reloadNow() {
        synchronized (reloadLock) {
            TradingConfig next;
            List<ConfigUpdate> updates;
            try {
                next = TradingConfig.load(file);
                updates = dynamicChanges(current, next, registry);
            } catch (RuntimeException ex) {
                log.error("configuration change in {} rejected; still running on version {}: {}", file,
                        engine.configVersion(), ex.getMessage());
                return CompletableFuture.failedFuture(ex);
            }
            if (updates.isEmpty()) {
                current = next;
                return CompletableFuture.completedFuture(List.of());
            }
            CompletableFuture<List<ConfigChangeRecord>> f = engine.applyConfigUpdates(updates, "file:" + file);
            try {
                // Serializes reloads: the next one diffs against what this one applied.
                List<ConfigChangeRecord> r = f.get(30, TimeUnit.SECONDS);
                current = next;
                return CompletableFuture.completedFuture(r);
            } catch (Exception ex) {
                Throwable cause = ex instanceof java.util.concurrent.ExecutionException ? ex.getCause() : ex;
                log.error("configuration change in {} rejected; still running on version {}: {}", file,
                        engine.configVersion(), cause.getMessage());
                return CompletableFuture.failedFuture(cause);
            }
        }
    }

    /**
     * The dynamic updates that turn {@code old} into {@code next}.
     *
     * @throws ConfigException naming the first static key that differs
     */
    public static List<ConfigUpdate> dynamicChanges(TradingConfig old, TradingConfig next, ProviderRegistry registry) {
        String src = next.sourceName();
        requireSame(src, "account", old.account(), next.account());
        requireSame(src, "data", old.data(), next.data());
        requireSame(src, "sizer", old.sizer(), next.sizer());
        requireSame(src, "execution", old.execution(), next.execution());
        requireSame(src, "journal", old.journal(), next.journal());
        requireSame(src, "engine", old.engine(), next.engine());
        List<ConfigUpdate> updates = new ArrayList<>();

        List<StrategyConfig> os = old.strategies();
        List<StrategyConfig> ns = next.strategies();
        requireSame(src, "strategies (ids)", os.stream().map(StrategyConfig::id).toList(), ns.stream().map(StrategyConfig::id).toList());
        for (int i = 0; i < ns.size(); i++) {
            StrategyConfig o = os.get(i);
            StrategyConfig n = ns.get(i);
            String path = "strategies[" + i + "]";
            requireSame(src, path + ".provider", o.provider(), n.provider());
            requireSame(src, path + ".symbols", o.symbols(), n.symbols());
            if (o.enabled() != n.enabled()) {
                updates.add(new ConfigUpdate.StrategyEnabled(n.id(), n.enabled()));
            }
            Map<String, Object> changed = changedParameters(o.parameters(), n.parameters(),
                    registry.get(StrategyProvider.class, n.provider()).parameterSchema());
            if (!changed.isEmpty()) {
                updates.add(new ConfigUpdate.StrategyParameters(n.id(), changed));
            }
        }

        requireSame(src, "risk.useDefaults", old.risk().useDefaults(), next.risk().useDefaults());
        // The analyzer reads its configuration once, when it is built: any change needs a new one.
        String analysisKey = old.risk().analysis().firstDifference(next.risk().analysis());
        if (analysisKey != null) {
            throw staticChange(src, "risk.analysis." + analysisKey, old.risk().analysis().values().get(analysisKey),
                    next.risk().analysis().values().get(analysisKey));
        }
        List<RiskRuleConfig> or = old.risk().rules();
        List<RiskRuleConfig> nr = next.risk().rules();
        requireSame(src, "risk.rules (providers)", or.stream().map(r -> r.provider() + (r.enabled() ? "" : " (disabled)")).toList(),
                nr.stream().map(r -> r.provider() + (r.enabled() ? "" : " (disabled)")).toList());
        for (int i = 0; i < nr.size(); i++) {
            if (!nr.get(i).enabled()) {
                continue;
            }
            Map<String, Object> changed = changedParameters(or.get(i).parameters(), nr.get(i).parameters(),
                    registry.get(RiskRuleProvider.class, nr.get(i).provider()).parameterSchema());
            if (!changed.isEmpty()) {
                updates.add(new ConfigUpdate.RiskRuleParameters(nr.get(i).provider(), changed));
            }
        }
        return updates;
    }

    /** Keys whose value changed; a key removed from the file goes back to its default. */
    private static Map<String, Object> changedParameters(Map<String, Object> o, Map<String, Object> n, ParameterSchema schema) {
        Map<String, Object> changed = new LinkedHashMap<>();
        Set<String> keys = new java.util.LinkedHashSet<>(o.keySet());
        keys.addAll(n.keySet());
        for (String k : keys) {
            Object before = o.get(k);
            Object after = n.get(k);
            if (!Objects.equals(before, after)) {
                ParameterSpec spec = schema.spec(k);
                changed.put(k, after != null ? after : spec == null ? null : spec.defaultValue());
            }
        }
        Map<String, Object> clean = new HashMap<>(changed);
        clean.values().removeIf(Objects::isNull);
        if (clean.size() != changed.size()) {
            String key = changed.entrySet().stream().filter(e -> e.getValue() == null).findFirst().orElseThrow().getKey();
            throw new ConfigException(null, "parameters." + key, null, "cannot be removed at runtime: it has no default", null);
        }
        return changed;
    }

    private static void requireSame(String source, String key, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            throw staticChange(source, key, before, after);
        }
    }

    private static ConfigException staticChange(String source, String key, Object before, Object after) {
        return new ConfigException(source, key, String.valueOf(after), "is static and cannot change while the engine runs"
                + " (was " + before + "); restart to apply it", null);
    }

    @Override
    public synchronized void close() {
        WatchService ws = watchService;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                log.debug("closing watch service", e);
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
