package io.tradingsdk.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.core.analysis.AnalyzerConfig;
import io.tradingsdk.core.analysis.StressScenario;
import io.tradingsdk.core.config.internal.Checks;
import io.tradingsdk.core.config.internal.Masking;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code risk.analysis} section: whether the background {@link io.tradingsdk.core.analysis.RiskAnalyzer}
 * runs for an engine built from this configuration, and what it computes. The keys besides
 * {@code enabled} are the parameters of {@link AnalyzerConfig#parameterSchema()}, with its names,
 * defaults and ranges.
 *
 * <pre>
 * risk:
 *   analysis:                        # absent: no analyzer
 *     enabled: true                  # default true once the section is written
 *     window: 251                    # bar closes kept per symbol, [3, 100000]
 *     minObservations: 30            # [2, window - 1]
 *     returnType: simple             # simple | log
 *     confidenceLevels: [0.95, 0.99] # decimals in (0, 1), distinct
 *     schedulePeriod: 1m             # 500ms, 30s, 5m, 1h, 1d or PT1M; 0s: no schedule
 *     notionalTrigger: 10000         # > 0
 *     snapshotTimeout: 10s
 *     maxSymbols: 500
 *     stressScenarios: ["market:-0.10", "volatility:1.5", "each-symbol:-0.30", "symbol:AAPL:-0.30"]
 * </pre>
 *
 * <p>The analyzer is started by {@code io.tradingsdk.core.backtest.ConfiguredEngine#build} (not by the
 * resolver: it is a thread, owned by the host) and publishes where the {@code correlated-exposure}
 * and {@code stress-loss-limit} rules of the same configuration read. {@code Backtest.run} runs the
 * same analysis synchronously at bar boundaries on the simulated clock
 * ({@code io.tradingsdk.core.analysis.SimulatedRiskAnalyzer}), so a backtest repeats exactly.
 * The section is static: a change needs a restart.
 *
 * <p>Immutable. Reading YAML throws {@link ConfigException} naming the key ({@code risk.analysis.window},
 * {@code risk.analysis.stressScenarios[2]}) and the rejected value for an unknown key, a wrong type, a
 * value out of range, {@code minObservations} above {@code window - 1}, a malformed or repeated
 * scenario, or a repeated confidence level.
 *
 * @param enabled  whether an analyzer is started for the engine
 * @param analyzer what it computes and when; {@link AnalyzerConfig#defaults()} when {@code null}
 */
public record AnalysisConfig(boolean enabled, AnalyzerConfig analyzer) {
    /** {@code enabled} when the section is written without it. */
    public static final boolean DEFAULT_ENABLED = true;
    /** The YAML key of {@link #enabled()}. */
    public static final String ENABLED = "enabled";
    private static final String CONFIDENCE_LEVELS = "confidenceLevels";
    private static final String STRESS_SCENARIOS = "stressScenarios";

    public AnalysisConfig {
        analyzer = analyzer == null ? AnalyzerConfig.defaults() : analyzer;
    }

    /** No analyzer (what a configuration without the section means); the parameters are the defaults. */
    public static AnalysisConfig disabled() {
        return new AnalysisConfig(false, AnalyzerConfig.defaults());
    }

    /** An analyzer with this configuration. */
    public static AnalysisConfig enabled(AnalyzerConfig analyzer) {
        return new AnalysisConfig(true, Objects.requireNonNull(analyzer, "analyzer"));
    }

    /** Every key the section accepts: {@code enabled}, then the analyzer's parameter names in schema order. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add(ENABLED);
        keys.addAll(AnalyzerConfig.parameterSchema().names());
        return List.copyOf(keys);
    }

    /**
     * The values by key, in {@link #keys()} order, as they would be written in YAML (durations as
     * ISO-8601, the return type in lower case, scenarios in their text form such as {@code market:-0.1}).
     */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ENABLED, enabled);
        out.put("window", analyzer.window());
        out.put("minObservations", analyzer.minObservations());
        out.put("returnType", analyzer.returnType().name().toLowerCase(Locale.ROOT));
        out.put(CONFIDENCE_LEVELS, analyzer.confidenceLevels());
        out.put("schedulePeriod", analyzer.schedulePeriod());
        out.put("notionalTrigger", analyzer.notionalTrigger());
        out.put("snapshotTimeout", analyzer.snapshotTimeout());
        out.put("maxSymbols", analyzer.maxSymbols());
        out.put(STRESS_SCENARIOS, analyzer.stressScenarios().stream().map(AnalysisConfig::text).toList());
        return out;
    }

    /**
     * The first key ({@link #keys()} order) whose value differs from {@code other}'s, or {@code null}
     * when both configure the same analyzer. Decimals compare by value ({@code 10000} is {@code 10000.0}).
     */
    public String firstDifference(AnalysisConfig other) {
        Map<String, Object> mine = values();
        Map<String, Object> theirs = other.values();
        for (Map.Entry<String, Object> e : mine.entrySet()) {
            Object a = e.getValue();
            Object b = theirs.get(e.getKey());
            boolean same = a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : Objects.equals(a, b);
            if (!same) {
                return e.getKey();
            }
        }
        // Scenarios built in code may carry their own names; the text form does not show them.
        return analyzer.stressScenarios().equals(other.analyzer.stressScenarios()) ? null : STRESS_SCENARIOS;
    }

    @Override
    public String toString() {
        return "AnalysisConfig" + values();
    }

    /** A scenario in the text form {@link StressScenario#parse} reads. */
    private static String text(StressScenario s) {
        String v = BigDecimal.valueOf(s.value()).stripTrailingZeros().toPlainString();
        return switch (s.kind()) {
            case MARKET -> "market:" + v;
            case SYMBOL -> "symbol:" + s.symbol() + ":" + v;
            case EACH_SYMBOL -> "each-symbol:" + v;
            case VOLATILITY -> "volatility:" + v;
        };
    }

    // Typed properties: unknown keys and values of the wrong YAML type are refused by the reader
    // like in every other section; ranges and cross-field rules come from AnalyzerConfig's schema.
    // Durations are Object so that a bare number gets the schema's "a duration such as 30s" message.
    @JsonCreator
    private static AnalysisConfig fromYaml(@JsonProperty("enabled") Boolean enabled,
                                           @JsonProperty("window") Long window,
                                           @JsonProperty("minObservations") Long minObservations,
                                           @JsonProperty("returnType") String returnType,
                                           @JsonProperty("confidenceLevels") List<BigDecimal> confidenceLevels,
                                           @JsonProperty("schedulePeriod") Object schedulePeriod,
                                           @JsonProperty("notionalTrigger") BigDecimal notionalTrigger,
                                           @JsonProperty("snapshotTimeout") Object snapshotTimeout,
                                           @JsonProperty("maxSymbols") Long maxSymbols,
                                           @JsonProperty("stressScenarios") List<String> stressScenarios) {
        Map<String, Object> raw = new HashMap<>();
        putIfSet(raw, "window", window);
        putIfSet(raw, "minObservations", minObservations);
        putIfSet(raw, "returnType", returnType);
        if (confidenceLevels != null) {
            raw.put(CONFIDENCE_LEVELS, levels(confidenceLevels));
        }
        putIfSet(raw, "schedulePeriod", schedulePeriod);
        putIfSet(raw, "notionalTrigger", notionalTrigger);
        putIfSet(raw, "snapshotTimeout", snapshotTimeout);
        putIfSet(raw, "maxSymbols", maxSymbols);
        if (stressScenarios != null) {
            raw.put(STRESS_SCENARIOS, scenarios(stressScenarios));
        }
        return new AnalysisConfig(enabled == null ? DEFAULT_ENABLED : enabled, analyzerConfig(raw));
    }

    /**
     * An analyzer config from raw YAML values (name to value; absent or {@code null}: the default).
     *
     * @throws ConfigException naming the key (relative to the section) and the rejected value
     */
    static AnalyzerConfig analyzerConfig(Map<String, Object> raw) {
        return SchemaSections.read(AnalyzerConfig.parameterSchema(), raw, "",
                (name, value) -> CONFIDENCE_LEVELS.equals(name) && value instanceof List<?> l
                        ? l.stream().map(o -> new BigDecimal(o.toString())).toList() // the levels as written
                        : value,
                AnalyzerConfig::fromParameters);
    }

    private static void putIfSet(Map<String, Object> raw, String key, Object value) {
        if (value != null) {
            raw.put(key, value);
        }
    }

    /** The levels as the schema's text list; each checked here so that the message names its index. */
    private static List<String> levels(List<BigDecimal> levels) {
        Checks.uniqueEntries(CONFIDENCE_LEVELS, levels, (path, level) -> {
            // At most 10 decimals also keeps the plain text short: 1e-100000000 would be 100 MB of digits.
            if (level.signum() <= 0 || level.compareTo(BigDecimal.ONE) >= 0 || level.stripTrailingZeros().scale() > 10) {
                throw ConfigException.invalid(path, level, "a confidence level must be in (0, 1) with at most 10 decimals,"
                        + " e.g. 0.99, was " + Masking.render(level));
            }
            return level.stripTrailingZeros();
        }, level -> "confidence level");
        List<String> out = new ArrayList<>(levels.size());
        for (BigDecimal level : levels) {
            out.add(level.toPlainString());
        }
        return out;
    }

    /** The scenario texts, each parsed here so that the message names its index. */
    private static List<String> scenarios(List<String> texts) {
        Checks.uniqueEntries(STRESS_SCENARIOS, texts, (path, text) -> {
            try {
                return StressScenario.parse(text).name();
            } catch (InvalidParameterException e) {
                throw ConfigException.invalid(path, text, e.getMessage());
            }
        }, text -> "scenario '" + StressScenario.parse(text).name() + "'");
        return texts;
    }
}
