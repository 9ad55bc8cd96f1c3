package io.tradingsdk.alpaca.internal;

import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.ForeignOrder;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.portfolio.Position;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the account as Alpaca reports it: cash, positions (signed, symbols in the SDK's spelling,
 * one per asset) and open orders, with the orders the SDK cannot represent set apart as foreign.
 * Blocking; called on the executor's I/O threads. Throws an {@link io.tradingsdk.alpaca.AlpacaException}
 * when any part cannot be read: never a flat account.
 */
public final class AccountReader {
    private static final Logger log = LoggerFactory.getLogger(AccountReader.class);
    private static final AlpacaEndpointGroup G = AlpacaEndpointGroup.ACCOUNT;

    /** What was read: the snapshot and the open orders behind its {@code openOrders}, to watch. */
    public record Read(AccountSnapshot snapshot, List<BrokerOrder> openOrders) {
    }

    private final AlpacaJava alpaca;
    private final OrderGateway gateway;

    public AccountReader(AlpacaJava alpaca, OrderGateway gateway) {
        this.alpaca = alpaca;
        this.gateway = gateway;
    }

    public Read read() {
        net.jacobpeterson.alpaca.model.endpoint.account.Account account =
                alpaca.call(G, "GET /v2/account", api -> api.account().get());
        if (account == null) {
            throw Errors.malformed(G, "GET /v2/account", "empty body", null);
        }
        BigDecimal cash = requiredDecimal("GET /v2/account", "cash", account.getCash());
        if (Boolean.TRUE.equals(account.getTradingBlocked()) || Boolean.TRUE.equals(account.getAccountBlocked())) {
            log.warn("alpaca: the account is blocked for trading (trading_blocked={}, account_blocked={})",
                    account.getTradingBlocked(), account.getAccountBlocked());
        }
        List<net.jacobpeterson.alpaca.model.endpoint.positions.Position> raw =
                alpaca.call(G, "GET /v2/positions", api -> api.positions().get());
        if (raw == null) {
            throw Errors.malformed(G, "GET /v2/positions", "empty body", null);
        }
        Map<String, Position> positions = new LinkedHashMap<>();
        for (net.jacobpeterson.alpaca.model.endpoint.positions.Position p : raw) {
            Position next = position(p);
            positions.merge(next.symbol(), next, AccountReader::merge);
        }
        List<Order> open = new ArrayList<>();
        List<BrokerOrder> watched = new ArrayList<>();
        List<ForeignOrder> foreign = new ArrayList<>();
        for (OpenOrderClassifier.Classified c : gateway.openOrders()) {
            if (c.order() != null) {
                open.add(c.order().toOrder());
                watched.add(c.order());
            } else {
                foreign.add(c.foreign());
            }
        }
        if (!foreign.isEmpty()) {
            log.warn("alpaca: {} open order(s) of other applications are reported as foreign and left alone: {}",
                    foreign.size(), foreign.stream().limit(5).map(f -> f.brokerOrderId() + " " + f.description()).toList());
        }
        return new Read(new AccountSnapshot(cash, new ArrayList<>(positions.values()), open, Instant.now(), foreign),
                watched);
    }

    private static Position position(net.jacobpeterson.alpaca.model.endpoint.positions.Position p) {
        String endpoint = "GET /v2/positions";
        if (p == null || p.getSymbol() == null || p.getSymbol().isEmpty()) {
            throw Errors.malformed(G, endpoint, "a position without symbol", null);
        }
        BigDecimal qty = requiredDecimal(endpoint, "qty", p.getQuantity());
        if ("short".equalsIgnoreCase(p.getSide()) && qty.signum() > 0) {
            qty = qty.negate();
        }
        BigDecimal avg = requiredDecimal(endpoint, "avg_entry_price", p.getAverageEntryPrice());
        BigDecimal price = p.getCurrentPrice() == null || p.getCurrentPrice().isBlank() ? avg
                : requiredDecimal(endpoint, "current_price", p.getCurrentPrice());
        return new Position(SymbolNormalizer.toSdk(p.getSymbol(), p.getAssetClass()), qty, avg, price, BigDecimal.ZERO);
    }

    /** Two reports of one asset (spelled both ways) are one position: quantities add, entry prices average. */
    private static Position merge(Position a, Position b) {
        BigDecimal qty = a.quantity().add(b.quantity());
        BigDecimal weight = a.quantity().abs().add(b.quantity().abs());
        BigDecimal avg = weight.signum() == 0 ? BigDecimal.ZERO
                : a.quantity().abs().multiply(a.averagePrice()).add(b.quantity().abs().multiply(b.averagePrice()))
                        .divide(weight, MathContext.DECIMAL64);
        return new Position(a.symbol(), qty, avg, b.marketPrice(), BigDecimal.ZERO);
    }

    static BigDecimal requiredDecimal(String endpoint, String field, String value) {
        if (value == null || value.isBlank()) {
            throw Errors.malformed(G, endpoint, "field '" + field + "' is missing", null);
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw Errors.malformed(G, endpoint, "field '" + field + "' is not a decimal: '" + Json.abbreviate(value) + "'", e);
        }
    }
}
