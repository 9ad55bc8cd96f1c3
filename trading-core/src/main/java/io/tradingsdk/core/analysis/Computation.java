package io.tradingsdk.core.analysis;

import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.core.analysis.internal.Stats;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a {@link RiskAnalysis} from a portfolio snapshot and the recorded closes. Pure: the same
 * inputs give the same result. Runs on the analyzer's thread (allocates freely). Not API.
 */
final class Computation {

    private Computation() {
    }

    static RiskAnalysis compute(String accountId, AnalyzerConfig config, PortfolioSnapshot snapshot,
                                Map<String, PriceWindow> windows, Instant at, String reason) {
        // 1. Exposures: (position + working orders) x last price, signed.
        Map<String, Double> exposureBySymbol = exposures(snapshot);

        // 2. The universe, sorted so that results do not depend on map order.
        TreeSet<String> universe = new TreeSet<>(windows.keySet());
        universe.addAll(exposureBySymbol.keySet());
        for (StressScenario s : config.stressScenarios()) {
            if (s.symbol() != null) {
                universe.add(s.symbol());
            }
        }
        String[] symbols = universe.toArray(new String[0]);
        int u = symbols.length;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < u; i++) {
            index.put(symbols[i], i);
        }
        double[] exposures = new double[u];
        int[] heldRow = new int[u];
        Arrays.fill(heldRow, -1);
        List<String> held = new ArrayList<>();
        for (int i = 0; i < u; i++) {
            double v = exposureBySymbol.getOrDefault(symbols[i], 0.0);
            exposures[i] = v;
            if (v != 0.0) {
                heldRow[i] = held.size();
                held.add(symbols[i]);
            }
        }
        String[] heldSymbols = held.toArray(new String[0]);
        int h = heldSymbols.length;

        // 3. Correlations of every held symbol with every symbol, over their common bars.
        boolean log = config.returnType() == ReturnType.LOG;
        int cap = config.window();
        double[] alignedA = new double[cap];
        double[] alignedB = new double[cap];
        double[] ra = new double[cap];
        double[] rb = new double[cap];
        double[][] correlations = new double[h][u];
        for (int r = 0; r < h; r++) {
            PriceWindow a = windows.get(heldSymbols[r]);
            for (int j = 0; j < u; j++) {
                PriceWindow b = windows.get(symbols[j]);
                if (a == null || b == null) {
                    correlations[r][j] = Double.NaN;
                    continue;
                }
                int k = Stats.align(a.times(), a.closes(), a.size(), b.times(), b.closes(), b.size(), alignedA, alignedB);
                int n = Stats.returns(alignedA, k, log, ra);
                Stats.returns(alignedB, k, log, rb);
                double c = n < config.minObservations() ? Double.NaN : Stats.pearson(ra, rb, n);
                correlations[r][j] = heldSymbols[r].equals(symbols[j]) && !Double.isNaN(c) ? 1.0 : c;
            }
        }

        // 4. The portfolio's P&L series on the bars every held symbol has: vol, VaR, ES.
        double[] levels = config.confidenceLevels().stream().mapToDouble(Double::doubleValue).toArray();
        double[] var = new double[levels.length];
        double[] es = new double[levels.length];
        Panel panel = h == 0 ? null : Panel.of(heldSymbols, windows, config.minObservations());
        int observations = 0;
        double volatility;
        int worstIndex = -1; // the observation at the VaR of the highest level
        if (h == 0) {
            volatility = 0.0; // no exposure, no risk: exact, not unknown
        } else if (panel == null) {
            volatility = Double.NaN;
            Arrays.fill(var, Double.NaN);
            Arrays.fill(es, Double.NaN);
        } else {
            observations = panel.n;
            double[] v = new double[h];
            for (int r = 0; r < h; r++) {
                v[r] = exposures[index.get(heldSymbols[r])];
            }
            double quad = 0;
            for (int p = 0; p < h; p++) {
                for (int q = 0; q < h; q++) {
                    quad += v[p] * v[q] * Stats.covariance(panel.returns[p], panel.means[p], panel.returns[q],
                            panel.means[q], panel.n);
                }
            }
            volatility = Math.sqrt(Math.max(0.0, quad));
            double[] pnl = panel.pnl(v);
            int[] order = Stats.ascendingOrder(pnl, panel.n);
            double[] sorted = new double[panel.n];
            for (int i = 0; i < panel.n; i++) {
                sorted[i] = pnl[order[i]];
            }
            for (int l = 0; l < levels.length; l++) {
                var[l] = Stats.valueAtRisk(sorted, panel.n, levels[l]);
                es[l] = Stats.expectedShortfall(sorted, panel.n, levels[l]);
            }
            worstIndex = order[Stats.tailCount(panel.n, config.highestConfidence()) - 1];
        }

