package io.tradingsdk.core.ledger;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderSide;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which strategy holds how much of each symbol: the signed quantities its orders' fills add up to.
 * At a restart it is rebuilt from the journal's fills (each fill belongs to the strategy of its
 * order's intent); quantity the broker holds that no strategy's fills explain is not given to any
 * strategy: it is {@linkplain #unattributed(PortfolioLedger) unattributed}.
 *
 * <p><b>Thread:</b> the engine's event loop only; {@link #snapshot()} copies for other threads.
 */
public final class StrategyAttribution {
    private final Map<String, Map<String, BigDecimal>> byStrategy = new TreeMap<>();

    /** Replaces everything with the given quantities (recovery). */
    public void restore(Map<String, Map<String, BigDecimal>> positionsByStrategy) {
        byStrategy.clear();
        positionsByStrategy.forEach((strategy, bySymbol) -> {
            Map<String, BigDecimal> m = new TreeMap<>();
            bySymbol.forEach((symbol, qty) -> {
                if (qty.signum() != 0) {
                    m.put(symbol, qty);
                }
            });
            if (!m.isEmpty()) {
                byStrategy.put(strategy, m);
            }
        });
    }

    /** Adds a fill of an order of {@code strategyId}. */
    public void apply(String strategyId, Fill fill) {
        Objects.requireNonNull(strategyId, "strategyId");
        BigDecimal signed = fill.side() == OrderSide.BUY ? fill.quantity() : fill.quantity().negate();
        Map<String, BigDecimal> m = byStrategy.computeIfAbsent(strategyId, k -> new TreeMap<>());
        BigDecimal q = m.getOrDefault(fill.symbol(), BigDecimal.ZERO).add(signed);
        if (q.signum() == 0) {
            m.remove(fill.symbol());
        } else {
            m.put(fill.symbol(), q);
        }
    }

    /** The signed quantity of a symbol attributed to a strategy; zero if none. */
    public BigDecimal quantity(String strategyId, String symbol) {
        Map<String, BigDecimal> m = byStrategy.get(strategyId);
        return m == null ? BigDecimal.ZERO : m.getOrDefault(symbol, BigDecimal.ZERO);
    }

    /** Per symbol, the ledger's position minus what the strategies hold; only non-zero entries. */
    public Map<String, BigDecimal> unattributed(PortfolioLedger ledger) {
        Map<String, BigDecimal> total = new TreeMap<>();
        for (Map<String, BigDecimal> m : byStrategy.values()) {
            m.forEach((s, q) -> total.merge(s, q, BigDecimal::add));
        }
        for (String s : ledger.positions().keySet()) {
            total.putIfAbsent(s, BigDecimal.ZERO);
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        total.forEach((s, attributed) -> {
            BigDecimal rest = ledger.quantity(s).subtract(attributed);
            if (rest.signum() != 0) {
                out.put(s, rest);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** A copy: strategy id to symbol to signed quantity, zero entries left out. */
    public Map<String, Map<String, BigDecimal>> snapshot() {
        Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
        byStrategy.forEach((s, m) -> {
            if (!m.isEmpty()) {
                out.put(s, Collections.unmodifiableMap(new TreeMap<>(m)));
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
