package io.tradingsdk.core.config;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.journal.TradeJournalProvider;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.ExecutorProvider;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.ParameterType;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.Provider;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.api.provider.Secret;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.risk.PositionSizerProvider;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.analysis.CorrelatedExposureRule;
import io.tradingsdk.core.analysis.StressLossLimitRule;
import io.tradingsdk.core.config.internal.Masking;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderNotFoundException;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.core.provider.internal.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link TradingConfig} into components: looks every provider name up in a
 * {@link ProviderRegistry}, validates the free-form {@code parameters} against each provider's
 * {@link io.tradingsdk.api.provider.ParameterSchema} (resolving {@code ${ENV}} secret references
 * through {@link ProviderContext#environment()}), then creates the strategies, sizer, risk rules,
 * journal, executor and market data source.
 *
 * <p>The background risk analyzer ({@code risk.analysis}) is not created here: it is a thread the
 * host owns. Its settings were checked when the configuration was read;
 * {@link ResolvedComponents#analyzerConfig()} carries them to
 * {@code io.tradingsdk.core.backtest.ConfiguredEngine#build}. Rules that read the analysis while it
 * is not enabled are logged as a warning: they apply only their fallback limits.
 *
 * <p><b>Order and atomicity.</b> Every name and every parameter set is checked before anything is
 * created, so a bad value anywhere creates nothing. If a provider's {@code create} then fails, the
 * components created so far that are {@link AutoCloseable} are closed before the exception leaves.
 *
 * <p><b>Errors</b> (on the caller's thread):
 * <ul>
 *   <li>{@link ConfigException} for a name or parameter written in the configuration: an unknown
 *       provider ({@code strategies[1].provider}, listing the available names and a "did you mean"),
 *       a parameter the schema refuses or that {@code create} refuses with an
 *       {@link InvalidParameterException} ({@code strategies[0].parameters.slowPeriod} and the value),
 *       a secret reference to an unset variable (naming the variable, never a value), or any other
 *       failure of {@code create} (naming the section).</li>
 *   <li>{@link ProviderNotFoundException} when {@code risk.useDefaults} is true and built-in rule
 *       providers are missing from the registry; the message lists every missing one.</li>
 * </ul>
 * Secret values never appear in messages: values of {@code SECRET} parameters are masked, and any
 * resolved secret that a provider put into its own message is replaced by {@code ****}.
 */
public final class ConfigResolver {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigResolver.class);
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    private ConfigResolver() {
    }

    /**
     * Validates everything and creates all components. Providers get a {@link DefaultProviderContext}
     * with the account id, clock and environment of {@code context} and {@link ProviderContext#initialCash()}
     * set to {@code account.initialCash}, so a simulated venue starts with the same cash as the engine.
     *
     * @throws ConfigException           naming the key path of the first problem
     * @throws ProviderNotFoundException when built-in risk rule providers are missing
     */
    public static ResolvedComponents resolve(TradingConfig config, ProviderRegistry registry, ProviderContext context) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(context, "context");
        // account.initialCash is the one starting cash: simulated venues read it from the context.
        context = DefaultProviderContext.withInitialCash(context, config.account().initialCash());
        Plan plan = plan(config, registry, context.environment());
        List<AutoCloseable> created = new ArrayList<>();
        try {
            List<ResolvedStrategy> strategies = new ArrayList<>();
            for (int i = 0; i < plan.strategies.size(); i++) {
                Planned<TradingStrategy> p = plan.strategies.get(i);
                StrategyConfig sc = config.strategies().get(i);
                TradingStrategy s = create(config, p, context);
                strategies.add(new ResolvedStrategy(sc.id(), p.name, sc.symbols(), sc.enabled(), s, p.parameters,
                        (StrategyProvider) p.provider, p.path));
            }
            ResolvedComponent<PositionSizer> sizer = resolved(plan.sizer, create(config, plan.sizer, context));
            List<ResolvedComponent<RiskRule>> rules = new ArrayList<>();
            for (Planned<RiskRule> r : plan.rules) {
                rules.add(resolved(r, create(config, r, context)));
            }
            TradeJournal journal = create(config, plan.journal, context);
            created.add(journal);
            Executor executor = create(config, plan.executor, context);
            created.add(executor);
            ResolvedComponent<MarketDataSource> data = null;
            if (plan.data != null) {
                MarketDataSource source = create(config, plan.data, context);
                created.add(source);
                data = resolved(plan.data, source);
            }
            ResolvedComponents out = new ResolvedComponents(config, strategies, sizer, rules,
                    resolved(plan.executor, executor), resolved(plan.journal, journal), data);
            LOG.info("{}: resolved {} strategies {}, sizer {}, risk rules {}, executor {}, journal {}, data {}, "
                            + "risk analysis {}", config.sourceName(), strategies.size(),
                    strategies.stream().map(ResolvedStrategy::id).toList(), plan.sizer.name,
                    plan.rules.stream().map(r -> r.name).toList(), plan.executor.name, plan.journal.name,
                    plan.data == null ? "(host-supplied)" : plan.data.name,
                    config.risk().analysis().enabled() ? "enabled" : "off");
            warnIfAnalysisMissing(config, plan.rules, context.accountId());
            return out;
        } catch (RuntimeException | Error e) {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    created.get(i).close();
                } catch (Exception closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw e;
        }
    }

    /**
     * Like {@link #resolve(TradingConfig, ProviderRegistry, ProviderContext)} with a
     * {@link DefaultProviderContext} for the configured account id, {@code clock}, and secrets from the
     * process environment.
     */
    public static ResolvedComponents resolve(TradingConfig config, ProviderRegistry registry, TradingClock clock) {
        Objects.requireNonNull(config, "config");
        return resolve(config, registry, DefaultProviderContext.of(config.account().id(), clock));
    }

    /**
     * Checks every provider name and parameter set without creating anything: what {@link #resolve}
     * checks before it creates. Useful for a "check configuration" command.
     *
     * @param environment resolves {@code ${NAME}} secret references
     * @throws ConfigException           naming the key path of the first problem
     * @throws ProviderNotFoundException when built-in risk rule providers are missing
     */
    public static void check(TradingConfig config, ProviderRegistry registry, Function<String, String> environment) {
        plan(Objects.requireNonNull(config, "config"), Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(environment, "environment"));
    }

    /** Rules that read the background analysis apply only their fallback limits without an analyzer. */
    private static void warnIfAnalysisMissing(TradingConfig config, List<Planned<RiskRule>> rules, String accountId) {
        if (config.risk().analysis().enabled()) {
            return;
        }
        List<String> readers = rules.stream().map(r -> r.name)
                .filter(n -> n.equals(CorrelatedExposureRule.NAME) || n.equals(StressLossLimitRule.NAME)).toList();
        if (!readers.isEmpty()) {
            LOG.warn("{}: the risk rules {} read the background risk analysis, but risk.analysis is not enabled: unless "
                    + "the host starts a RiskAnalyzer for account '{}' in code, they apply only their fallback limits",
                    config.sourceName(), readers, accountId);
        }
    }

    private static <T> ResolvedComponent<T> resolved(Planned<T> p, T component) {
        return new ResolvedComponent<>(p.path, p.name, p.provider, component, p.parameters);
    }

    /** A provider found and its parameters validated, not yet created. */
    private record Planned<T>(String path, String name, Provider<T> provider, Parameters parameters) {
    }

    private record Plan(List<Planned<TradingStrategy>> strategies, Planned<PositionSizer> sizer,
                        List<Planned<RiskRule>> rules, Planned<Executor> executor, Planned<TradeJournal> journal,
                        Planned<MarketDataSource> data) {
    }

    private static Plan plan(TradingConfig config, ProviderRegistry registry, Function<String, String> env) {
        Planned<MarketDataSource> data = null;
        DataConfig dc = config.data();
        if (dc != null) {
            data = plan(config, registry, env, MarketDataSourceProvider.class, "data", dc.provider(), dc.parameters());
        }
        List<Planned<TradingStrategy>> strategies = new ArrayList<>();
        for (int i = 0; i < config.strategies().size(); i++) {
            StrategyConfig sc = config.strategies().get(i);
            strategies.add(plan(config, registry, env, StrategyProvider.class, "strategies[" + i + "]", sc.provider(),
                    sc.parameters()));
        }
        Planned<PositionSizer> sizer = plan(config, registry, env, PositionSizerProvider.class, "sizer",
                config.sizer().provider(), config.sizer().parameters());
        List<Planned<RiskRule>> rules = planRules(config, registry, env);
        Planned<Executor> executor = plan(config, registry, env, ExecutorProvider.class, "execution",
                config.execution().provider(), config.execution().parameters());
        Planned<TradeJournal> journal = plan(config, registry, env, TradeJournalProvider.class, "journal",
                config.journal().provider(), config.journal().parameters());
        return new Plan(strategies, sizer, rules, executor, journal, data);
    }

    private static List<Planned<RiskRule>> planRules(TradingConfig config, ProviderRegistry registry,
                                                     Function<String, String> env) {
        RiskConfig risk = config.risk();
        List<RiskRuleConfig> effective = risk.effectiveRules();
        java.util.Set<String> listedNames = new java.util.HashSet<>();
        risk.rules().forEach(r -> listedNames.add(r.provider()));
        if (risk.useDefaults()) {
            List<String> missing = new ArrayList<>();
            for (RiskRuleConfig r : effective) {
                if (!listedNames.contains(r.provider()) && registry.find(RiskRuleProvider.class, r.provider()).isEmpty()) {
                    missing.add(r.provider());
                }
            }
            if (!missing.isEmpty()) {
                throw new ProviderNotFoundException(RiskRuleProvider.class, missing.get(0),
                        registry.names(RiskRuleProvider.class), "risk.useDefaults is true in " + config.sourceName()
                        + " and the built-in risk rule providers " + missing + " are not registered; register them, "
                        + "remove single rules with '- {provider: <name>, enabled: false}' under risk.rules, or set "
                        + "risk.useDefaults: false and list the rules you want");
            }
        }
        List<Planned<RiskRule>> out = new ArrayList<>();
        List<RiskRuleConfig> listed = risk.rules();
        for (int i = 0; i < listed.size(); i++) {
            RiskRuleConfig r = listed.get(i);
            if (!r.enabled() && RiskConfig.DEFAULT_RULES.contains(r.provider())
                    && registry.find(RiskRuleProvider.class, r.provider()).isEmpty()) {
                continue; // removing a built-in rule that is not installed anyway
            }
            // Other disabled entries are still checked, so a typo in a name does not hide until it is enabled.
            Planned<RiskRule> planned = plan(config, registry, env, RiskRuleProvider.class, "risk.rules[" + i + "]",
                    r.provider(), r.parameters());
            if (r.enabled()) {
                out.add(planned);
            }
        }
        // Put them in effective order; built-in rules that were not listed use their defaults.
        List<Planned<RiskRule>> ordered = new ArrayList<>();
        for (RiskRuleConfig r : effective) {
            Planned<RiskRule> listedPlan = out.stream().filter(pl -> pl.name.equals(r.provider())).findFirst().orElse(null);
            if (listedPlan != null) {
                ordered.add(listedPlan);
            } else {
                ordered.add(plan(config, registry, env, RiskRuleProvider.class, "risk.useDefaults", r.provider(), Map.of()));
            }
        }
        return ordered;
    }

    private static <T, P extends Provider<T>> Planned<T> plan(TradingConfig config, ProviderRegistry registry,
                                                            Function<String, String> env, Class<P> kind, String path,
                                                            String name, Map<String, Object> raw) {
        P provider;
        try {
            provider = registry.get(kind, name);
        } catch (ProviderNotFoundException e) {
            String providerPath = path.equals("risk.useDefaults") ? path : path + ".provider";
            throw new ConfigException(config.sourceName(), providerPath, name, "unknown " + kind.getSimpleName() + " "
                    + SafeText.quoted(name) + "; available: " + (e.availableNames().isEmpty() ? "none registered"
                    : new java.util.TreeSet<>(e.availableNames())) + Suggestions.didYouMean(name, e.availableNames()), e);
        }
        Parameters parameters;
        try {
            parameters = provider.parameterSchema().validate(raw, env);
        } catch (InvalidParameterException e) {
            throw parameterError(config, path, name, provider, e, List.of());
        }
        return new Planned<>(path, name, provider, parameters);
    }

    private static <T> T create(TradingConfig config, Planned<T> p, ProviderContext context) {
        List<Secret> secrets = secrets(p.parameters);
        T component;
        try {
            component = p.provider.create(p.parameters, context);
        } catch (InvalidParameterException e) {
            throw parameterError(config, p.path, p.name, p.provider, e, secrets);
        } catch (RuntimeException e) {
            String text = Masking.scrub(String.valueOf(e.getMessage()), secrets);
            boolean leaks = leaks(e, secrets);
            throw new ConfigException(config.sourceName(), p.path, null, "provider '" + p.name + "' could not create its "
                    + "component: " + e.getClass().getSimpleName() + ": " + text, leaks ? null : e);
        }
        if (component == null) {
            throw new ConfigException(config.sourceName(), p.path, null, "provider '" + p.name + "' ("
                    + p.provider.getClass().getName() + ") returned null from create()", null);
        }
        return component;
    }

    private static ConfigException parameterError(TradingConfig config, String path, String providerName,
                                                  Provider<?> provider, InvalidParameterException e, List<Secret> secrets) {
        String parameter = e.parameter();
        boolean builtInDefault = path.equals("risk.useDefaults");
        String keyPath = builtInDefault ? path
                : path + ".parameters" + (parameter == null || parameter.isEmpty() ? "" : "." + parameter);
        ParameterSpec spec = parameter == null ? null : provider.parameterSchema().spec(parameter);
        Object value = maskParameterValue(spec, e.rejectedValue(), secrets);
        String reason = Masking.scrub(e.getMessage(), secrets);
        if (spec == null && parameter != null && reason.startsWith("unknown parameter")) {
            reason += Suggestions.didYouMean(parameter, provider.parameterSchema().names());
            if (parameter.equals("initialCash")) {
                reason += "; the starting cash is set once, as account.initialCash";
            }
        }
        if (builtInDefault) {
            reason = "built-in risk rule '" + providerName + "': " + reason;
        } else {
            reason = reason + " (provider '" + providerName + "')";
        }
        return new ConfigException(config.sourceName(), keyPath, value, reason, leaks(e, secrets) ? null : e);
    }

    private static Object maskParameterValue(ParameterSpec spec, Object value, List<Secret> secrets) {
        if (value == null || value instanceof Secret) {
            return value;
        }
        if (spec != null && spec.type() == ParameterType.SECRET) {
            return value instanceof String s && ENV_REF.matcher(s).matches() ? s : Masking.MASK;
        }
        if (value instanceof String s && Masking.containsAny(s, secrets)) {
            return Masking.MASK;
        }
        return value;
    }

    private static boolean leaks(Throwable t, List<Secret> secrets) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (Masking.containsAny(c.getMessage(), secrets) || Masking.containsAny(c.toString(), secrets)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static List<Secret> secrets(Parameters parameters) {
        List<Secret> out = new ArrayList<>();
        for (Object v : parameters.asMap().values()) {
            if (v instanceof Secret s) {
                out.add(s);
            }
        }
        return out;
    }
}
