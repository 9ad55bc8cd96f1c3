package io.tradingsdk.alpaca;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Alpaca-specific additions to an order: advanced order classes with take-profit and stop-loss
 * legs, and extended hours. Used with {@link AlpacaExecutor#submit(io.tradingsdk.api.order.OrderRequest,
 * AlpacaOrderOptions)}; the engine's plain {@code submit} sends simple orders.
 *
 * <p>On the wire every price is a JSON string with its exact decimal digits (alpaca-java 9.2.0 sends
 * leg prices as JSON numbers and rounds prices), and {@link OrderClass#OTO} is sent as {@code oto}
 * (alpaca-java sends {@code oco}).
 *
 * @param orderClass           simple, bracket, oco or oto
 * @param takeProfitLimitPrice limit price of the take-profit leg, or {@code null}
 * @param stopLossStopPrice    stop price of the stop-loss leg, or {@code null}
 * @param stopLossLimitPrice   limit price that makes the stop-loss leg a stop-limit, or {@code null}
 * @param extendedHours        eligible for pre-market and after-hours (limit DAY orders only)
 */
public record AlpacaOrderOptions(OrderClass orderClass, BigDecimal takeProfitLimitPrice, BigDecimal stopLossStopPrice,
                                 BigDecimal stopLossLimitPrice, boolean extendedHours) {

    /** Alpaca's order classes. */
    public enum OrderClass {
        SIMPLE, BRACKET, OCO, OTO;

        /** The wire value, e.g. {@code oto}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** No legs, regular hours. */
    public static final AlpacaOrderOptions SIMPLE = new AlpacaOrderOptions(OrderClass.SIMPLE, null, null, null, false);

    /**
     * Checks the legs the class needs: BRACKET and OCO need a take-profit and a stop-loss, OTO exactly
     * one of them, SIMPLE none; prices positive; a stop-loss limit needs a stop-loss stop.
     *
     * @throws IllegalArgumentException naming the field
     */
    public AlpacaOrderOptions {
        if (orderClass == null) {
            throw new IllegalArgumentException("orderClass is required");
        }
        positive("takeProfitLimitPrice", takeProfitLimitPrice);
        positive("stopLossStopPrice", stopLossStopPrice);
        positive("stopLossLimitPrice", stopLossLimitPrice);
        if (stopLossLimitPrice != null && stopLossStopPrice == null) {
            throw new IllegalArgumentException("stopLossLimitPrice needs stopLossStopPrice");
        }
        boolean tp = takeProfitLimitPrice != null;
        boolean sl = stopLossStopPrice != null;
        switch (orderClass) {
            case SIMPLE -> {
                if (tp || sl) {
                    throw new IllegalArgumentException("a SIMPLE order has no take-profit or stop-loss leg");
                }
            }
            case BRACKET, OCO -> {
                if (!tp || !sl) {
                    throw new IllegalArgumentException(orderClass + " needs takeProfitLimitPrice and stopLossStopPrice, was "
                            + takeProfitLimitPrice + " and " + stopLossStopPrice);
                }
            }
            case OTO -> {
                if (tp == sl) {
                    throw new IllegalArgumentException("OTO needs exactly one of takeProfitLimitPrice and stopLossStopPrice, was "
                            + takeProfitLimitPrice + " and " + stopLossStopPrice);
                }
            }
            default -> throw new IllegalStateException("unhandled order class " + orderClass);
        }
    }

    private static void positive(String field, BigDecimal v) {
        if (v != null && v.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + v.toPlainString());
        }
    }
}
