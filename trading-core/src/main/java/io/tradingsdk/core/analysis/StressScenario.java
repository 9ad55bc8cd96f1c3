package io.tradingsdk.core.analysis;

import io.tradingsdk.api.provider.InvalidParameterException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One stress scenario the analyzer applies to the portfolio. Shocks are signed price moves as
 * fractions ({@code -0.10} is a 10 % fall); a long position loses {@code -shock x value}, a short one
 * gains it. To stress a short book, add scenarios with positive shocks.
 *
 * <ul>
 *   <li>{@link Kind#MARKET}: every symbol moves by {@code value}.</li>
 *   <li>{@link Kind#SYMBOL}: only {@code symbol} moves by {@code value}.</li>
 *   <li>{@link Kind#EACH_SYMBOL}: each symbol in turn moves by {@code value}; the scenario's loss
 *       is the worst single-symbol loss.</li>
 *   <li>{@link Kind#VOLATILITY}: the historical value at risk at the highest configured confidence,
 *       with every return's deviation from its mean scaled by {@code value} (1.5 = volatility
 *       +50 %).</li>
 * </ul>
 *
 * <p>Immutable; the constructor throws {@link InvalidParameterException} (parameter
 * {@code stressScenarios}) naming the rejected value.
 *
 * @param name   a unique, readable name used in results and denial messages
 * @param symbol the symbol of a {@link Kind#SYMBOL} scenario, else {@code null}
 * @param value  the shock in [-1, 10] (MARKET, SYMBOL, EACH_SYMBOL) or the volatility factor in (0, 100]
 */
public record StressScenario(String name, Kind kind, String symbol, double value) {

    /** What a scenario moves. */
    public enum Kind {
        MARKET, SYMBOL, EACH_SYMBOL, VOLATILITY
    }

    private static final String PARAM = "stressScenarios";

    public StressScenario {
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException(PARAM, name, "parameter 'stressScenarios': scenario name must not be blank, was '" + name + "'");
        }
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.SYMBOL) {
            if (symbol == null || symbol.isBlank()) {
                throw new InvalidParameterException(PARAM, symbol, "parameter 'stressScenarios': scenario '" + name
                        + "' shocks one symbol but names none (was '" + symbol + "')");
            }
        } else if (symbol != null) {
            throw new InvalidParameterException(PARAM, symbol, "parameter 'stressScenarios': scenario '" + name + "' of kind " + kind
                    + " takes no symbol, was '" + symbol + "'");
        }
        if (kind == Kind.VOLATILITY) {
            if (!(value > 0) || !(value <= 100)) {
                throw new InvalidParameterException(PARAM, value, "parameter 'stressScenarios': scenario '" + name
                        + "': volatility factor must be in (0, 100], was " + value);
            }
        } else if (!(value >= -1) || !(value <= 10)) {
            throw new InvalidParameterException(PARAM, value, "parameter 'stressScenarios': scenario '" + name
                    + "': shock must be in [-1, 10] (a fraction of price, -0.1 = -10 %), was " + value);
        }
    }

    /** Every symbol moves by {@code shock}, e.g. {@code marketShock(-0.10)}: "market -10%". */
    public static StressScenario marketShock(double shock) {
        return new StressScenario("market " + percent(shock), Kind.MARKET, null, shock);
    }

    /** Only {@code symbol} moves by {@code shock}. */
    public static StressScenario symbolShock(String symbol, double shock) {
        return new StressScenario(symbol + " " + percent(shock), Kind.SYMBOL, symbol, shock);
    }

    /** Each symbol in turn moves by {@code shock}; the worst single-symbol loss counts. */
    public static StressScenario eachSymbolShock(double shock) {
        return new StressScenario("each symbol " + percent(shock), Kind.EACH_SYMBOL, null, shock);
    }

    /** Historical VaR with return deviations scaled by {@code factor}, e.g. 1.5: "volatility x1.5". */
    public static StressScenario volatilityScale(double factor) {
        return new StressScenario("volatility x" + plain(factor), Kind.VOLATILITY, null, factor);
    }

    /**
     * Parses the text form used in parameters: {@code market:-0.10}, {@code symbol:AAPL:-0.30},
     * {@code each-symbol:-0.30}, {@code volatility:1.5}.
     *
     * @throws InvalidParameterException (parameter {@code stressScenarios}) naming the text
     */
    public static StressScenario parse(String text) {
        if (text == null) {
            throw new InvalidParameterException(PARAM, null, "parameter 'stressScenarios': scenario must not be null");
        }
        String t = text.trim();
        int colon = t.indexOf(':');
        int last = t.lastIndexOf(':');
        if (colon <= 0 || last == t.length() - 1) {
            throw badText(text);
        }
        String kind = t.substring(0, colon);
        double number;
        try {
            number = new BigDecimal(t.substring(last + 1).trim()).doubleValue();
        } catch (NumberFormatException e) {
            throw badText(text);
        }
        return switch (kind) {
            case "market" -> {
                if (last != colon) {
                    throw badText(text);
                }
                yield marketShock(number);
            }
            case "each-symbol" -> {
                if (last != colon) {
                    throw badText(text);
                }
                yield eachSymbolShock(number);
            }
            case "volatility" -> {
                if (last != colon) {
                    throw badText(text);
                }
                yield volatilityScale(number);
            }
            case "symbol" -> {
                if (last == colon) {
                    throw badText(text);
                }
                yield symbolShock(t.substring(colon + 1, last).trim(), number);
            }
            default -> throw badText(text);
        };
    }

    private static InvalidParameterException badText(String text) {
        return new InvalidParameterException(PARAM, text, "parameter 'stressScenarios': scenario '" + text + "' is not one of market:<shock>, "
                + "symbol:<SYMBOL>:<shock>, each-symbol:<shock>, volatility:<factor> (e.g. market:-0.10)");
    }

    private static String percent(double shock) {
        String p = plain(shock * 100);
        return (shock > 0 ? "+" : "") + p + "%";
    }

    private static String plain(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = BigDecimal.valueOf(v).round(new java.math.MathContext(10)).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }
}
