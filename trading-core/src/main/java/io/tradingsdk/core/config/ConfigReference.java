package io.tradingsdk.core.config;

import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.ParameterType;
import io.tradingsdk.api.provider.Provider;
import io.tradingsdk.core.analysis.AnalyzerConfig;
import io.tradingsdk.core.recovery.RecoveryPolicy;
import io.tradingsdk.core.provider.ProviderRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reference of every configuration key: type, default, allowed range and meaning, as a markdown
 * table ({@link #markdown()}) or as a commented YAML file that is itself a valid configuration
 * ({@link #yaml()}); and the parameters of every provider in a registry
 * ({@link #providersMarkdown(ProviderRegistry)}). Defaults come from the same constants the config
 * records use, so the text cannot drift from the code. Run {@link #main} to print it.
 */
public final class ConfigReference {

    /**
     * One documented key.
     *
     * @param path         dotted path; {@code []} marks a list entry, e.g. {@code strategies[].id}
     * @param type         the value's type as written in YAML
     * @param defaultValue the default, or {@code required}, or what absence means
     * @param rule         allowed values or range; empty when any value of the type is allowed
     * @param description  what it does
     */
    public record Key(String path, String type, String defaultValue, String rule, String description) {
    }

    private static final String PROVIDER_RULE = "lower-case words separated by dashes";
    private static final String PARAMETERS = "provider parameters, checked against the provider's schema when the "
            + "components are created; secrets are written as ${ENV_VAR}";

    /** What the analyzer's schema cannot say: rules its constructor checks across fields or inside values. */
    private static final Map<String, String> ANALYSIS_RULES = Map.of(
            "minObservations", "at most window - 1",
            "confidenceLevels", "each in (0, 1), no repeats",
            "schedulePeriod", "0s: no schedule",
            "stressScenarios", "at least one, names unique; shock in [-1, 10] (-0.10 = -10 %), factor in (0, 100]");
    /** Where the schema's inclusive range would mislead: the analyzer refuses the bound itself. */
    private static final Map<String, String> ANALYSIS_RULES_INSTEAD = Map.of("notionalTrigger", "> 0");

    private static final List<Key> KEYS = concat(List.of(
            new Key("account", "map", "all defaults", "", "The trading account."),
            new Key("account.id", "text", AccountConfig.DEFAULT_ID, "[A-Za-z0-9._-]{1,64}",
                    "Account id used in journals, metrics and client order ids."),
            new Key("account.initialCash", "decimal", AccountConfig.DEFAULT_INITIAL_CASH.toPlainString(),
                    "> 0 and <= " + AccountConfig.MAX_INITIAL_CASH.toPlainString(),
                    "Starting cash of a backtest or simulated account (the paper executor's too: the one place it is "
                            + "set); an exact decimal."),
            new Key("account.mode", "backtest | paper | live", AccountConfig.DEFAULT_MODE.yamlName(), "",
                    "How the account trades. live (real money) is never a default and must be written out."),
            new Key("data", "map", "absent: the host supplies the market data source in code", "",
                    "Where bars come from."),
            new Key("data.provider", "provider name", "required", PROVIDER_RULE, "A MarketDataSourceProvider, e.g. csv."),
            new Key("data.parameters", "map", "{}", "", "Market data " + PARAMETERS + "."),
            new Key("data.symbols", "list of symbols", "[]: the strategies' symbols", "no duplicates",
                    "Symbols to load."),
            new Key("data.timeframe", "timeframe", "none: the source's native timeframe", "30Sec, 5Min, 1Hour, 1Day, 1Week",
                    "Bar length to request."),
            new Key("data.from", "date or instant", "none: from the first bar",
                    "2013-01-01 (00:00 UTC) or 2013-01-01T14:30:00Z", "Inclusive start of the bars to replay."),
            new Key("data.to", "date or instant", "none: to the last bar", "after data.from",
                    "Exclusive end of the bars to replay."),
            new Key("strategies", "list", "[]", "ids unique", "Strategy instances; several may use one provider."),
            new Key("strategies[].id", "text", "required", "[a-z0-9._-]{1,32}, unique",
                    "The instance's id in signals, metrics, journals and client order ids."),
            new Key("strategies[].provider", "provider name", "required", PROVIDER_RULE,
                    "A StrategyProvider, e.g. moving-average-crossover."),
            new Key("strategies[].symbols", "list of symbols", "required", "at least one, no duplicates",
                    "Symbols whose bars the strategy receives, e.g. [AAPL]."),
            new Key("strategies[].enabled", "boolean", String.valueOf(StrategyConfig.DEFAULT_ENABLED), "",
                    "A disabled strategy is created but receives no bars."),
            new Key("strategies[].parameters", "map", "{}", "", "Strategy " + PARAMETERS + "."),
            new Key("sizer", "map", "provider " + TradingConfig.DEFAULT_SIZER + " with its defaults", "",
                    "How a signal becomes a quantity."),
            new Key("sizer.provider", "provider name", "required when sizer is present", PROVIDER_RULE,
                    "A PositionSizerProvider, e.g. kelly or fixed-fractional."),
            new Key("sizer.parameters", "map", "{}", "", "Sizer " + PARAMETERS + "."),
            new Key("risk", "map", "the built-in rules with their defaults", "", "The quick pre-trade risk checks."),
            new Key("risk.useDefaults", "boolean", String.valueOf(RiskConfig.DEFAULT_USE_DEFAULTS), "",
                    "Start from the built-in rules, in this order: " + String.join(", ", RiskConfig.DEFAULT_RULES)
                            + ". When false, only the listed rules run."),
            new Key("risk.rules", "list", "[]", "each provider at most once",
                    "Rules that replace a built-in rule of the same provider name (in place), remove it "
                            + "(enabled: false) or run after the built-in ones. " + RiskConfig.TRADING_STATE_RULE
                            + " always runs first."),
            new Key("risk.rules[].provider", "provider name", "required", PROVIDER_RULE,
                    "A RiskRuleProvider, e.g. max-order-notional."),
            new Key("risk.rules[].enabled", "boolean", String.valueOf(RiskRuleConfig.DEFAULT_ENABLED), "",
                    "false removes the built-in rule of this name."),
            new Key("risk.rules[].parameters", "map", "{}", "", "Risk rule " + PARAMETERS + ".")),
            analysisKeys(),
            List.of(
            new Key("execution", "map", "provider " + TradingConfig.DEFAULT_EXECUTION + " with its defaults", "",
                    "Where orders go."),
            new Key("execution.provider", "provider name", "required when execution is present", PROVIDER_RULE,
                    "An ExecutorProvider, e.g. paper or alpaca."),
            new Key("execution.parameters", "map", "{}", "", "Executor " + PARAMETERS + "."),
            new Key("journal", "map", "provider " + TradingConfig.DEFAULT_JOURNAL + " with its defaults", "",
                    "Where signals, decisions, orders and fills are recorded."),
            new Key("journal.provider", "provider name", "required when journal is present", PROVIDER_RULE,
                    "A TradeJournalProvider, e.g. memory or postgres."),
            new Key("journal.parameters", "map", "{}", "", "Journal " + PARAMETERS + "."),
            new Key("engine", "map", "all defaults", "", "Engine settings that belong to no provider."),
            new Key("engine.timeInForce", String.join(" | ", EngineConfig.TIME_IN_FORCE_NAMES),
                    EngineConfig.yamlName(EngineConfig.DEFAULT_TIME_IN_FORCE), "lower case",
                    "Time in force of the orders the engine sends: day (until the session closes), gtc (until "
                            + "cancelled), opg (at the opening auction), cls (at the closing auction), ioc (fill what "
                            + "you can at once, cancel the rest), fok (fill all at once or cancel). The executor's "
                            + "venue decides which values it accepts."),
            new Key("engine.tradingZone", "time zone", EngineConfig.DEFAULT_TRADING_ZONE.getId(),
                    "tz database id (America/New_York, Europe/London, UTC) or offset (+01:00)",
                    "Time zone whose midnight starts a new trading day: the daily loss baseline resets and the day "
                            + "rolls over. UTC for crypto. Use a region, not an abbreviation such as EST (no "
                            + "daylight saving).")),
            engineKeys());

    /** {@code engine.signalTimeTolerance} and {@code engine.recovery.*}, from their schemas: names, defaults and ranges cannot drift. */
    private static List<Key> engineKeys() {
        List<Key> out = new ArrayList<>();
        for (ParameterSpec s : EngineConfig.parameterSchema().specs()) {
            out.add(new Key("engine." + s.name(), schemaType(s), schemaDefault(s), allowed(s), sentence(s.description())));
        }
        out.add(new Key("engine." + EngineConfig.RECOVERY, "map", "all defaults", "",
                "What recovery at start does with what it cannot simply adopt from the broker. Static."));
        for (ParameterSpec s : RecoveryPolicy.parameterSchema().specs()) {
            String rule = s.type() == ParameterType.STRING ? "" : allowed(s);
            out.add(new Key("engine." + EngineConfig.RECOVERY + "." + s.name(), schemaType(s), schemaDefault(s), rule,
                    sentence(s.description())));
        }
        return out;
    }


    private static final String RULES_TEXT = """
            Rules for every key: keys not listed here are errors at any level (also inside strategies and \
            risk rules); values are not coerced ("10" in quotes is text, not a number; a single value is \
            not a list); numbers with a fraction are exact decimals; a key may appear once per map; one \
            YAML document per file; a key with no value means null and is refused inside parameters. \
            Errors name the file, the key path (e.g. strategies[0].parameters.fastPeriod), the rejected \
            value (secrets masked) and the line. Provider parameters are checked against each provider's \
            schema when components are created; a SECRET parameter must be an ${ENV_VAR} reference and is \
            never printed.""";

    private ConfigReference() {
    }

    @SafeVarargs
    private static List<Key> concat(List<Key>... parts) {
        List<Key> out = new ArrayList<>();
        for (List<Key> p : parts) {
            out.addAll(p);
        }
        return List.copyOf(out);
    }

    /** {@code risk.analysis} and its keys, from {@link AnalyzerConfig#parameterSchema()}: names, defaults and ranges cannot drift. */
    private static List<Key> analysisKeys() {
        List<Key> out = new ArrayList<>();
        out.add(new Key("risk.analysis", "map", "absent: no background risk analyzer", "",
                "The background RiskAnalyzer (correlations, volatility, VaR, stress losses) whose results the "
                        + "correlated-exposure and stress-loss-limit rules read; without it they apply their fallback "
                        + "limits. Built with the engine by ConfiguredEngine.build. Static: a change needs a restart. "
                        + "In Backtest.run it runs at bar boundaries on the simulated clock, deterministically."));
        out.add(new Key("risk.analysis." + AnalysisConfig.ENABLED, "boolean", String.valueOf(AnalysisConfig.DEFAULT_ENABLED),
                "", "Whether the analyzer runs; false keeps the settings and starts none."));
        for (ParameterSpec s : AnalyzerConfig.parameterSchema().specs()) {
            // A STRING's allowed values are its type already.
            String rule = s.type() == ParameterType.STRING ? "" : ANALYSIS_RULES_INSTEAD.getOrDefault(s.name(), allowed(s));
            String extra = ANALYSIS_RULES.getOrDefault(s.name(), "");
            rule = rule.isEmpty() ? extra : extra.isEmpty() ? rule : rule + "; " + extra;
            out.add(new Key("risk.analysis." + s.name(), schemaType(s), schemaDefault(s), rule, sentence(s.description())));
        }
        return out;
    }

    /** A schema parameter's type as the reference names it (the analysis and engine keys come from schemas). */
    private static String schemaType(ParameterSpec s) {
        return switch (s.type()) {
            case INTEGER -> "whole number";
            case DECIMAL, NUMBER -> "decimal";
            case DURATION -> "duration (500ms, 30s, 5m, 1h, 1d or ISO-8601 PT5M)";
            case STRING -> s.allowed().isEmpty() ? "text" : String.join(" | ", new TreeSet<>(s.allowed()));
            // The YAML section reads the levels as decimals; the schema keeps them as text.
            case STRING_LIST -> s.name().equals("confidenceLevels") ? "list of decimals" : "list of text";
            default -> s.type().name().toLowerCase(Locale.ROOT);
        };
    }

    /** A schema parameter's default as the reference shows it: durations in their unit, lists in brackets. */
    private static String schemaDefault(ParameterSpec s) {
        Object d = s.defaultValue();
        if (d instanceof Duration duration) {
            return duration(duration);
        }
        return d instanceof List<?> l ? "[" + String.join(", ", l.stream().map(String::valueOf).toList()) + "]"
                : String.valueOf(d);
    }

    /** The default as YAML: scenario texts quoted (they contain ':'), levels as numbers. */
    private static String schemaYamlValue(ParameterSpec s) {
        Object d = s.defaultValue();
        if (d instanceof Duration duration) {
            return duration(duration);
        }
        if (d instanceof List<?> l) {
            boolean quote = s.type() == ParameterType.STRING_LIST && !s.name().equals("confidenceLevels");
            return "[" + String.join(", ", l.stream().map(v -> quote ? "\"" + v + "\"" : String.valueOf(v)).toList()) + "]";
        }
        return String.valueOf(d);
    }

    private static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }

    /** The {@code risk.analysis} block of {@link #yaml()}, one key a line with its default. */
    private static String analysisYaml() {
        StringBuilder sb = new StringBuilder();
        sb.append(pad("  analysis:", "optional; absent: no analyzer. Static. Built by ConfiguredEngine.build; "
                + "Backtest.run runs it on the simulated clock"));
        sb.append(pad("    " + AnalysisConfig.ENABLED + ": " + AnalysisConfig.DEFAULT_ENABLED,
                "default " + AnalysisConfig.DEFAULT_ENABLED + " when the section is present"));
        for (ParameterSpec s : AnalyzerConfig.parameterSchema().specs()) {
            sb.append(pad("    " + s.name() + ": " + schemaYamlValue(s), s.description()));
        }
        return sb.toString();
    }

    private static String pad(String line, String comment) {
        StringBuilder sb = new StringBuilder(line);
        do {
            sb.append(' ');
        } while (sb.length() < 30);
        return sb.append("# ").append(comment).append('\n').toString();
    }

    /** Every key, in document order. */
    public static List<Key> keys() {
        return KEYS;
    }

    /** A markdown table of every key, followed by the general rules. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Key | Type | Default | Allowed | Description |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Key k : KEYS) {
            sb.append("| `").append(k.path()).append("` | ").append(cell(k.type())).append(" | ")
                    .append(cell(k.defaultValue())).append(" | ").append(cell(k.rule())).append(" | ")
                    .append(cell(k.description())).append(" |\n");
        }
        sb.append('\n').append(RULES_TEXT).append('\n');
        return sb.toString();
    }

    /**
     * A commented YAML file showing every key with its default (or an example where there is no
     * default). It is a valid configuration: it parses with {@link TradingConfig#parse}.
     */
    public static String yaml() {
        return """
                # Trading SDK configuration reference. Every key with its default; "required" keys show an example.
                %saccount:
                  id: %s                  # text [A-Za-z0-9._-]{1,64}
                  initialCash: %s           # decimal > 0, exact; starting cash of a backtest or simulated account
                  mode: %s              # backtest | paper | live; live is never a default
                data:                         # optional; without it the host supplies the market data source in code
                  provider: csv               # required: a MarketDataSourceProvider name
                  parameters: {}              # default {}: checked against the provider's schema
                  symbols: [AAPL]             # default []: the strategies' symbols
                  timeframe: 1Day             # default: the source's native timeframe (30Sec, 5Min, 1Hour, 1Day, 1Week)
                  from: 2013-01-01            # default: the first bar; inclusive; a date is 00:00 UTC
                  to: 2014-01-01              # default: the last bar; exclusive; after from
                strategies:                   # default []
                  - id: sma-aapl              # required, unique: [a-z0-9._-]{1,32}
                    provider: moving-average-crossover   # required: a StrategyProvider name
                    symbols: [AAPL]           # required: at least one, no duplicates
                    enabled: %s             # default true; a disabled strategy receives no bars
                    parameters: {fastPeriod: 10, slowPeriod: 30}   # default {}: the provider's defaults
                sizer:                        # default: provider %s with its defaults
                  provider: %s
                  parameters: {}
                risk:
                  useDefaults: %s             # start from: %s
                  rules:                      # default []: replace (same provider name), remove (enabled: false) or add rules
                    - provider: max-order-notional
                      enabled: %s
                      parameters: {maxNotional: 50000}
                %sexecution:                    # default: provider %s with its defaults
                  provider: %s
                  parameters: {}              # secrets as ${ENV_VAR} references, e.g. apiSecret: ${APCA_API_SECRET_KEY}
                journal:                      # default: provider %s with its defaults
                  provider: %s
                  parameters: {}
                engine:
                  timeInForce: %s                # %s: time in force of the orders the engine sends
                  tradingZone: %s   # time zone whose midnight starts a trading day (daily loss baseline); UTC for crypto
                %s""".formatted(comment(RULES_TEXT), AccountConfig.DEFAULT_ID,
                AccountConfig.DEFAULT_INITIAL_CASH.toPlainString(), AccountConfig.DEFAULT_MODE.yamlName(),
                StrategyConfig.DEFAULT_ENABLED, TradingConfig.DEFAULT_SIZER, TradingConfig.DEFAULT_SIZER,
                RiskConfig.DEFAULT_USE_DEFAULTS, String.join(", ", RiskConfig.DEFAULT_RULES),
                RiskRuleConfig.DEFAULT_ENABLED, analysisYaml(), TradingConfig.DEFAULT_EXECUTION, TradingConfig.DEFAULT_EXECUTION,
                TradingConfig.DEFAULT_JOURNAL, TradingConfig.DEFAULT_JOURNAL,
                EngineConfig.yamlName(EngineConfig.DEFAULT_TIME_IN_FORCE),
                String.join(" | ", EngineConfig.TIME_IN_FORCE_NAMES), EngineConfig.DEFAULT_TRADING_ZONE.getId(),
                engineYaml());
    }

    /** The rest of the {@code engine} block of {@link #yaml()}: the tolerance and the recovery section with their defaults. */
    private static String engineYaml() {
        StringBuilder sb = new StringBuilder();
        for (ParameterSpec s : EngineConfig.parameterSchema().specs()) {
            sb.append(pad("  " + s.name() + ": " + schemaYamlValue(s), s.description()));
        }
        sb.append(pad("  " + EngineConfig.RECOVERY + ":", "static; what recovery at start does with what it cannot adopt"));
        for (ParameterSpec s : RecoveryPolicy.parameterSchema().specs()) {
            sb.append(pad("    " + s.name() + ": " + schemaYamlValue(s), s.description()));
        }
        return sb.toString();
    }

    /**
     * Markdown sections listing every provider of every kind in {@code registry} with its parameter
     * table (name, type, default, range or allowed values, whether it may change at runtime, meaning).
     */
    public static String providersMarkdown(ProviderRegistry registry) {
        StringBuilder sb = new StringBuilder();
        for (Class<? extends Provider<?>> kind : ProviderRegistry.KINDS) {
            sb.append("## ").append(kind.getSimpleName()).append("\n\n");
            List<? extends Provider<?>> providers = registry.all(kind);
            if (providers.isEmpty()) {
                sb.append("(none registered)\n\n");
                continue;
            }
            for (Provider<?> p : providers) {
                sb.append("### `").append(p.name()).append("`\n\n");
                if (!p.description().isEmpty()) {
                    sb.append(p.description()).append("\n\n");
                }
                List<ParameterSpec> specs = p.parameterSchema().specs();
                if (specs.isEmpty()) {
                    sb.append("No parameters.\n\n");
                    continue;
                }
                sb.append("| Parameter | Type | Default | Allowed | Runtime change | Description |\n");
                sb.append("|---|---|---|---|---|---|\n");
                for (ParameterSpec s : specs) {
                    sb.append("| `").append(s.name()).append("` | ").append(s.type()).append(" | ")
                            .append(cell(s.required() ? "required" : String.valueOf(s.defaultValue()))).append(" | ")
                            .append(cell(allowed(s))).append(" | ").append(s.dynamic() ? "yes" : "no (restart)")
                            .append(" | ").append(cell(s.description())).append(" |\n");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String allowed(ParameterSpec s) {
        if (s.type() == ParameterType.SECRET) {
            return "${ENV_VAR} reference";
        }
        if (!s.allowed().isEmpty()) {
            return String.join(", ", new TreeSet<>(s.allowed()));
        }
        if (s.min() == null && s.max() == null) {
            return "";
        }
        if (s.type() == ParameterType.DURATION) {
            return "[" + (s.min() == null ? "-inf" : duration(Duration.ofMillis(s.min().longValueExact()))) + ", "
                    + (s.max() == null ? "+inf" : duration(Duration.ofMillis(s.max().longValueExact()))) + "]";
        }
        return "[" + bound(s.min(), "-inf") + ", " + bound(s.max(), "+inf") + "]";
    }

    /** A duration as the configuration writes it: in its largest exact unit (500ms, 30s, 5m, 1h, 7d). */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    private static String bound(BigDecimal b, String none) {
        return b == null ? none : b.stripTrailingZeros().toPlainString();
    }

    /** {@code text} as YAML comment lines of at most about 100 characters. */
    private static String comment(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > 100) {
                out.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        return out.append(line).append('\n').toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Prints the key reference as markdown, then the YAML reference; with {@code --providers} also the
     * providers found on the class path.
     */
    public static void main(String[] args) {
        System.out.println(markdown());
        System.out.println("```yaml");
        System.out.print(yaml());
        System.out.println("```");
        if (args.length > 0 && args[0].equals("--providers")) {
            System.out.println();
            System.out.print(providersMarkdown(ProviderRegistry.discover(Thread.currentThread().getContextClassLoader())));
        }
    }
}
