package io.tradingsdk.research.sweep;

import io.tradingsdk.research.internal.SweepSpecReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a parameter sweep tries and how it ranks the runs. Written as YAML (see {@link #load}):
 *
 * <pre>
 * strategy: sma-cross          # the id of a strategy in the trading configuration
 * method: grid                 # grid (every combination) or random (samples draws)
 * samples: 40                  # random only; default 20
 * seed: 7                      # random only; default 1: the same seed draws the same candidates
 * rankBy: sharpe               # sharpe, sortino, cagr, calmar, total-return, profit-factor, win-rate, max-drawdown
 * threads: 0                   # 0 (default): all cores
 * parameters:                  # the swept parameters; the others keep the configuration's values
 *   fastPeriod: {from: 3, to: 15, step: 3}
 *   slowPeriod: [20, 30, 50]
 *   confidence: {points: 3}    # 3 values spread over the schema's range
 * walkForward:                 # only for walk-forward runs
 *   inSample: 120d             # days (120d) or ISO-8601 (P120D, PT36H)
 *   outOfSample: 40d
 * </pre>
 *
 * @param threads     worker threads; each runs one backtest at a time, single-threaded
 * @param walkForward the walk-forward windows, or {@code null} when the file has none
 */
public record SweepSpec(String strategyId, Method method, int samples, long seed, RankStatistic rankBy,
                        Map<String, ParameterRange> parameters, int threads, WalkForwardSpec walkForward) {

    /** At most this many runs in one sweep. */
    public static final int MAX_RUNS = 100_000;

    public enum Method { GRID, RANDOM }

    /**
     * @param inSample    length of each optimisation window
     * @param outOfSample length of the test window that follows it; windows move on by this much
     */
    public record WalkForwardSpec(Duration inSample, Duration outOfSample) {
        public WalkForwardSpec {
            Objects.requireNonNull(inSample, "inSample");
            Objects.requireNonNull(outOfSample, "outOfSample");
            if (inSample.isNegative() || inSample.isZero() || outOfSample.isNegative() || outOfSample.isZero()) {
                throw new IllegalArgumentException("walkForward inSample and outOfSample must be positive, were "
                        + inSample + " and " + outOfSample);
            }
        }
    }

    public SweepSpec {
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rankBy, "rankBy");
        if (samples < 1 || samples > MAX_RUNS) {
            throw new IllegalArgumentException("samples must be in [1, " + MAX_RUNS + "], was " + samples);
        }
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in [0, 1024] (0: all cores), was " + threads);
        }
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one parameter to vary");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A grid over {@code parameters}, ranked by {@code rankBy}, on all cores. */
    public static SweepSpec grid(String strategyId, RankStatistic rankBy, Map<String, ParameterRange> parameters) {
        return new SweepSpec(strategyId, Method.GRID, 1, 1, rankBy, parameters, 0, null);
    }

    /** {@code samples} random draws with {@code seed}, ranked by {@code rankBy}, on all cores. */
    public static SweepSpec random(String strategyId, int samples, long seed, RankStatistic rankBy,
                                   Map<String, ParameterRange> parameters) {
        return new SweepSpec(strategyId, Method.RANDOM, samples, seed, rankBy, parameters, 0, null);
    }

    public SweepSpec withThreads(int n) {
        return new SweepSpec(strategyId, method, samples, seed, rankBy, parameters, n, walkForward);
    }

    public SweepSpec withWalkForward(WalkForwardSpec wf) {
        return new SweepSpec(strategyId, method, samples, seed, rankBy, parameters, threads, wf);
    }

    /** The threads a run uses: {@link #threads()}, or the machine's cores when 0. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /**
     * Reads a sweep file (at most 1 MB).
     *
     * @throws IllegalArgumentException naming the file, the key and the rejected value for an unknown key,
     *                                  a wrong type or a value out of range
     */
    public static SweepSpec load(Path file) {
        return SweepSpecReader.read(file);
    }

    /** Parses sweep YAML; {@code sourceName} appears in messages. */
    public static SweepSpec parse(String sourceName, String yaml) {
        return SweepSpecReader.parse(sourceName, yaml);
    }
}
