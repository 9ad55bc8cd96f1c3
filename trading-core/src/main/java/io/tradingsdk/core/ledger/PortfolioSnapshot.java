package io.tradingsdk.core.ledger;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.portfolio.TradingState;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable copy of a {@link PortfolioLedger} at one moment: safe to read from any thread.
 * Made by {@link PortfolioLedger#snapshot()} on the event loop.
 *
 * @param heldPositions every symbol ever held, flat ones included, by symbol
 * @param lastPrices    the last price of every symbol marked so far
 * @param openOrders    signed unfilled quantity of open orders, by symbol (non-zero only)
 */
public record PortfolioSnapshot(String accountId, BigDecimal initialCash, BigDecimal cash, BigDecimal equity,
                                BigDecimal dayStartEquity, BigDecimal realizedPnl, BigDecimal unrealizedPnl,
                                BigDecimal fees, BigDecimal grossExposure, BigDecimal capitalAtRisk,
                                TradingState tradingState, Map<String, Position> heldPositions,
                                Map<String, BigDecimal> lastPrices, Map<String, BigDecimal> openOrders,
                                BigDecimal openBuyNotional) implements PortfolioView {

    public PortfolioSnapshot {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(initialCash, "initialCash");
        Objects.requireNonNull(cash, "cash");
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(dayStartEquity, "dayStartEquity");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(grossExposure, "grossExposure");
        Objects.requireNonNull(capitalAtRisk, "capitalAtRisk");
        Objects.requireNonNull(tradingState, "tradingState");
        heldPositions = Collections.unmodifiableMap(new LinkedHashMap<>(heldPositions));
        lastPrices = Collections.unmodifiableMap(new LinkedHashMap<>(lastPrices));
        openOrders = Collections.unmodifiableMap(new LinkedHashMap<>(openOrders));
        Objects.requireNonNull(openBuyNotional, "openBuyNotional");
    }

    @Override
    public BigDecimal openOrderQuantity(String symbol) {
        return openOrders.getOrDefault(symbol, BigDecimal.ZERO);
    }

    @Override
    public BigDecimal quantity(String symbol) {
        Position p = heldPositions.get(symbol);
        return p == null ? BigDecimal.ZERO : p.quantity();
    }

    @Override
    public Position position(String symbol) {
        return heldPositions.get(symbol);
    }

    /** Non-flat positions by symbol; unmodifiable. */
    @Override
    public Map<String, Position> positions() {
        Map<String, Position> open = new LinkedHashMap<>();
        heldPositions.forEach((symbol, p) -> {
            if (!p.isFlat()) {
                open.put(symbol, p);
            }
        });
        return Collections.unmodifiableMap(open);
    }

    @Override
    public BigDecimal lastPrice(String symbol) {
        return lastPrices.get(symbol);
    }
}
