package io.tradingsdk.research;

import io.tradingsdk.api.order.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;

/**
 * What a backtest did over time, for charts and CSV files: kept only when a run is asked to keep it
 * (one report), never in sweeps, where only statistics are kept.
 *
 * @param equity one point per bar end time (bars of several symbols at one time give one point)
 * @param prices closing prices per symbol (symbols sorted), in time order
 * @param fills  every fill in the order the engine applied it, with the strategy whose order it was
 * @param orders every order sent, in the order it was sent, with its final state
 */
public record RunSeries(List<EquityPoint> equity, Map<String, List<PricePoint>> prices, List<FillRecord> fills,
                        List<OrderRecord> orders) {

    public RunSeries {
        equity = List.copyOf(equity);
        prices = Collections.unmodifiableMap(new TreeMap<>(prices));
        fills = List.copyOf(fills);
        orders = List.copyOf(orders);
    }

    /**
     * @param equity        the ledger's estimate after the bar (statistics only, never money)
     * @param grossExposure sum of the absolute market values of the positions
     */
    public record EquityPoint(Instant time, double equity, double grossExposure) {
        /** Gross exposure as a fraction of equity; 0 when equity is not positive. */
        public double exposureFraction() {
            return equity > 0 ? grossExposure / equity : 0.0;
        }
    }

    public record PricePoint(Instant time, double close) {
    }

    /** A fill and the strategy that asked for its order ({@code "host"} when no strategy's signal led to it). */
    public record FillRecord(Instant time, String strategyId, String clientOrderId, String symbol, OrderSide side,
                             BigDecimal quantity, BigDecimal price, BigDecimal fee) {
    }

    /**
     * An order and how it ended.
     *
     * @param status         the last status the engine reported (for example FILLED, CANCELED, REJECTED)
     * @param averageFillPrice {@code null} when nothing filled
     */
    public record OrderRecord(Instant submitted, String strategyId, String clientOrderId, String symbol, OrderSide side,
                              BigDecimal quantity, String type, String status, BigDecimal filledQuantity,
                              BigDecimal averageFillPrice, Instant lastUpdate) {
    }
}