        // 5. Stress: every scenario as a move per symbol, so the quick checks can add an order linearly.
        List<StressScenario> scenarios = config.stressScenarios();
        int s = scenarios.size();
        double[][] longShocks = new double[s][u];
        double[][] shortShocks = new double[s][u];
        double[] outside = new double[s];
        boolean[] worstOf = new boolean[s];
        List<StressResult> results = new ArrayList<>();
        Standalone standalone = null;
        for (int k = 0; k < s; k++) {
            StressScenario sc = scenarios.get(k);
            switch (sc.kind()) {
                case MARKET, EACH_SYMBOL -> {
                    Arrays.fill(longShocks[k], sc.value());
                    Arrays.fill(shortShocks[k], sc.value());
                    outside[k] = sc.value();
                    worstOf[k] = sc.kind() == StressScenario.Kind.EACH_SYMBOL;
                }
                case SYMBOL -> {
                    int i = index.get(sc.symbol());
                    longShocks[k][i] = sc.value();
                    shortShocks[k][i] = sc.value();
                    outside[k] = 0.0;
                }
                case VOLATILITY -> {
                    if (standalone == null) {
                        standalone = Standalone.of(symbols, windows, config.minObservations(), config.highestConfidence());
                    }
                    double factor = sc.value();
                    for (int i = 0; i < u; i++) {
                        int row = heldRow[i];
                        if (row >= 0 && panel != null) {
                            // Held: the scaled returns on the bar that sets the VaR; at the snapshot's exposures
                            // the sum of exposure x move is exactly the stressed VaR.
                            double m = panel.means[row];
                            double move = m + factor * (panel.returns[row][worstIndex] - m);
                            longShocks[k][i] = move;
                            shortShocks[k][i] = move;
                        } else {
                            // Not in the panel: the symbol's own scaled tail return (undiversified, so conservative).
                            longShocks[k][i] = standalone.scaledLow(i, factor);
                            shortShocks[k][i] = standalone.scaledHigh(i, factor);
                        }
                    }
                    outside[k] = Double.NaN;
                }
                default -> throw new IllegalStateException("unknown scenario kind " + sc.kind());
            }
            results.add(stressAtSnapshot(sc, longShocks[k], shortShocks[k], worstOf[k], exposures, symbols));
        }

