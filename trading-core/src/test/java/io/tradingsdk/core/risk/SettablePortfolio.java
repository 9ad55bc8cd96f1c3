package io.tradingsdk.core.risk;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.portfolio.TradingState;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-only {@link PortfolioView} whose every answer is set by the test (the real ledger is
 * written elsewhere). Reads do not allocate, so allocation tests can use it.
 */
public final class SettablePortfolio implements PortfolioView {

    private BigDecimal cash = new BigDecimal("100000");
    private BigDecimal equity = new BigDecimal("100000");
    private BigDecimal dayStartEquity = new BigDecimal("100000");
    private BigDecimal capitalAtRisk = BigDecimal.ZERO;
    private TradingState tradingState = TradingState.ACTIVE;
    private final Map<String, BigDecimal> quantities = new HashMap<>();
    private final Map<String, BigDecimal> lastPrices = new HashMap<>();
    private final Map<String, BigDecimal> openOrders = new HashMap<>();
    private BigDecimal openBuyNotional = BigDecimal.ZERO;

    /** Signed unfilled quantity of open orders in the symbol. */
    public SettablePortfolio openOrders(String symbol, String signedQuantity) {
        openOrders.put(symbol, new BigDecimal(signedQuantity));
        return this;
    }

    public SettablePortfolio openBuyNotional(String v) {
        openBuyNotional = new BigDecimal(v);
        return this;
    }

    @Override
    public BigDecimal openOrderQuantity(String symbol) {
        return openOrders.getOrDefault(symbol, BigDecimal.ZERO);
    }

    @Override
    public BigDecimal openBuyNotional() {
        return openBuyNotional;
    }

    /** Cash, equity and day-start equity all {@code amount}; flat; ACTIVE. */
    public static SettablePortfolio withEquity(String amount) {
        BigDecimal a = new BigDecimal(amount);
        return new SettablePortfolio().cash(a).equity(a).dayStartEquity(a);
    }

    public SettablePortfolio cash(BigDecimal v) {
        cash = v;
        return this;
    }

    public SettablePortfolio cash(String v) {
        return cash(new BigDecimal(v));
    }

    public SettablePortfolio equity(BigDecimal v) {
        equity = v;
        return this;
    }

    public SettablePortfolio equity(String v) {
        return equity(new BigDecimal(v));
    }

    public SettablePortfolio dayStartEquity(BigDecimal v) {
        dayStartEquity = v;
        return this;
    }

    public SettablePortfolio dayStartEquity(String v) {
        return dayStartEquity(new BigDecimal(v));
    }

    public SettablePortfolio capitalAtRisk(String v) {
        capitalAtRisk = new BigDecimal(v);
        return this;
    }

    public SettablePortfolio tradingState(TradingState v) {
        tradingState = v;
        return this;
    }

    /** Signed quantity held; zero removes the position. */
    public SettablePortfolio position(String symbol, String signedQuantity) {
        BigDecimal q = new BigDecimal(signedQuantity);
        if (q.signum() == 0) {
            quantities.remove(symbol);
        } else {
            quantities.put(symbol, q);
        }
        return this;
    }

    public SettablePortfolio lastPrice(String symbol, String price) {
        lastPrices.put(symbol, new BigDecimal(price));
        return this;
    }

    @Override
    public String accountId() {
        return "test-account";
    }

    @Override
    public BigDecimal cash() {
        return cash;
    }

    @Override
    public BigDecimal equity() {
        return equity;
    }

    @Override
    public BigDecimal dayStartEquity() {
        return dayStartEquity;
    }

    @Override
    public BigDecimal quantity(String symbol) {
        BigDecimal q = quantities.get(symbol);
        return q == null ? BigDecimal.ZERO : q;
    }

    @Override
    public Position position(String symbol) {
        BigDecimal q = quantities.get(symbol);
        if (q == null) {
            return null;
        }
        BigDecimal px = lastPrices.getOrDefault(symbol, BigDecimal.ZERO);
        return new Position(symbol, q, px, px, BigDecimal.ZERO);
    }

    @Override
    public Map<String, Position> positions() {
        Map<String, Position> out = new LinkedHashMap<>();
        for (String s : quantities.keySet()) {
            out.put(s, position(s));
        }
        return out;
    }

    @Override
    public BigDecimal lastPrice(String symbol) {
        return lastPrices.get(symbol);
    }

    @Override
    public BigDecimal grossExposure() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Position p : positions().values()) {
            sum = sum.add(p.marketValue().abs());
        }
        return sum;
    }

    @Override
    public BigDecimal capitalAtRisk() {
        return capitalAtRisk;
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
        return tradingState;
    }
}
