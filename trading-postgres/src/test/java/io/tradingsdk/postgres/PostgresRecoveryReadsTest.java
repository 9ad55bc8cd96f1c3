package io.tradingsdk.postgres;

import static io.tradingsdk.postgres.JournalFixtures.T0;
import static io.tradingsdk.postgres.JournalFixtures.event;
import static io.tradingsdk.postgres.JournalFixtures.fill;
import static io.tradingsdk.postgres.JournalFixtures.intent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.journal.JournaledOrder;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.postgres.testing.TcpProxy;
import io.tradingsdk.postgres.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What recovery reads from the PostgreSQL journal after a restart: the records a previous run could
 * not write (they wait in the spill file) are part of the answer, never missing from it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresRecoveryReadsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path spill;

    @Test
    @DisplayName("after a restart, unfinishedOrders and the other recovery reads include the fills a previous run left in the spill file")
    void spilledFillsAreInTheRecoveryReads() throws Exception {
        String schema = "rr_spill";
        try (TcpProxy proxy = new TcpProxy(db.port())) {
            PostgresJournalConfig config = db.journalConfig(db.jdbcUrlVia(proxy.port()), spill).schema(schema)
                    .connectTimeout(Duration.ofSeconds(1)).closeTimeout(Duration.ofSeconds(1))
                    .backlogWait(Duration.ofSeconds(8)).build();
            PostgresTradeJournal first = PostgresTradeJournal.open(config);
            for (String id : List.of("r-open", "r-done", "r-new")) {
                first.recordIntent(intent(id, "strategy-a", "AAPL", OrderSide.BUY, "10", "187.25")).get(10, TimeUnit.SECONDS);
            }
            first.flush().get(30, TimeUnit.SECONDS);

            // PostgreSQL goes away; the order's events and fills only reach the buffer, then the spill file at close.
            proxy.refuse();
            Fill open1 = fill("r-open-f1", "r-open", "AAPL", OrderSide.BUY, "4", "187.25", "0.01", T0.plusSeconds(1));
            Fill done1 = fill("r-done-f1", "r-done", "AAPL", OrderSide.BUY, "10", "187.30", "0.01", T0.plusSeconds(2));
            Fill open2 = fill("r-open-f2", "r-open", "AAPL", OrderSide.BUY, "2", "187.40", "0.01", T0.plusSeconds(3));
            first.recordOrderEvent(event("r-open", OrderEventType.NEW, "0", null, T0));
            first.recordFill(open1);
            first.recordOrderEvent(event("r-open", OrderEventType.PARTIAL_FILL, "4", open1, T0.plusSeconds(1)));
            first.recordFill(done1);
            first.recordOrderEvent(event("r-done", OrderEventType.FILL, "10", done1, T0.plusSeconds(2)));
            first.recordFill(open2);
            first.recordOrderEvent(event("r-open", OrderEventType.PARTIAL_FILL, "6", open2, T0.plusSeconds(3)));
            ReconciliationRecord rec = new ReconciliationRecord("acct-1", "on-demand", T0.plusSeconds(4),
                    List.of("AAPL: the broker holds 16, the journal's fills explain 16"), "broker vs journal vs ledger");
            first.recordReconciliation(rec);
            first.close();
            assertThat(Files.exists(first.spillFile())).as("the unwritten records wait in the spill file").isTrue();
            assertThat(db.count("SELECT count(*) FROM " + schema + ".fills"))
                    .as("the database holds none of the fills: a read that did not wait would miss them").isZero();

            try (PostgresTradeJournal second = PostgresTradeJournal.open(config.toBuilder().migrate(false).build())) {
                // Control: while the spill file cannot be written, recovery gets a typed failure, not an answer without it.
                assertThatThrownBy(second::unfinishedOrders).isInstanceOf(JournalUnavailableException.class)
                        .hasMessageContaining("unfinished orders").hasMessageContaining("not written within");

                proxy.restore();
                // No flush() here: the recovery reads wait for the backlog themselves.
                List<JournaledOrder> unfinished = second.unfinishedOrders();
                assertThat(unfinished).extracting(JournaledOrder::clientOrderId)
                        .as("the partially filled and the never-sent order, oldest first; the filled one is finished")
                        .containsExactly("r-open", "r-new");
                JournaledOrder open = unfinished.get(0);
                assertThat(open.lastStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
                assertThat(open.filledQuantity()).isEqualByComparingTo("6");
                assertThat(open.filledNotional()).isEqualByComparingTo("1123.80"); // 4 x 187.25 + 2 x 187.40
                assertThat(open.brokerOrderId()).isEqualTo("b-r-open");
                assertThat(unfinished.get(1).lastStatus()).isEqualTo(OrderStatus.CREATED);
                assertThat(unfinished.get(1).filledQuantity()).isEqualByComparingTo("0");

                assertThat(second.journaledOrder("r-done")).get().extracting(JournaledOrder::lastStatus)
                        .isEqualTo(OrderStatus.FILLED);
                assertThat(second.fills("r-open")).extracting(Fill::fillId).containsExactly("r-open-f1", "r-open-f2");
                assertThat(second.fillsSince(T0.plusSeconds(2))).extracting(Fill::fillId)
                        .containsExactly("r-done-f1", "r-open-f2");
                assertThat(second.reconciliations()).containsExactly(rec);
                assertThat(db.count("SELECT count(*) FROM " + schema + ".fills")).as("each fill written once").isEqualTo(3);

                // What this process records is read back at once too, without a flush.
                Fill open3 = fill("r-open-f3", "r-open", "AAPL", OrderSide.BUY, "4", "187.50", "0.01", T0.plusSeconds(5));
                second.recordFill(open3);
                second.recordOrderEvent(event("r-open", OrderEventType.FILL, "10", open3, T0.plusSeconds(5)));
                JournaledOrder filled = second.journaledOrder("r-open").orElseThrow();
                assertThat(filled.lastStatus()).isEqualTo(OrderStatus.FILLED);
                assertThat(filled.filledQuantity()).isEqualByComparingTo(new BigDecimal("10"));
                assertThat(second.unfinishedOrders()).extracting(JournaledOrder::clientOrderId).containsExactly("r-new");
            }
        }
    }

    @Test
    @DisplayName("unfinishedOrders goes by the last journaled event: a late event after a terminal one reopens the order for recovery to check")
    void lateEventAfterTerminalIsUnfinished() throws Exception {
        try (PostgresTradeJournal journal = PostgresTradeJournal.open(db.journalConfig(spill).schema("rr_late").build())) {
            journal.recordIntent(intent("late", "strategy-a", "AAPL", OrderSide.BUY, "10", "187.25")).get(10, TimeUnit.SECONDS);
            journal.recordIntent(intent("kept", "strategy-a", "AAPL", OrderSide.BUY, "10", "187.25")).get(10, TimeUnit.SECONDS);
            journal.recordOrderEvent(event("late", OrderEventType.FILL, "10", null, T0.plusSeconds(2)));
            journal.recordOrderEvent(event("kept", OrderEventType.CANCELED, "0", null, T0.plusSeconds(2)));
            journal.flush().get(10, TimeUnit.SECONDS);
            // In a later batch: a late NEW for one order, a refused cancel (no status) for the other.
            journal.recordOrderEvent(event("late", OrderEventType.NEW, "0", null, T0));
            journal.recordOrderEvent(event("kept", OrderEventType.ORDER_CANCEL_REJECTED, "0", null, T0.plusSeconds(3)));
            journal.flush().get(10, TimeUnit.SECONDS);

            assertThat(db.count("SELECT count(*) FROM rr_late.orders WHERE terminal")).as("the summary keeps both terminal")
                    .isEqualTo(2);
            List<JournaledOrder> unfinished = journal.unfinishedOrders();
            assertThat(unfinished).extracting(JournaledOrder::clientOrderId).containsExactly("late");
            assertThat(unfinished.get(0).lastStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(unfinished.get(0).filledQuantity()).isEqualByComparingTo("0");
            assertThat(journal.journaledOrder("kept")).get().extracting(JournaledOrder::lastStatus)
                    .isEqualTo(OrderStatus.CANCELED);
        }
    }
}