        return new RiskAnalysis(accountId, at, reason, snapshot.equity().doubleValue(), symbols, index, exposures,
                heldRow, heldSymbols, correlations, observations, volatility, levels, var, es, results, longShocks,
                shortShocks, outside, worstOf);
    }

    private static Map<String, Double> exposures(PortfolioSnapshot snapshot) {
        Map<String, BigDecimal> quantities = new TreeMap<>();
        for (Map.Entry<String, Position> e : snapshot.heldPositions().entrySet()) {
            if (!e.getValue().isFlat()) {
                quantities.merge(e.getKey(), e.getValue().quantity(), BigDecimal::add);
            }
        }
        snapshot.openOrders().forEach((symbol, q) -> quantities.merge(symbol, q, BigDecimal::add));
        Map<String, Double> out = new TreeMap<>();
        quantities.forEach((symbol, q) -> {
            if (q.signum() == 0) {
                return;
            }
            BigDecimal price = snapshot.lastPrice(symbol);
            if (price == null) {
                Position p = snapshot.heldPositions().get(symbol);
                price = p == null ? null : p.marketPrice();
            }
            if (price == null || price.signum() <= 0) {
                // An order in a symbol never priced: value it as unknown, i.e. it cannot be stressed.
                out.put(symbol, Double.NaN);
                return;
            }
            out.put(symbol, q.multiply(price).doubleValue());
        });
        return out;
    }

    private static StressResult stressAtSnapshot(StressScenario sc, double[] longShock, double[] shortShock,
                                                 boolean worstOf, double[] exposures, String[] symbols) {
        double loss = 0.0;
        String worstSymbol = null;
        double worst = 0.0;
        for (int i = 0; i < exposures.length; i++) {
            double v = exposures[i];
            if (v == 0.0) {
                continue;
            }
            double shock = v >= 0 ? longShock[i] : shortShock[i];
            double l = -shock * v;
            if (worstOf) {
                if (Double.isNaN(l)) {
                    loss = Double.NaN;
                } else if (worstSymbol == null || l > worst) {
                    worst = l;
                    worstSymbol = symbols[i];
                }
            } else {
                loss += l;
            }
        }
        if (worstOf && !Double.isNaN(loss)) {
            loss = worstSymbol == null ? 0.0 : Math.max(0.0, worst);
        }
        return new StressResult(sc, loss, worstOf ? worstSymbol : null);
    }

    /** Simple returns of the held symbols on the bars all of them have. */
    private static final class Panel {
        final int n;
        final double[][] returns;
        final double[] means;

        private Panel(int n, double[][] returns, double[] means) {
            this.n = n;
            this.returns = returns;
            this.means = means;
        }

        /** The panel, or null when a held symbol has no closes or the common bars give too few returns. */
        static Panel of(String[] held, Map<String, PriceWindow> windows, int minObservations) {
            PriceWindow first = windows.get(held[0]);
            if (first == null) {
                return null;
            }
            long[] common = Arrays.copyOf(first.times(), first.size());
            int m = common.length;
            for (int r = 1; r < held.length; r++) {
                PriceWindow w = windows.get(held[r]);
                if (w == null) {
                    return null;
                }
                m = Stats.intersect(common, m, w.times(), w.size(), common);
            }
            int n = m - 1;
            if (n < minObservations) {
                return null;
            }
            double[][] returns = new double[held.length][n];
            double[] means = new double[held.length];
            double[] closes = new double[m];
            for (int r = 0; r < held.length; r++) {
                PriceWindow w = windows.get(held[r]);
                Stats.pick(w.times(), w.closes(), w.size(), common, m, closes);
                Stats.returns(closes, m, false, returns[r]);
                means[r] = Stats.mean(returns[r], n);
            }
            return new Panel(n, returns, means);
        }

        double[] pnl(double[] exposures) {
            double[] pnl = new double[n];
            for (int t = 0; t < n; t++) {
                double p = 0;
                for (int r = 0; r < exposures.length; r++) {
                    p += exposures[r] * returns[r][t];
                }
                pnl[t] = p;
            }
            return pnl;
        }
    }

    /** Each symbol's own tail returns at the highest confidence, for symbols outside the panel. */
    private static final class Standalone {
        final double[] mean;
        final double[] low;
        final double[] high;

        private Standalone(double[] mean, double[] low, double[] high) {
            this.mean = mean;
            this.low = low;
            this.high = high;
        }

        static Standalone of(String[] symbols, Map<String, PriceWindow> windows, int minObservations, double confidence) {
            int u = symbols.length;
            double[] mean = new double[u];
            double[] low = new double[u];
            double[] high = new double[u];
            for (int i = 0; i < u; i++) {
                PriceWindow w = windows.get(symbols[i]);
                if (w == null || w.size() - 1 < minObservations) {
                    mean[i] = low[i] = high[i] = Double.NaN;
                    continue;
                }
                double[] r = new double[w.size() - 1];
                int n = Stats.returns(w.closes(), w.size(), false, r);
                mean[i] = Stats.mean(r, n);
                Arrays.sort(r);
                int m = Stats.tailCount(n, confidence);
                low[i] = r[m - 1];
                high[i] = r[n - m];
            }
            return new Standalone(mean, low, high);
        }

        double scaledLow(int i, double factor) {
            return mean[i] + factor * (low[i] - mean[i]);
        }

        double scaledHigh(int i, double factor) {
            return mean[i] + factor * (high[i] - mean[i]);
        }
    }
}
