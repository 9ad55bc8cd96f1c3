package io.tradingsdk.core.strategy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.indicator.SimpleMovingAverage;
import io.tradingsdk.core.internal.Decimals;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Moving-average crossover on close prices: a BUY when the fast simple moving average crosses
 * above the slow one, an exit ({@code CLOSE} or {@code SELL}) when it crosses below. The crossing
 * rule is described in the {@linkplain io.tradingsdk.core.strategy package notes}; signals start
 * once the slow average is ready, so the first possible signal is on a symbol's
 * {@code slowPeriod + 1}-th bar.
 *
 * <p>Keeps one pair of averages per symbol. Created by {@link MovingAverageCrossoverStrategyProvider}
 * (name {@value #NAME}) or directly by a host.
 *
 * <p><b>Thread:</b> the engine's event loop only; no locks, no I/O. {@link #onBar} allocates only
 * when it returns a signal (and once per new symbol). <b>Failures:</b> constructor and
 * {@link #onParametersChanged} throw {@link InvalidParameterException} naming the parameter; on a
 * failed change nothing changes.
 */
public final class MovingAverageCrossoverStrategy implements TradingStrategy {

    /** The provider name. */
    public static final String NAME = "moving-average-crossover";

    static final String FAST_PERIOD = "fastPeriod";
    static final String SLOW_PERIOD = "slowPeriod";

    private final int fastPeriod;
    private final int slowPeriod;
    private SignalSettings settings;
    private final Map<String, SymbolState> states = new HashMap<>();
    /** The last bar's symbol (compared by identity) and its state. */
    private String lastSymbol;
    private SymbolState lastState;

    /**
     * @param fastPeriod     bars in the fast average, at least 1
     * @param slowPeriod     bars in the slow average, above {@code fastPeriod}
     * @param confidence     confidence of every signal, in (0, 1]
     * @param expectedReturn expected return of every signal, above 0
     * @param expectedLoss   expected loss magnitude of every signal, above 0
     * @param exitAction     {@link SignalAction#CLOSE} or {@link SignalAction#SELL}
     * @throws InvalidParameterException naming the first invalid parameter
     */
    public MovingAverageCrossoverStrategy(int fastPeriod, int slowPeriod, double confidence, double expectedReturn,
                                          double expectedLoss, SignalAction exitAction) {
        if (fastPeriod < 1) {
            throw new InvalidParameterException(FAST_PERIOD, fastPeriod, "parameter '" + FAST_PERIOD
                    + "' must be at least 1, was " + fastPeriod);
        }
        if (slowPeriod <= fastPeriod) {
            throw new InvalidParameterException(SLOW_PERIOD, slowPeriod, "parameter '" + SLOW_PERIOD
                    + "' must be greater than " + FAST_PERIOD + " (" + fastPeriod + "), was " + slowPeriod);
        }
        this.fastPeriod = fastPeriod;
        this.slowPeriod = slowPeriod;
        this.settings = new SignalSettings(confidence, expectedReturn, expectedLoss, exitAction);
    }

    /**
     * Creates the strategy from parameters validated against
     * {@link MovingAverageCrossoverStrategyProvider#parameterSchema()}.
     *
     * @throws InvalidParameterException if {@code slowPeriod <= fastPeriod} (naming slowPeriod)
     */
    public static MovingAverageCrossoverStrategy fromParameters(Parameters parameters) {
        SignalSettings s = SignalSettings.from(parameters);
        return new MovingAverageCrossoverStrategy(parameters.getInt(FAST_PERIOD), parameters.getInt(SLOW_PERIOD),
                s.confidence(), s.expectedReturn(), s.expectedLoss(), s.exitAction());
    }

    /** The slow period: after that many bars both averages are ready, so the next bar can signal. */
    @Override
    public int warmUpBars() {
        return slowPeriod;
    }

    @Override
    public Signal onBar(Bar bar, StrategyContext context) {
        String symbol = bar.symbol();
        SymbolState state;
        if (symbol == lastSymbol) {
            state = lastState; // the same symbol as the last bar (one symbol, or runs of it): no lookup
        } else {
            state = states.get(symbol);
            if (state == null) {
                state = new SymbolState(fastPeriod, slowPeriod);
                states.put(symbol, state);
            }
            lastSymbol = symbol;
            lastState = state;
        }
        double close = bar.close();
        state.fast.update(close);
        state.slow.update(close);
        if (!state.slow.isReady()) {
            // The fast average is ready no later than the slow one (fastPeriod < slowPeriod).
            return null;
        }
        int crossing = state.crossing.update(state.fast.value(), state.slow.value());
        if (crossing == Crossing.NONE) {
            return null;
        }
        SignalSettings s = settings;
        SignalAction action = crossing == Crossing.UP ? SignalAction.BUY : s.exitAction();
        return context.signal(symbol, action, s.confidence(), s.expectedReturn(), s.expectedLoss(),
                Decimals.of(close));
    }

    /**
     * Applies new confidence, expected return/loss and exit action. The periods are static
     * parameters: a change of either is refused (restart the strategy instead), since the averages
     * would otherwise mix windows.
     *
     * @throws InvalidParameterException naming the refused parameter; nothing changes
     */
    @Override
    public void onParametersChanged(Parameters parameters, StrategyContext context) {
        checkUnchanged(parameters, FAST_PERIOD, fastPeriod);
        checkUnchanged(parameters, SLOW_PERIOD, slowPeriod);
        this.settings = SignalSettings.from(parameters);
    }

    private static void checkUnchanged(Parameters parameters, String name, int current) {
        if (parameters.schema().spec(name) == null) {
            return;
        }
        int requested = parameters.getInt(name);
        if (requested != current) {
            throw new InvalidParameterException(name, requested, "parameter '" + name
                    + "' is static and cannot change while running (is " + current + "); restart with the new value");
        }
    }

    public int fastPeriod() {
        return fastPeriod;
    }

    public int slowPeriod() {
        return slowPeriod;
    }

    public double confidence() {
        return settings.confidence();
    }

    public double expectedReturn() {
        return settings.expectedReturn();
    }

    public double expectedLoss() {
        return settings.expectedLoss();
    }

    public SignalAction exitAction() {
        return settings.exitAction();
    }

    @Override
    public String toString() {
        return NAME + "[fast=" + fastPeriod + ", slow=" + slowPeriod + ", " + settings + "]";
    }

    private static final class SymbolState {
        final SimpleMovingAverage fast;
        final SimpleMovingAverage slow;
        final Crossing crossing = new Crossing();

        SymbolState(int fastPeriod, int slowPeriod) {
            this.fast = new SimpleMovingAverage(fastPeriod);
            this.slow = new SimpleMovingAverage(slowPeriod);
        }
    }
}
