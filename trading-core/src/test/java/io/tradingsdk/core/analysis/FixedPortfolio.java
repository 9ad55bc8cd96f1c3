package io.tradingsdk.core.analysis;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.portfolio.TradingState;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** A portfolio whose answers are set up front and read without allocating (for allocation tests). */
final class FixedPortfolio implements PortfolioView {
    private final BigDecimal equity;
    private final Map<String, BigDecimal> quantities = new HashMap<>();
    private final Map<String, BigDecimal> prices = new HashMap<>();

    FixedPortfolio(String equity) {
        this.equity = new BigDecimal(equity);
    }

    FixedPortfolio hold(String symbol, String quantity, String price) {
        quantities.put(symbol, new BigDecimal(quantity));
        prices.put(symbol, new BigDecimal(price));
        return this;
    }

    FixedPortfolio price(String symbol, String price) {
        prices.put(symbol, new BigDecimal(price));
        return this;
    }

    @Override
    public String accountId() {
        return "acct";
    }

    @Override
    public BigDecimal cash() {
        return equity;
    }

    @Override
    public BigDecimal equity() {
        return equity;
    }

    @Override
    public BigDecimal dayStartEquity() {
        return equity;
    }

    @Override
    public BigDecimal quantity(String symbol) {
        BigDecimal q = quantities.get(symbol);
        return q == null ? BigDecimal.ZERO : q;
    }

    @Override
    public Position position(String symbol) {
        return null;
    }

    @Override
    public Map<String, Position> positions() {
        return Map.of();
    }

    @Override
    public BigDecimal openOrderQuantity(String symbol) {
        return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal openBuyNotional() {
        return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal lastPrice(String symbol) {
        return prices.get(symbol);
    }

    @Override
    public BigDecimal grossExposure() {
        return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal capitalAtRisk() {
        return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal realizedPnl() {
        return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal unrealizedPnl() {
        return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal fees() {
        return BigDecimal.ZERO;
    }

    @Override
    public TradingState tradingState() {
        return TradingState.ACTIVE;
    }
}
