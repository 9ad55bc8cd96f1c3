package io.tradingsdk.examples.strategy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.TradingStrategy;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * An example of a user-written strategy: mean reversion on Bollinger bands. It buys when the close
 * falls {@code k} standard deviations below its moving average and closes the position when the
 * close is back above the average.
 *
 * <p>Like every strategy it runs on the engine's event loop, one call at a time, so plain fields
 * need no synchronization. It keeps a window per symbol because one configured instance may trade
 * several symbols.
 */
public final class BollingerReversionStrategy implements TradingStrategy {
    private final int period;
    private final double k;
    private final double confidence;
    private final double expectedReturn;
    private final double expectedLoss;
    private final Map<String, Window> windows = new HashMap<>();

    public BollingerReversionStrategy(int period, double k, double confidence, double expectedReturn, double expectedLoss) {
        this.period = period;
        this.k = k;
        this.confidence = confidence;
        this.expectedReturn = expectedReturn;
        this.expectedLoss = expectedLoss;
    }

    @Override
    public Signal onBar(Bar bar, StrategyContext context) {
        Window w = windows.computeIfAbsent(bar.symbol(), s -> new Window(period));
        w.add(bar.close());
        if (!w.full()) {
            return null;
        }
        double mean = w.mean();
        double sd = w.stdev(mean);
        boolean holding = context.portfolio().quantity(bar.symbol()).signum() > 0;
        if (!holding && !w.inTrade && bar.close() < mean - k * sd) {
            w.inTrade = true;
            return context.signal(bar.symbol(), SignalAction.BUY, confidence, expectedReturn, expectedLoss,
                    BigDecimal.valueOf(bar.close()));
        }
        if (w.inTrade && bar.close() > mean) {
            w.inTrade = false;
            if (holding) {
                return context.signal(bar.symbol(), SignalAction.CLOSE, confidence, expectedReturn, expectedLoss,
                        BigDecimal.valueOf(bar.close()));
            }
        }
        return null;
    }

    /** A fixed-size window of closes; sums are recomputed per bar to avoid floating drift over long runs. */
    private static final class Window {
        final double[] values;
        int next;
        int count;
        boolean inTrade;

        Window(int period) {
            values = new double[period];
        }

        void add(double v) {
            values[next] = v;
            next = (next + 1) % values.length;
            if (count < values.length) {
                count++;
            }
        }

        boolean full() {
            return count == values.length;
        }

        double mean() {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return s / values.length;
        }

        double stdev(double mean) {
            double s = 0;
            for (double v : values) {
                s += (v - mean) * (v - mean);
            }
            return Math.sqrt(s / values.length);
        }
    }
}
