package io.tradingsdk.postgres;

import io.tradingsdk.api.order.Fill;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the journal knows at a restart, read before the engine reconciles with the broker (the
 * broker stays the truth for cash and positions; this is what the engine compares it with and what
 * it cannot get from the broker: the intents behind open orders and the day's P&amp;L baseline).
 *
 * @param tradingDay     the day asked for
 * @param dayStartEquity the equity recorded at the start of {@code tradingDay}, if one was
 * @param openOrders     orders without a terminal status, oldest intent first
 * @param fills          every fill, in the order recorded, to rebuild positions and realized P&amp;L
 * @param netQuantities  signed net quantity per symbol from those fills (buys minus sells), by symbol
 */
public record RecoveryState(LocalDate tradingDay, Optional<BigDecimal> dayStartEquity, List<RecoveredOrder> openOrders,
                            List<Fill> fills, Map<String, BigDecimal> netQuantities) {
    public RecoveryState {
        Objects.requireNonNull(tradingDay, "tradingDay");
        Objects.requireNonNull(dayStartEquity, "dayStartEquity");
        openOrders = List.copyOf(openOrders);
        fills = List.copyOf(fills);
        netQuantities = Collections.unmodifiableMap(new LinkedHashMap<>(netQuantities));
    }
}
