package io.tradingsdk.core.provider;

import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.order.ExecutorProvider;
import io.tradingsdk.api.provider.Provider;
import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.api.risk.PositionSizerProvider;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.core.provider.internal.ServiceFiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All providers the engine can name in configuration, by kind and name: strategies, position
 * sizers, risk rules, executors, trade journals and market data sources.
 *
 * <p><b>Building.</b> A host builds one registry at start, on its own thread:
 * <pre>{@code
 * ProviderRegistry registry = ProviderRegistry.builder()
 *         .discover(Thread.currentThread().getContextClassLoader()) // META-INF/services entries
 *         .register(new MyStrategyProvider())                       // explicit, first-class
 *         .replace(new MyPaperExecutorProvider())                   // deliberately overrides "paper"
 *         .build();
 * }</pre>
 * Discovery uses {@link ServiceLoader} with the given class loader, once per kind. Without
 * {@link Builder#discover(ClassLoader)} only explicitly registered providers are in the registry.
 *
 * <p><b>Diagnostics</b> (modelled on SLF4J's {@code LoggerFactory}): {@link Builder#build()} checks
 * everything at once and throws a {@link ProviderConfigurationException} listing every problem:
 * <ul>
 *   <li>two providers of one kind with the same name (discovered twice, registered twice, or
 *       registered in code while also discovered), naming both classes and the jars or directories
 *       they came from. Registering in code does not silently win over a discovered provider: use
 *       {@link Builder#replace(Provider)} to override one on purpose;</li>
 *   <li>a {@code META-INF/services} entry that cannot be loaded (class missing, not a subtype, no
 *       public no-arg constructor, constructor threw), naming the entry and the file listing it;</li>
 *   <li>a provider whose name is not lower-case-dashed ({@code [a-z0-9]+([-.][a-z0-9]+)*}) or whose
 *       schema is {@code null};</li>
 *   <li>a {@code replace(...)} that found no provider of that kind and name to replace.</li>
 * </ul>
 *
 * <p><b>Lookup.</b> Immutable once built; every method is safe from any thread. A missing name is a
 * {@link ProviderNotFoundException} naming the kind, the name asked for, the available names and a
 * "did you mean" when one is close.
 */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    /** The provider kinds a registry holds, in the order they are discovered and described. */
    public static final List<Class<? extends Provider<?>>> KINDS = List.of(
            StrategyProvider.class, PositionSizerProvider.class, RiskRuleProvider.class, ExecutorProvider.class,
            TradeJournalProvider.class, MarketDataSourceProvider.class);

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[-.][a-z0-9]+)*");
    private static final int MAX_LOAD_ERRORS_PER_KIND = 100;

    private final Map<Class<?>, Map<String, Entry>> byKind;

    private ProviderRegistry(Map<Class<?>, Map<String, Entry>> byKind) {
        Map<Class<?>, Map<String, Entry>> copy = new LinkedHashMap<>();
        for (Class<? extends Provider<?>> kind : KINDS) {
            copy.put(kind, Collections.unmodifiableMap(new TreeMap<>(byKind.getOrDefault(kind, Map.of()))));
        }
        this.byKind = Collections.unmodifiableMap(copy);
    }

    /** A builder with no discovery and no providers yet. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Shortcut for {@code builder().discover(classLoader).build()}.
     *
     * @throws ProviderConfigurationException when discovery finds duplicates or broken entries
     */
    public static ProviderRegistry discover(ClassLoader classLoader) {
        return builder().discover(classLoader).build();
    }

    /**
     * The provider of {@code kind} named {@code name}.
     *
     * @throws ProviderNotFoundException naming the kind, the name and the available names
     * @throws IllegalArgumentException  when {@code kind} is not one of {@link #KINDS}
     */
    public <P extends Provider<?>> P get(Class<P> kind, String name) {
        Map<String, Entry> entries = entries(kind);
        Entry e = name == null ? null : entries.get(name);
        if (e == null) {
            throw new ProviderNotFoundException(kind, String.valueOf(name), entries.keySet());
        }
        return kind.cast(e.provider);
    }

    /** The provider of {@code kind} named {@code name}, or empty. */
    public <P extends Provider<?>> Optional<P> find(Class<P> kind, String name) {
        Entry e = name == null ? null : entries(kind).get(name);
        return e == null ? Optional.empty() : Optional.of(kind.cast(e.provider));
    }

    /** All providers of {@code kind}, sorted by name; immutable. */
    public <P extends Provider<?>> List<P> all(Class<P> kind) {
        List<P> out = new ArrayList<>();
        for (Entry e : entries(kind).values()) {
            out.add(kind.cast(e.provider));
        }
        return List.copyOf(out);
    }

    /** The names of all providers of {@code kind}, sorted; immutable. */
    public Set<String> names(Class<? extends Provider<?>> kind) {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(entries(kind).keySet()));
    }

    /**
     * A multi-line listing of every provider: kind, name, class and where it came from. Meant for a
     * start-up log line at DEBUG or for a "list providers" command.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Class<?>, Map<String, Entry>> k : byKind.entrySet()) {
            sb.append(k.getKey().getSimpleName()).append(':');
            if (k.getValue().isEmpty()) {
                sb.append(" (none)");
            }
            sb.append('\n');
            for (Entry e : k.getValue().values()) {
                sb.append("  ").append(e.name).append(" -> ").append(e.provider.getClass().getName())
                        .append(" (").append(e.origin).append(")\n");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ProviderRegistry{");
        boolean first = true;
        for (Map.Entry<Class<?>, Map<String, Entry>> k : byKind.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(k.getKey().getSimpleName()).append('=').append(k.getValue().keySet());
        }
        return sb.append('}').toString();
    }

    private Map<String, Entry> entries(Class<?> kind) {
        Objects.requireNonNull(kind, "kind");
        Map<String, Entry> m = byKind.get(kind);
        if (m == null) {
            throw new IllegalArgumentException("kind " + kind.getName() + " is not a provider kind; use one of "
                    + KINDS.stream().map(Class::getSimpleName).toList());
        }
        return m;
    }

    /** One provider under one kind, with where it came from for messages. */
    private record Entry(Class<?> kind, String name, Provider<?> provider, Origin originKind, String origin) {
    }

    private enum Origin { DISCOVERED, REGISTERED, REPLACEMENT }

    /**
     * Collects discovery settings and explicit providers; {@link #build()} checks them all and makes
     * the immutable registry. Not thread-safe; use it on one thread.
     */
    public static final class Builder {
        private ClassLoader discoveryLoader;
        private final List<Entry> explicit = new ArrayList<>();

        private Builder() {
        }

        /**
         * Finds providers of every kind through {@link ServiceLoader} with {@code classLoader} at
         * {@link #build()}. Replaces an earlier {@code discover} or {@code noDiscovery} call.
         */
        public Builder discover(ClassLoader classLoader) {
            this.discoveryLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Only explicitly registered providers (the default). Replaces an earlier {@code discover} call. */
        public Builder noDiscovery() {
            this.discoveryLoader = null;
            return this;
        }

        /**
         * Registers {@code provider} under the provider kind it implements. A provider with the same
         * kind and name as a discovered or another registered one makes {@link #build()} fail; use
         * {@link #replace(Provider)} to override deliberately.
         *
         * @throws IllegalArgumentException when it implements none of {@link ProviderRegistry#KINDS}
         */
        public Builder register(Provider<?> provider) {
            for (Class<? extends Provider<?>> kind : kindsOf(provider)) {
                explicit.add(entry(kind, provider, Origin.REGISTERED));
            }
            return this;
        }

        /** Registers {@code provider} under {@code kind} only. */
        public <P extends Provider<?>> Builder register(Class<P> kind, P provider) {
            explicit.add(entry(checkKind(kind, provider), provider, Origin.REGISTERED));
            return this;
        }

        /**
         * Registers {@code provider} under the kind it implements, replacing the discovered or
         * registered provider of the same kind and name. This is the one deliberate way to override a
         * provider (for example a host's own {@code paper} executor instead of the built-in one); the
         * replacement is logged at INFO. {@link #build()} fails when there is nothing of that kind and
         * name to replace, or when two replacements share a kind and name.
         */
        public Builder replace(Provider<?> provider) {
            for (Class<? extends Provider<?>> kind : kindsOf(provider)) {
                explicit.add(entry(kind, provider, Origin.REPLACEMENT));
            }
            return this;
        }

        /** Like {@link #replace(Provider)}, under {@code kind} only. */
        public <P extends Provider<?>> Builder replace(Class<P> kind, P provider) {
            explicit.add(entry(checkKind(kind, provider), provider, Origin.REPLACEMENT));
            return this;
        }

        /**
         * Discovers (if asked), checks every provider and builds the registry.
         *
         * @throws ProviderConfigurationException listing every duplicate, broken service entry,
         *                                        invalid name or replacement without target
         */
        public ProviderRegistry build() {
            List<String> problems = new ArrayList<>();
            Throwable[] firstCause = new Throwable[1];
            Map<Class<?>, Map<String, Entry>> result = new LinkedHashMap<>();
            for (Class<? extends Provider<?>> kind : KINDS) {
                result.put(kind, new LinkedHashMap<>());
            }
            if (discoveryLoader != null) {
                for (Class<? extends Provider<?>> kind : KINDS) {
                    for (Entry e : load(kind, discoveryLoader, problems, firstCause)) {
                        add(result, e, problems);
                    }
                }
            }
            for (Entry e : explicit) {
                if (e.originKind == Origin.REGISTERED) {
                    add(result, e, problems);
                }
            }
            for (Entry e : explicit) {
                if (e.originKind == Origin.REPLACEMENT) {
                    add(result, e, problems);
                }
            }
            if (!problems.isEmpty()) {
                throw new ProviderConfigurationException(problems, firstCause[0]);
            }
            ProviderRegistry registry = new ProviderRegistry(result);
            if (LOG.isDebugEnabled()) {
                LOG.debug("provider registry built:\n{}", registry.describe());
            }
            return registry;
        }

        private static void add(Map<Class<?>, Map<String, Entry>> result, Entry e, List<String> problems) {
            String kindName = e.kind.getSimpleName();
            String name = e.name;
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(kindName + " " + e.provider.getClass().getName() + " (" + e.origin + ") has an invalid name "
                        + SafeText.quoted(name) + "; names are lower-case words separated by dashes, e.g. moving-average-crossover");
                return;
            }
            Object schema;
            try {
                schema = e.provider.parameterSchema();
            } catch (RuntimeException ex) {
                problems.add(kindName + " '" + name + "' (" + e.provider.getClass().getName() + ", " + e.origin
                        + ") failed in parameterSchema(): " + ex);
                return;
            }
            if (schema == null) {
                problems.add(kindName + " '" + name + "' (" + e.provider.getClass().getName() + ", " + e.origin
                        + ") returned a null parameterSchema(); return ParameterSchema.empty() for none");
                return;
            }
            Map<String, Entry> m = result.get(e.kind);
            Entry existing = m.get(name);
            switch (e.originKind) {
                case DISCOVERED, REGISTERED -> {
                    if (existing != null) {
                        problems.add("two " + kindName + "s are named '" + name + "': " + describe(existing) + " and "
                                + describe(e) + "; remove or rename one"
                                + (e.originKind == Origin.REGISTERED && existing.originKind == Origin.DISCOVERED
                                ? ", or call replace(...) instead of register(...) to override the discovered one deliberately"
                                : ""));
                        return;
                    }
                    m.put(name, e);
                }
                case REPLACEMENT -> {
                    if (existing == null) {
                        problems.add("replace(...) of " + kindName + " '" + name + "' with " + describe(e)
                                + " found no " + kindName + " named '" + name + "' to replace; use register(...) to add a new one");
                        return;
                    }
                    if (existing.originKind == Origin.REPLACEMENT) {
                        problems.add("two replacements for " + kindName + " '" + name + "': " + describe(existing) + " and "
                                + describe(e) + "; keep one");
                        return;
                    }
                    LOG.info("{} '{}': {} replaces {}", kindName, name, describe(e), describe(existing));
                    m.put(name, e);
                }
                default -> throw new IllegalStateException("unexpected origin " + e.originKind);
            }
        }

        private static String describe(Entry e) {
            return e.provider.getClass().getName() + " (" + e.origin + ")";
        }

        private static List<Entry> load(Class<? extends Provider<?>> kind, ClassLoader loader, List<String> problems,
                                        Throwable[] firstCause) {
            List<Entry> found = new ArrayList<>();
            Iterator<? extends Provider<?>> it = ServiceLoader.load(kind, loader).iterator();
            int errors = 0;
            while (true) {
                Provider<?> p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError err) {
                    // ServiceLoader goes on with the next entry after a failed one; report each.
                    problems.add(describeLoadError(kind, loader, err));
                    if (firstCause[0] == null) {
                        firstCause[0] = err;
                    }
                    if (++errors >= MAX_LOAD_ERRORS_PER_KIND) {
                        problems.add("stopped reading META-INF/services/" + kind.getName() + " after " + errors + " errors");
                        break;
                    }
                    continue;
                }
                String name;
                try {
                    name = p.name();
                } catch (RuntimeException ex) {
                    problems.add(kind.getSimpleName() + " " + p.getClass().getName() + " (discovered from "
                            + ServiceFiles.location(p.getClass()) + ") failed in name(): " + ex);
                    continue;
                }
                found.add(new Entry(kind, name, p, Origin.DISCOVERED, "discovered from " + ServiceFiles.location(p.getClass())));
                LOG.debug("discovered {} '{}' ({})", kind.getSimpleName(), name, p.getClass().getName());
            }
            return found;
        }

        private static String describeLoadError(Class<?> kind, ClassLoader loader, ServiceConfigurationError err) {
            String msg = String.valueOf(err.getMessage());
            Map<String, List<String>> entries = ServiceFiles.entries(loader, kind);
            String entry = null;
            for (String name : entries.keySet()) {
                if (msg.contains(name) && (entry == null || name.length() > entry.length())) {
                    entry = name;
                }
            }
            StringBuilder sb = new StringBuilder("META-INF/services entry ");
            if (entry != null) {
                sb.append('\'').append(entry).append("' for ").append(kind.getName()).append(" (listed in ")
                        .append(String.join(", ", entries.get(entry))).append(")");
            } else {
                sb.append("for ").append(kind.getName());
            }
            sb.append(" could not be loaded: ").append(msg);
            Throwable cause = err.getCause();
            if (cause != null) {
                sb.append("; caused by ").append(cause);
                if (cause.getCause() != null) {
                    sb.append("; caused by ").append(cause.getCause());
                }
            }
            return sb.toString();
        }

        private static Entry entry(Class<? extends Provider<?>> kind, Provider<?> provider, Origin origin) {
            String name;
            try {
                name = provider.name();
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("provider " + provider.getClass().getName() + " failed in name(): " + ex, ex);
            }
            String where = origin == Origin.REPLACEMENT ? "replacement registered in code" : "registered in code";
            return new Entry(kind, name, provider, origin, where);
        }

        private static List<Class<? extends Provider<?>>> kindsOf(Provider<?> provider) {
            Objects.requireNonNull(provider, "provider");
            List<Class<? extends Provider<?>>> kinds = new ArrayList<>();
            for (Class<? extends Provider<?>> kind : KINDS) {
                if (kind.isInstance(provider)) {
                    kinds.add(kind);
                }
            }
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("provider " + provider.getClass().getName()
                        + " implements none of the provider kinds " + KINDS.stream().map(Class::getSimpleName).toList());
            }
            return kinds;
        }

        private static Class<? extends Provider<?>> checkKind(Class<? extends Provider<?>> kind, Provider<?> provider) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(provider, "provider");
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("kind " + kind.getName() + " is not a provider kind; use one of "
                        + KINDS.stream().map(Class::getSimpleName).toList());
            }
            if (!kind.isInstance(provider)) {
                throw new IllegalArgumentException("provider " + provider.getClass().getName() + " is not a " + kind.getSimpleName());
            }
            return kind;
        }
    }
}
