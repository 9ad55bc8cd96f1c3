package io.tradingsdk.core.strategy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.indicator.RelativeStrengthIndex;
import io.tradingsdk.core.internal.Decimals;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Mean reversion on the relative strength index of closes: a BUY when the RSI crosses below the
 * oversold level, an exit ({@code CLOSE} or {@code SELL}) when it crosses above the overbought
 * level. The crossing rule is described in the {@linkplain io.tradingsdk.core.strategy package
 * notes}; the RSI is ready after {@code period + 1} bars of a symbol (see
 * {@link RelativeStrengthIndex}), so the first possible signal is on its {@code period + 2}-th bar.
 * The RSI's seed is {@link RelativeStrengthIndex.Seed#WILDER} (textbook, TA-Lib) unless parameter
 * {@code seed} says {@code zero} (ta4j 0.17).
 *
 * <p>Keeps one RSI per symbol. Created by {@link RsiStrategyProvider} (name {@value #NAME}) or
 * directly by a host.
 *
 * <p><b>Thread:</b> the engine's event loop only; no locks, no I/O. {@link #onBar} allocates only
 * when it returns a signal (and once per new symbol). <b>Failures:</b> constructor and
 * {@link #onParametersChanged} throw {@link InvalidParameterException} naming the parameter; on a
 * failed change nothing changes.
 */
public final class RsiStrategy implements TradingStrategy {

    /** The provider name. */
    public static final String NAME = "rsi";

    static final String PERIOD = "period";
    static final String SEED = "seed";
    static final String OVERSOLD = "oversold";
    static final String OVERBOUGHT = "overbought";

    private final int period;
    private final RelativeStrengthIndex.Seed seed;
    private double oversold;
    private double overbought;
    private SignalSettings settings;
    private final Map<String, SymbolState> states = new HashMap<>();

    /**
     * @param period         RSI period, at least 1
     * @param oversold       level in [0, 100] whose downward crossing is a BUY
     * @param overbought     level in [0, 100], above {@code oversold}, whose upward crossing is an exit
     * @param confidence     confidence of every signal, in (0, 1]
     * @param expectedReturn expected return of every signal, above 0
     * @param expectedLoss   expected loss magnitude of every signal, above 0
     * @param exitAction     {@link SignalAction#CLOSE} or {@link SignalAction#SELL}
     * @throws InvalidParameterException naming the first invalid parameter
     */
    public RsiStrategy(int period, double oversold, double overbought, double confidence, double expectedReturn,
                       double expectedLoss, SignalAction exitAction) {
        this(period, RelativeStrengthIndex.Seed.WILDER, oversold, overbought, confidence, expectedReturn, expectedLoss,
                exitAction);
    }

    /**
     * @param seed how each symbol's RSI begins (see {@link RelativeStrengthIndex.Seed}); the other
     *             parameters as in {@link #RsiStrategy(int, double, double, double, double, double, SignalAction)}
     * @throws InvalidParameterException naming the first invalid parameter
     */
    public RsiStrategy(int period, RelativeStrengthIndex.Seed seed, double oversold, double overbought, double confidence,
                       double expectedReturn, double expectedLoss, SignalAction exitAction) {
        this.seed = java.util.Objects.requireNonNull(seed, "seed");
        if (period < 1) {
            throw new InvalidParameterException(PERIOD, period, "parameter '" + PERIOD + "' must be at least 1, was "
                    + period);
        }
        checkLevels(oversold, overbought);
        this.period = period;
        this.oversold = oversold;
        this.overbought = overbought;
        this.settings = new SignalSettings(confidence, expectedReturn, expectedLoss, exitAction);
    }

    /**
     * Creates the strategy from parameters validated against {@link RsiStrategyProvider#parameterSchema()}.
     *
     * @throws InvalidParameterException if {@code overbought <= oversold} (naming overbought)
     */
    public static RsiStrategy fromParameters(Parameters parameters) {
        SignalSettings s = SignalSettings.from(parameters);
        RelativeStrengthIndex.Seed seed = parameters.schema().spec(SEED) == null ? RelativeStrengthIndex.Seed.WILDER
                : RelativeStrengthIndex.Seed.valueOf(parameters.getString(SEED).toUpperCase(java.util.Locale.ROOT));
        return new RsiStrategy(parameters.getInt(PERIOD), seed, parameters.getDouble(OVERSOLD),
                parameters.getDouble(OVERBOUGHT), s.confidence(), s.expectedReturn(), s.expectedLoss(), s.exitAction());
    }

    private static void checkLevels(double oversold, double overbought) {
        if (!(oversold >= 0 && oversold <= 100)) {
            throw new InvalidParameterException(OVERSOLD, oversold, "parameter '" + OVERSOLD + "' must be in [0, 100], was "
                    + oversold);
        }
        if (!(overbought >= 0 && overbought <= 100)) {
            throw new InvalidParameterException(OVERBOUGHT, overbought, "parameter '" + OVERBOUGHT
                    + "' must be in [0, 100], was " + overbought);
        }
        if (!(overbought > oversold)) {
            throw new InvalidParameterException(OVERBOUGHT, overbought, "parameter '" + OVERBOUGHT
                    + "' must be greater than " + OVERSOLD + " (" + oversold + "), was " + overbought);
        }
    }

    /** {@code period + 1}: after that many bars the RSI is ready, so the next bar can signal. */
    @Override
    public int warmUpBars() {
        return period + 1;
    }

    @Override
    public Signal onBar(Bar bar, StrategyContext context) {
        String symbol = bar.symbol();
        SymbolState state = states.get(symbol);
        if (state == null) {
            state = new SymbolState(period, seed);
            states.put(symbol, state);
        }
        double close = bar.close();
        state.rsi.update(close);
        if (!state.rsi.isReady()) {
            return null;
        }
        double rsi = state.rsi.value();
        // Both trackers see every ready bar, so each remembers its own last side.
        boolean enter = state.oversold.update(rsi, oversold) == Crossing.DOWN;
        boolean exit = state.overbought.update(rsi, overbought) == Crossing.UP;
        if (!enter && !exit) {
            return null;
        }
        SignalSettings s = settings;
        // Both at once is impossible: that needs rsi < oversold and rsi > overbought.
        SignalAction action = enter ? SignalAction.BUY : s.exitAction();
        return context.signal(symbol, action, s.confidence(), s.expectedReturn(), s.expectedLoss(),
                Decimals.of(close));
    }

    /**
     * Applies new levels, confidence, expected return/loss and exit action. The period is static
     * (a change is refused). When a level changes, the side each symbol's RSI was on is forgotten,
     * so a crossing must happen after the change to signal.
     *
     * @throws InvalidParameterException naming the refused parameter; nothing changes
     */
    @Override
    public void onParametersChanged(Parameters parameters, StrategyContext context) {
        if (parameters.schema().spec(PERIOD) != null && parameters.getInt(PERIOD) != period) {
            throw new InvalidParameterException(PERIOD, parameters.getLong(PERIOD), "parameter '" + PERIOD
                    + "' is static and cannot change while running (is " + period + "); restart with the new value");
        }
        if (parameters.schema().spec(SEED) != null
                && !parameters.getString(SEED).equalsIgnoreCase(seed.name())) {
            throw new InvalidParameterException(SEED, parameters.getString(SEED), "parameter '" + SEED
                    + "' is static and cannot change while running (is " + seed.name().toLowerCase(java.util.Locale.ROOT)
                    + "); restart with the new value");
        }
        double newOversold = parameters.getDouble(OVERSOLD);
        double newOverbought = parameters.getDouble(OVERBOUGHT);
        checkLevels(newOversold, newOverbought);
        SignalSettings newSettings = SignalSettings.from(parameters);
        if (newOversold != oversold || newOverbought != overbought) {
            for (SymbolState state : states.values()) {
                state.oversold.reset();
                state.overbought.reset();
            }
        }
        this.oversold = newOversold;
        this.overbought = newOverbought;
        this.settings = newSettings;
    }

    public int period() {
        return period;
    }

    public RelativeStrengthIndex.Seed seed() {
        return seed;
    }

    public double oversold() {
        return oversold;
    }

    public double overbought() {
        return overbought;
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
        return NAME + "[period=" + period + ", seed=" + seed + ", oversold=" + oversold + ", overbought=" + overbought + ", " + settings + "]";
    }

    private static final class SymbolState {
        final RelativeStrengthIndex rsi;
        final Crossing oversold = new Crossing();
        final Crossing overbought = new Crossing();

        SymbolState(int period, RelativeStrengthIndex.Seed seed) {
            this.rsi = new RelativeStrengthIndex(period, seed);
        }
    }
}
