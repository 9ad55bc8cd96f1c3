package io.tradingsdk.sandbox.internal.broker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/** Cash and positions of the account, changed only by fills; guarded by the broker's lock. */
final class Ledger {
    private static final int PRICE_SCALE = 9;

    private BigDecimal cash;
    /** symbol (order form) -> {signed quantity, average entry price}. */
    private final Map<String, BigDecimal[]> positions = new TreeMap<>();

    Ledger(BigDecimal initialCash) {
        this.cash = initialCash;
    }

    BigDecimal cash() {
        return cash;
    }

    BigDecimal quantity(String symbol) {
        BigDecimal[] p = positions.get(symbol);
        return p == null ? BigDecimal.ZERO : p[0];
    }

    BigDecimal averageEntry(String symbol) {
        BigDecimal[] p = positions.get(symbol);
        return p == null ? BigDecimal.ZERO : p[1];
    }

    Map<String, BigDecimal[]> positions() {
        return positions;
    }

    /** Applies a fill: cash moves by quantity times price; the position and its average entry follow. */
    void apply(String symbol, boolean buy, BigDecimal qty, BigDecimal price) {
        BigDecimal signed = buy ? qty : qty.negate();
        BigDecimal[] p = positions.computeIfAbsent(symbol, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal newQty = p[0].add(signed);
        if (p[0].signum() == 0 || p[0].signum() == signed.signum()) {
            BigDecimal cost = p[0].abs().multiply(p[1]).add(qty.multiply(price));
            p[1] = cost.divide(newQty.abs(), PRICE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        } else if (newQty.signum() != 0 && newQty.signum() != p[0].signum()) {
            p[1] = price; // crossed through flat: the rest opened at this price
        }
        p[0] = newQty;
        if (newQty.signum() == 0) {
            positions.remove(symbol);
        }
        BigDecimal amount = qty.multiply(price);
        cash = buy ? cash.subtract(amount) : cash.add(amount);
    }
}
