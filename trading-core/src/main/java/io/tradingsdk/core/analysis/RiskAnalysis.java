package io.tradingsdk.core.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of the {@link RiskAnalyzer}: correlations, portfolio volatility, historical VaR and
 * expected shortfall, and stress losses, for the portfolio as it was at {@link #computedAt()}.
 *
 * <p>Immutable and safe to read from any thread; the quick checks read it on the event loop without
 * allocating. Statistics are {@code double} (estimates, not money); money amounts are in the
 * account's currency.
 *
 * <p><b>Exposure</b> of a symbol means (position + unfilled working orders) x last price, signed:
 * an approved order that has not filled yet is already counted.
 *
 * <p><b>Unknown values are NaN</b>: a correlation without at least {@code minObservations} common
 * returns, a VaR when a held symbol has too little history. The quick checks treat NaN
 * conservatively (an unknown correlation counts as correlated).
 */
public final class RiskAnalysis {

    private final String accountId;
    private final Instant computedAt;
    private final long computedAtMillis;
    private final String reason;
    private final double equity;
    // Universe: every symbol with recorded closes, every held symbol, every scenario symbol; sorted.
    private final String[] symbols;
    private final Map<String, Integer> index;
    private final double[] exposures;
    /** Universe index to row of {@link #correlations}, or -1 when the symbol was not held. */
    private final int[] heldRow;
    private final String[] heldSymbols;
    /** [held row][universe index]. */
    private final double[][] correlations;
    private final int observations;
    private final double volatility;
    private final double[] confidenceLevels;
    private final double[] valueAtRisk;
    private final double[] expectedShortfall;
    private final List<StressResult> stress;
    // Per scenario, the price move applied to a long / short exposure in each universe symbol
    // (NaN: unknown), the move for symbols outside the universe, and whether losses add or the worst counts.
    private final double[][] longShocks;
    private final double[][] shortShocks;
    private final double[] outsideShocks;
    private final boolean[] worstOfSymbols;

    RiskAnalysis(String accountId, Instant computedAt, String reason, double equity, String[] symbols,
                 Map<String, Integer> index, double[] exposures, int[] heldRow, String[] heldSymbols,
                 double[][] correlations, int observations, double volatility, double[] confidenceLevels,
                 double[] valueAtRisk, double[] expectedShortfall, List<StressResult> stress, double[][] longShocks,
                 double[][] shortShocks, double[] outsideShocks, boolean[] worstOfSymbols) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.computedAt = Objects.requireNonNull(computedAt, "computedAt");
        this.computedAtMillis = computedAt.toEpochMilli();
        this.reason = reason;
        this.equity = equity;
        this.symbols = symbols;
        this.index = Map.copyOf(index);
        this.exposures = exposures;
        this.heldRow = heldRow;
        this.heldSymbols = heldSymbols;
        this.correlations = correlations;
        this.observations = observations;
        this.volatility = volatility;
        this.confidenceLevels = confidenceLevels;
        this.valueAtRisk = valueAtRisk;
        this.expectedShortfall = expectedShortfall;
        this.stress = List.copyOf(stress);
        this.longShocks = longShocks;
        this.shortShocks = shortShocks;
        this.outsideShocks = outsideShocks;
        this.worstOfSymbols = worstOfSymbols;
    }

    public String accountId() {
        return accountId;
    }

    /** When the portfolio snapshot was taken, on the analyzer's {@link io.tradingsdk.api.time.TradingClock}. */
    public Instant computedAt() {
        return computedAt;
    }

    /** Why this run happened: {@code schedule}, {@code refresh}, {@code start}, {@code new symbol X}, {@code notional ...}. */
    public String reason() {
        return reason;
    }

    /** Whether this result is at most {@code maxAge} old at {@code now} (a result from the future counts as fresh). */
    public boolean isFreshAt(Instant now, Duration maxAge) {
        return now.toEpochMilli() - computedAtMillis <= maxAge.toMillis();
    }

    /** Equity of the snapshot the analysis ran on. */
    public double equity() {
        return equity;
    }

    /** Every symbol the analysis knows (recorded closes, held, or named by a scenario), sorted. */
    public List<String> symbols() {
        return List.of(symbols);
    }

    /** Symbols with a non-zero exposure at the snapshot, sorted. */
    public List<String> heldSymbols() {
        return List.of(heldSymbols);
    }

    /** Signed exposure of the symbol at the snapshot; 0 when none. */
    public double exposure(String symbol) {
        Integer i = index.get(symbol);
        return i == null ? 0.0 : exposures[i];
    }

    /**
     * The correlation of returns of two symbols over their common bars, when at least one of them was
     * held; NaN when unknown (neither held, too few common returns, or one does not vary).
     */
    public double correlation(String a, String b) {
        Integer ia = index.get(a);
        Integer ib = index.get(b);
        if (ia == null || ib == null) {
            return Double.NaN;
        }
        return correlationAt(ia, ib);
    }

    /** Number of portfolio returns behind volatility and VaR (0 for an empty portfolio). */
    public int observations() {
        return observations;
    }

    /**
     * Standard deviation of the portfolio's P&amp;L per bar, {@code sqrt(v' C v)} with {@code C} the
     * sample covariance of simple returns and {@code v} the exposures; 0 for an empty portfolio, NaN
     * when unknown.
     */
    public double portfolioVolatility() {
        return volatility;
    }

    /** The configured confidence levels, ascending. */
    public List<Double> confidenceLevels() {
        Double[] boxed = new Double[confidenceLevels.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = confidenceLevels[i];
        }
        return List.of(boxed);
    }

    /**
     * Historical value at risk at {@code confidence}: the {@code m}-th worst one-bar P&amp;L of the
     * current exposures over the window, as a loss, with {@code m = max(1, ceil(n x (1 - confidence)))};
     * 0 for an empty portfolio, NaN when unknown.
     *
     * @throws IllegalArgumentException naming the level if it is not one of {@link #confidenceLevels()}
     */
    public double valueAtRisk(double confidence) {
        return valueAtRisk[levelIndex(confidence)];
    }

    /** The mean loss of the {@code m} worst outcomes (see {@link #valueAtRisk}). */
    public double expectedShortfall(double confidence) {
        return expectedShortfall[levelIndex(confidence)];
    }

    /** One result per configured scenario, in configuration order. */
    public List<StressResult> stressResults() {
        return stress;
    }

    /** The largest stressed loss over the scenarios; NaN if any is unknown. */
    public double worstStressedLoss() {
        double worst = Double.NEGATIVE_INFINITY;
        for (StressResult r : stress) {
            if (Double.isNaN(r.stressedLoss())) {
                return Double.NaN;
            }
            worst = Math.max(worst, r.stressedLoss());
        }
        return worst;
    }

    private int levelIndex(double confidence) {
        for (int i = 0; i < confidenceLevels.length; i++) {
            if (Math.abs(confidenceLevels[i] - confidence) < 1e-12) {
                return i;
            }
        }
        throw new IllegalArgumentException("confidence " + confidence + " was not analysed; levels: "
                + Arrays.toString(confidenceLevels));
    }

    // ---- allocation-free accessors for the quick checks (event loop) ----

    long computedAtMillis() {
        return computedAtMillis;
    }

    int symbolCount() {
        return symbols.length;
    }

    String symbolAt(int i) {
        return symbols[i];
    }

    /** Universe index of the symbol, or -1. */
    int indexOf(String symbol) {
        Integer i = index.get(symbol);
        return i == null ? -1 : i;
    }

    /** Correlation by universe indices; NaN when unknown or either index is negative. */
    double correlationAt(int a, int b) {
        if (a < 0 || b < 0) {
            return Double.NaN;
        }
        int row = heldRow[a];
        if (row >= 0) {
            return correlations[row][b];
        }
        row = heldRow[b];
        return row >= 0 ? correlations[row][a] : Double.NaN;
    }

    int scenarioCount() {
        return outsideShocks.length;
    }

    StressScenario scenarioAt(int k) {
        return stress.get(k).scenario();
    }

    /** The move applied to an exposure of sign {@code value} in universe symbol {@code i} (-1: outside); NaN unknown. */
    double shock(int scenario, int i, double value) {
        if (i < 0) {
            return outsideShocks[scenario];
        }
        return value >= 0 ? longShocks[scenario][i] : shortShocks[scenario][i];
    }

    boolean worstOfSymbols(int scenario) {
        return worstOfSymbols[scenario];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RiskAnalysis[").append(accountId).append(" at ").append(computedAt)
                .append(" (").append(reason).append("), ").append(heldSymbols.length).append(" held of ")
                .append(symbols.length).append(" symbols, n=").append(observations).append(", vol=").append(volatility);
        for (int i = 0; i < confidenceLevels.length; i++) {
            sb.append(", VaR").append(confidenceLevels[i]).append('=').append(valueAtRisk[i]).append(" ES=")
                    .append(expectedShortfall[i]);
        }
        for (StressResult r : stress) {
            sb.append(", '").append(r.name()).append("'=").append(r.stressedLoss());
        }
        return sb.append(']').toString();
    }
}
