package io.tradingsdk.core.paper;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.core.internal.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paper broker's own books: cash and positions computed from its fills alone, as a real
 * broker's account would be. Not thread-safe: {@link PaperExecutor} guards it with its lock.
 */
final class PaperAccount {

    /** Decimal places of an average entry price when the exact quotient does not terminate. */
    static final int AVERAGE_PRICE_SCALE = 10;

    private BigDecimal cash;
    private final Map<String, Holding> holdings = new TreeMap<>();
    /** Last close per symbol as the feed's double; converted to money only when a snapshot values a holding. */
    private final Map<String, double[]> lastPrices = new HashMap<>();

    PaperAccount(BigDecimal initialCash) {
        this.cash = initialCash;
    }

    BigDecimal cash() {
        return cash;
    }

    /** The signed quantity held; zero when none. */
    BigDecimal quantity(String symbol) {
        Holding h = holdings.get(symbol);
        return h == null ? BigDecimal.ZERO : h.quantity;
    }

    /** Called on every bar: no allocation once the symbol is known. */
    void markPrice(String symbol, double price) {
        double[] slot = lastPrices.get(symbol);
        if (slot == null) {
            lastPrices.put(symbol, new double[] {price});
        } else {
            slot[0] = price;
        }
    }

    /** Books a fill: cash moves by the notional and the fee, the position by the signed quantity. */
    void apply(Fill fill) {
        BigDecimal signed = fill.side().sign() > 0 ? fill.quantity() : fill.quantity().negate();
        cash = cash.subtract(signed.multiply(fill.price())).subtract(fill.fee());
        Holding h = holdings.computeIfAbsent(fill.symbol(), s -> new Holding());
        BigDecimal before = h.quantity;
        BigDecimal after = before.add(signed);
        if (before.signum() == 0 || before.signum() == signed.signum()) {
            // Opening or adding: the cost basis grows exactly.
            h.cost = h.cost.add(fill.notional());
        } else {
            // Reducing, closing or flipping: the closed part leaves at its share of the cost basis
            // (exact when the whole position closes) and realizes the difference.
            BigDecimal closed = signed.abs().min(before.abs());
            BigDecimal closedCost = closed.compareTo(before.abs()) == 0 ? h.cost
                    : h.cost.multiply(closed).divide(before.abs(), AVERAGE_PRICE_SCALE, RoundingMode.HALF_EVEN);
            BigDecimal pnl = closed.multiply(fill.price()).subtract(closedCost);
            h.realizedPnl = h.realizedPnl.add(before.signum() > 0 ? pnl : pnl.negate());
            h.cost = h.cost.subtract(closedCost);
            if (after.signum() != 0 && after.signum() != before.signum()) {
                h.cost = after.abs().multiply(fill.price());
            }
        }
        h.quantity = after;
        if (after.signum() == 0) {
            h.cost = BigDecimal.ZERO;
        }
    }

    /** Positions that are not flat, by symbol; market price is the last bar's close, else the entry price. */
    List<Position> positions() {
        List<Position> out = new ArrayList<>();
        for (Map.Entry<String, Holding> e : holdings.entrySet()) {
            Holding h = e.getValue();
            if (h.quantity.signum() != 0) {
                BigDecimal average = divide(h.cost, h.quantity.abs());
                double[] last = lastPrices.get(e.getKey());
                BigDecimal mark = last == null ? average : Decimals.of(last[0]);
                out.add(new Position(e.getKey(), h.quantity, average, mark, h.realizedPnl));
            }
        }
        return out;
    }

    /** {@code a / b} exactly when the quotient terminates, else to {@link #AVERAGE_PRICE_SCALE} places. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        try {
            return a.divide(b);
        } catch (ArithmeticException nonTerminating) {
            return a.divide(b, AVERAGE_PRICE_SCALE, RoundingMode.HALF_EVEN);
        }
    }

    private static final class Holding {
        BigDecimal quantity = BigDecimal.ZERO;
        /** What the open quantity cost, unsigned; its average entry price is cost / |quantity|. */
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal realizedPnl = BigDecimal.ZERO;
    }
}
