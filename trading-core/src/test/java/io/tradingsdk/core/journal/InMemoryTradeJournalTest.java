package io.tradingsdk.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the in-memory journal does beyond the common contract. */
class InMemoryTradeJournalTest {

    private static OrderIntent intent(String id) {
        return new OrderIntent(OrderRequest.market(id, "AAPL", OrderSide.BUY, BigDecimal.TEN, TimeInForce.DAY), "sig-" + id,
                "strategy-a", new BigDecimal("100"), 0.02, Instant.parse("2024-03-04T14:30:00Z"));
    }

    @Test
    @DisplayName("after close, an intent is refused (so the engine does not send it), records are dropped and reads still work")
    void closedJournalRefusesIntentsAndKeepsHistory() {
        InMemoryTradeJournal journal = new InMemoryTradeJournal();
        journal.recordIntent(intent("before")).join();
        journal.close();
        journal.close();

        CompletableFuture<Void> refused = journal.recordIntent(intent("after"));
        assertThat(refused).isCompletedExceptionally();
        journal.recordSignal(Signal.of("s1", "strategy-a", "AAPL", SignalAction.BUY, 0.6, 0.04, -0.02,
                new BigDecimal("100"), Instant.parse("2024-03-04T14:30:00Z")));

        assertThat(journal.intents()).extracting(OrderIntent::clientOrderId).containsExactly("before");
        assertThat(journal.signals()).isEmpty();
        assertThat(journal.findIntent("after")).isEmpty();
    }

    @Test
    @DisplayName("records are indexed when read: a repeat recorded after a query still loses to the first record of its key")
    void repeatsAcrossQueriesKeepTheFirstRecord() {
        InMemoryTradeJournal journal = new InMemoryTradeJournal();
        Instant t = Instant.parse("2024-03-04T14:30:00Z");
        Signal first = Signal.of("s1", "strategy-a", "AAPL", SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal("100"), t);
        OrderIntent intent = intent("a");
        Fill fill = new Fill("f1", "a", "AAPL", OrderSide.BUY, BigDecimal.ONE, new BigDecimal("100"), BigDecimal.ZERO, t);
        OrderEvent accepted = new OrderEvent(OrderEventType.NEW, "a", "b-1", "AAPL", OrderSide.BUY, BigDecimal.ZERO, null, null, t,
                null);
        journal.recordSignal(first);
        journal.recordIntent(intent);
        journal.recordOrderEvent(accepted);
        journal.recordFill(fill);
        assertThat(journal.signals()).containsExactly(first);
        assertThat(journal.intents()).containsExactly(intent);
        assertThat(journal.orderEvents("a")).containsExactly(accepted);
        assertThat(journal.fills()).containsExactly(fill);

        // Same keys again, different content, after the first records were indexed by the reads above.
        journal.recordSignal(Signal.of("s1", "strategy-a", "AAPL", SignalAction.SELL, 0.6, 0.04, -0.02,
                new BigDecimal("101"), t.plusSeconds(1)));
        OrderIntent other = new OrderIntent(OrderRequest.market("a", "MSFT", OrderSide.SELL, BigDecimal.ONE, TimeInForce.DAY),
                "sig-x", "strategy-b", new BigDecimal("5"), 0.01, t);
        journal.recordIntent(other);
        journal.recordOrderEvent(new OrderEvent(OrderEventType.NEW, "a", "b-2", "AAPL", OrderSide.BUY, BigDecimal.ZERO, null, null,
                t.plusSeconds(9), "again"));
        journal.recordFill(new Fill("f1", "a", "AAPL", OrderSide.BUY, BigDecimal.TEN, new BigDecimal("99"), BigDecimal.ZERO, t));
        OrderIntent next = intent("b");
        journal.recordIntent(next);

        assertThat(journal.signals()).containsExactly(first);
        assertThat(journal.intents()).containsExactly(intent, next);
        assertThat(journal.findIntent("a")).contains(intent);
        assertThat(journal.orderEvents("a")).containsExactly(accepted);
        assertThat(journal.fills()).containsExactly(fill);
    }

    @Test
    @DisplayName("query results are copies: later records do not change a list already returned")
    void queriesReturnCopies() {
        InMemoryTradeJournal journal = new InMemoryTradeJournal();
        journal.recordIntent(intent("a"));
        var first = journal.intents();
        journal.recordIntent(intent("b"));
        assertThat(first).hasSize(1);
        assertThat(journal.intents()).hasSize(2);
    }
}
