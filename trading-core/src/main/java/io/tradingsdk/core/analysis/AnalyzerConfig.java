package io.tradingsdk.core.analysis;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@link RiskAnalyzer} computes and when. Immutable; the constructor (and every
 * {@code with...} method) validates and throws {@link InvalidParameterException} naming the field
 * and the rejected value, so a bad configuration changes nothing.
 *
 * @param window            bar closes kept per symbol (returns per symbol: {@code window - 1}); in [3, 100000]
 * @param minObservations   the fewest returns a correlation, volatility or VaR is computed from; fewer
 *                          leaves the figure unknown (NaN), which the quick checks treat
 *                          conservatively; in [2, window - 1]
 * @param returnType        returns used for correlations (volatility, VaR and stress use simple returns)
 * @param confidenceLevels  VaR / expected shortfall confidence levels, each in (0, 1), distinct; kept sorted ascending
 * @param schedulePeriod    time between scheduled runs (wall time live, simulated time in a backtest); {@link Duration#ZERO} disables the
 *                          schedule (runs then come only from triggers and {@link RiskAnalyzer#refresh()})
 * @param notionalTrigger   an approved order with at least this notional (quantity x reference price)
 *                          triggers a run; positive
 * @param snapshotTimeout   how long a run waits for the portfolio snapshot before it fails; positive
 * @param maxSymbols        most symbols whose closes are recorded (memory bound: window x 16 bytes
 *                          each); bars of further symbols are ignored; in [1, 100000]
 * @param stressScenarios   the scenarios; at least one, names unique
 */
public record AnalyzerConfig(int window, int minObservations, ReturnType returnType, List<Double> confidenceLevels,
                             Duration schedulePeriod, BigDecimal notionalTrigger, Duration snapshotTimeout,
                             int maxSymbols, List<StressScenario> stressScenarios) {

    private static final List<String> DEFAULT_SCENARIOS = List.of("market:-0.10", "volatility:1.5", "each-symbol:-0.30");

    // Static: an analyzer reads its config once; a change means a new analyzer (a restart).
    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.integer("window", 251L, 3, 100_000, "bar closes kept per symbol (window - 1 returns)").asStatic(),
            ParameterSpec.integer("minObservations", 30L, 2, 100_000,
                    "fewest returns a correlation, volatility or VaR is computed from; at most window - 1").asStatic(),
            ParameterSpec.string("returnType", "simple", Set.of("simple", "log"), "returns used for correlations").asStatic(),
            ParameterSpec.stringList("confidenceLevels", List.of("0.95", "0.99"),
                    "VaR and expected shortfall confidence levels, each in (0, 1)").asStatic(),
            ParameterSpec.duration("schedulePeriod", Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(1),
                    "time between scheduled runs; 0 disables the schedule").asStatic(),
            ParameterSpec.decimal("notionalTrigger", new BigDecimal("10000"), BigDecimal.ZERO, null,
                    "an approved order of at least this notional triggers a run; positive").asStatic(),
            ParameterSpec.duration("snapshotTimeout", Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMinutes(10),
                    "how long a run waits for the portfolio snapshot").asStatic(),
            ParameterSpec.integer("maxSymbols", 500L, 1, 100_000, "most symbols whose closes are recorded").asStatic(),
            ParameterSpec.stringList("stressScenarios", DEFAULT_SCENARIOS,
                    "the stress scenarios: market:<shock>, symbol:<SYMBOL>:<shock>, each-symbol:<shock> or volatility:<factor>")
                    .asStatic());

    public AnalyzerConfig {
        if (window < 3 || window > 100_000) {
            throw new InvalidParameterException("window", window, "parameter 'window' must be in [3, 100000], was " + window);
        }
        if (minObservations < 2 || minObservations > window - 1) {
            throw new InvalidParameterException("minObservations", minObservations, "parameter 'minObservations' must be in [2, "
                    + (window - 1) + "] (window - 1), was " + minObservations);
        }
        if (returnType == null) {
            throw new InvalidParameterException("returnType", null, "parameter 'returnType' must be SIMPLE or LOG, was null");
        }
        if (confidenceLevels == null || confidenceLevels.isEmpty()) {
            throw new InvalidParameterException("confidenceLevels", confidenceLevels,
                    "parameter 'confidenceLevels' must list at least one level in (0, 1), was " + confidenceLevels);
        }
        for (Double c : confidenceLevels) {
            if (c == null || !(c > 0.0) || !(c < 1.0)) {
                throw new InvalidParameterException("confidenceLevels", c,
                        "parameter 'confidenceLevels' must hold levels in (0, 1), had " + c);
            }
        }
        if (new HashSet<>(confidenceLevels).size() != confidenceLevels.size()) {
            throw new InvalidParameterException("confidenceLevels", confidenceLevels,
                    "parameter 'confidenceLevels' must not repeat a level, was " + confidenceLevels);
        }
        confidenceLevels = confidenceLevels.stream().sorted().toList();
        if (schedulePeriod == null || schedulePeriod.isNegative()) {
            throw new InvalidParameterException("schedulePeriod", schedulePeriod,
                    "parameter 'schedulePeriod' must be zero (off) or positive, was " + schedulePeriod);
        }
        if (notionalTrigger == null || notionalTrigger.signum() <= 0) {
            throw new InvalidParameterException("notionalTrigger", notionalTrigger, "parameter 'notionalTrigger' must be positive, was "
                    + (notionalTrigger == null ? "null" : notionalTrigger.toPlainString()));
        }
        if (snapshotTimeout == null || snapshotTimeout.isNegative() || snapshotTimeout.isZero()) {
            throw new InvalidParameterException("snapshotTimeout", snapshotTimeout,
                    "parameter 'snapshotTimeout' must be positive, was " + snapshotTimeout);
        }
        if (maxSymbols < 1 || maxSymbols > 100_000) {
            throw new InvalidParameterException("maxSymbols", maxSymbols, "parameter 'maxSymbols' must be in [1, 100000], was "
                    + maxSymbols);
        }
        if (stressScenarios == null || stressScenarios.isEmpty()) {
            throw new InvalidParameterException("stressScenarios", stressScenarios,
                    "parameter 'stressScenarios' must list at least one scenario, was " + stressScenarios);
        }
        Set<String> names = new HashSet<>();
        for (StressScenario s : stressScenarios) {
            Objects.requireNonNull(s, "stressScenarios element");
            if (!names.add(s.name())) {
                throw new InvalidParameterException("stressScenarios", s.name(),
                        "parameter 'stressScenarios' names scenario '" + s.name() + "' twice");
            }
        }
        confidenceLevels = List.copyOf(confidenceLevels);
        stressScenarios = List.copyOf(stressScenarios);
    }

    /**
     * 251 closes (250 returns), at least 30 observations, simple returns, 95 % and 99 %, a run every
     * minute, a trigger at 10,000 notional, a 10 s snapshot timeout, 500 symbols, and the scenarios
     * market -10 %, volatility x1.5 and each symbol -30 %.
     */
    public static AnalyzerConfig defaults() {
        return fromParameters(SCHEMA.validate(null, name -> null));
    }

    /**
     * The parameters of an analyzer, for configuration front ends (types, defaults, ranges); the keys
     * of the YAML section {@code risk.analysis}. All static: changing one needs a new analyzer.
     */
    public static ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    /**
     * A config from parameters validated against {@link #parameterSchema()}.
     *
     * @throws InvalidParameterException naming the parameter for a value the schema cannot refuse
     *                                   (a malformed level or scenario, minObservations above window - 1)
     */
    public static AnalyzerConfig fromParameters(Parameters p) {
        List<Double> levels = new ArrayList<>();
        for (String s : p.getStringList("confidenceLevels")) {
            try {
                levels.add(new BigDecimal(s.trim()).doubleValue());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("confidenceLevels", s,
                        "parameter 'confidenceLevels' must hold numbers in (0, 1), had '" + s + "'");
            }
        }
        List<StressScenario> scenarios = new ArrayList<>();
        for (String s : p.getStringList("stressScenarios")) {
            scenarios.add(StressScenario.parse(s));
        }
        return new AnalyzerConfig(p.getInt("window"), p.getInt("minObservations"),
                ReturnType.valueOf(p.getString("returnType").toUpperCase(Locale.ROOT)), levels,
                p.getDuration("schedulePeriod"), p.getDecimal("notionalTrigger"), p.getDuration("snapshotTimeout"),
                p.getInt("maxSymbols"), scenarios);
    }

    /** This config with another window; lower {@code minObservations} first if it would exceed {@code value - 1}. */
    public AnalyzerConfig withWindow(int value) {
        return new AnalyzerConfig(value, minObservations, returnType, confidenceLevels, schedulePeriod, notionalTrigger,
                snapshotTimeout, maxSymbols, stressScenarios);
    }

    /** This config with another minimum; widen the window first if {@code value} exceeds {@code window - 1}. */
    public AnalyzerConfig withMinObservations(int value) {
        return new AnalyzerConfig(window, value, returnType, confidenceLevels, schedulePeriod, notionalTrigger,
                snapshotTimeout, maxSymbols, stressScenarios);
    }

    public AnalyzerConfig withReturnType(ReturnType value) {
        return new AnalyzerConfig(window, minObservations, value, confidenceLevels, schedulePeriod, notionalTrigger,
                snapshotTimeout, maxSymbols, stressScenarios);
    }

    public AnalyzerConfig withConfidenceLevels(List<Double> value) {
        return new AnalyzerConfig(window, minObservations, returnType, value, schedulePeriod, notionalTrigger,
                snapshotTimeout, maxSymbols, stressScenarios);
    }

    public AnalyzerConfig withSchedulePeriod(Duration value) {
        return new AnalyzerConfig(window, minObservations, returnType, confidenceLevels, value, notionalTrigger,
                snapshotTimeout, maxSymbols, stressScenarios);
    }

    public AnalyzerConfig withNotionalTrigger(BigDecimal value) {
        return new AnalyzerConfig(window, minObservations, returnType, confidenceLevels, schedulePeriod, value,
                snapshotTimeout, maxSymbols, stressScenarios);
    }

    public AnalyzerConfig withSnapshotTimeout(Duration value) {
        return new AnalyzerConfig(window, minObservations, returnType, confidenceLevels, schedulePeriod, notionalTrigger,
                value, maxSymbols, stressScenarios);
    }

    public AnalyzerConfig withMaxSymbols(int value) {
        return new AnalyzerConfig(window, minObservations, returnType, confidenceLevels, schedulePeriod, notionalTrigger,
                snapshotTimeout, value, stressScenarios);
    }

    public AnalyzerConfig withStressScenarios(List<StressScenario> value) {
        return new AnalyzerConfig(window, minObservations, returnType, confidenceLevels, schedulePeriod, notionalTrigger,
                snapshotTimeout, maxSymbols, value);
    }

    /** The highest confidence level: the one the {@link StressScenario.Kind#VOLATILITY} scenarios use. */
    public double highestConfidence() {
        return confidenceLevels.get(confidenceLevels.size() - 1);
    }
}
