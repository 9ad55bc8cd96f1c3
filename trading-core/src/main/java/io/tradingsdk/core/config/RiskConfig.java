package io.tradingsdk.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code risk} section: which quick risk rules run, in which order, with which parameters, and
 * whether the background risk analyzer that some of them read runs.
 *
 * <pre>
 * risk:
 *   useDefaults: true    # default true: start from the built-in rule set DEFAULT_RULES
 *   rules: []            # default []: RiskRuleConfig entries that replace, remove or add rules by provider name
 *   analysis:            # AnalysisConfig; absent: no background analyzer
 * </pre>
 *
 * <p>Effective rules ({@link #effectiveRules()}):
 * <ul>
 *   <li>{@code useDefaults: true}: the built-in rules in {@link #DEFAULT_RULES} order, each with its
 *       provider's default parameters; a listed rule with a built-in name replaces that rule in place
 *       (or removes it with {@code enabled: false}); other listed rules follow, in listed order.</li>
 *   <li>{@code useDefaults: false}: only the listed, enabled rules, in listed order.</li>
 *   <li>In both cases {@code trading-state} comes first when present.</li>
 * </ul>
 * The engine enforces the trading state (HALTED, REDUCING) itself, before sizing, whatever rules are
 * listed ({@link io.tradingsdk.core.risk.TradingStateGate}); the {@code trading-state} rule repeats
 * that gate, is redundant in the engine and stays accepted so that existing configurations keep
 * working. Leaving it out (or {@code enabled: false}) does not weaken the state.
 * A provider may be listed once. Immutable. The constructor throws {@link ConfigException} naming the
 * key for an empty entry or a provider listed twice.
 *
 * @param analysis the background risk analyzer ({@code risk.analysis}); {@link AnalysisConfig#disabled()}
 *                 when {@code null}
 */
public record RiskConfig(boolean useDefaults, List<RiskRuleConfig> rules, AnalysisConfig analysis) {
    public static final boolean DEFAULT_USE_DEFAULTS = true;
    /** The rule that repeats the engine's trading-state gate; first when present, redundant in the engine. */
    public static final String TRADING_STATE_RULE = "trading-state";
    /** The built-in rule providers used when {@code useDefaults} is true, in order. */
    public static final List<String> DEFAULT_RULES = List.of(
            TRADING_STATE_RULE, "symbol-filter", "market-hours", "order-rate", "duplicate-signal", "price-collar",
            "max-order-quantity", "max-order-notional", "buying-power", "max-position-fraction", "max-portfolio-risk",
            "daily-loss-limit");

    public RiskConfig {
        rules = rules == null ? List.of() : rules;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            RiskRuleConfig r = rules.get(i);
            if (r == null) {
                throw ConfigException.invalid("rules[" + i + "]", null, "list entry has no value");
            }
            Integer before = seen.putIfAbsent(r.provider(), i);
            if (before != null) {
                throw ConfigException.invalid("rules[" + i + "].provider", r.provider(),
                        "rule is listed twice (also at risk.rules[" + before + "]); list each provider once");
            }
        }
        rules = List.copyOf(rules);
        analysis = analysis == null ? AnalysisConfig.disabled() : analysis;
    }

    /** These rules and no background analyzer. */
    public RiskConfig(boolean useDefaults, List<RiskRuleConfig> rules) {
        this(useDefaults, rules, null);
    }

    /** The built-in rules with their defaults, no background analyzer. */
    public static RiskConfig defaults() {
        return new RiskConfig(DEFAULT_USE_DEFAULTS, List.of());
    }

    /**
     * The rules to create, in the order the risk manager runs them (see the class comment). Built-in
     * rules that were not listed appear with empty parameters (the provider's defaults).
     */
    public List<RiskRuleConfig> effectiveRules() {
        List<RiskRuleConfig> out = new ArrayList<>();
        if (useDefaults) {
            Map<String, RiskRuleConfig> listed = new LinkedHashMap<>();
            for (RiskRuleConfig r : rules) {
                listed.put(r.provider(), r);
            }
            for (String name : DEFAULT_RULES) {
                RiskRuleConfig r = listed.remove(name);
                if (r == null) {
                    out.add(RiskRuleConfig.of(name));
                } else if (r.enabled()) {
                    out.add(r);
                }
            }
            for (RiskRuleConfig r : listed.values()) {
                if (r.enabled()) {
                    out.add(r);
                }
            }
        } else {
            for (RiskRuleConfig r : rules) {
                if (r.enabled()) {
                    if (r.provider().equals(TRADING_STATE_RULE)) {
                        out.add(0, r);
                    } else {
                        out.add(r);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    @JsonCreator
    private static RiskConfig fromYaml(@JsonProperty("useDefaults") Boolean useDefaults,
                                       @JsonProperty("rules") List<RiskRuleConfig> rules,
                                       @JsonProperty("analysis") AnalysisConfig analysis) {
        return new RiskConfig(useDefaults == null ? DEFAULT_USE_DEFAULTS : useDefaults, rules, analysis);
    }
}
