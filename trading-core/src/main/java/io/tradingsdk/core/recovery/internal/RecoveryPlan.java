package io.tradingsdk.core.recovery.internal;

import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.ForeignOrder;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderIntent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What recovery found off the event loop, for the loop to apply in one step: the broker's account,
 * what to journal, which orders to adopt and which intents were never sent.
 *
 * @param snapshot         the broker's account, read twice and equal both times
 * @param dayStart         the journaled start-of-day equity, or null
 * @param usedIds          every client order id the journal has an intent for
 * @param journalFills     fills to journal, in order, before {@code journalEvents}
 * @param journalEvents    final events of orders that ended while the host was down
 * @param adopt            orders open at the broker to track, with their intents
 * @param finishedWhileDown client order ids of {@code journalEvents}
 * @param neverSent        intents the broker never received
 * @param foreignOrders    open orders at the broker this journal did not place
 * @param positionsByStrategy signed quantity per strategy and symbol that the journal's fills explain
 * @param unattributed     per symbol, broker position minus the journal's net; non-zero only
 * @param differences      lines for people
 */
public record RecoveryPlan(AccountSnapshot snapshot, BigDecimal dayStart, Set<String> usedIds, List<Fill> journalFills,
                           List<OrderEvent> journalEvents, List<Adoption> adopt, List<String> finishedWhileDown,
                           List<OrderIntent> neverSent, List<ForeignOrder> foreignOrders,
                           Map<String, Map<String, BigDecimal>> positionsByStrategy,
                           Map<String, BigDecimal> unattributed, List<String> differences) {

    /** An order open at the broker and the intent it came from. */
    public record Adoption(OrderIntent intent, Order atBroker) {
    }
}
