package io.tradingsdk.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Alpaca trade update event reaches the engine as its OrderEventType, with exact quantities. */
class TradeUpdateMappingTest {
    private FakeAlpaca alpaca;
    private AlpacaExecutor executor;
    private final EventBook book = new EventBook();

    @BeforeEach
    void start() {
        alpaca = new FakeAlpaca();
        alpaca.autoNew(false);
        executor = AlpacaExecutor.open(alpaca.config().build());
        executor.subscribe(book);
        assertThat(executor.awaitStreamListening(Duration.ofSeconds(5))).isTrue();
    }

    @AfterEach
    void stop() {
        executor.close();
        alpaca.close();
    }

    private String placeLimit() {
        String id = "map-" + UUID.randomUUID();
        executor.submit(OrderRequest.limit(id, "AAPL", OrderSide.BUY, BigDecimal.TEN, new BigDecimal("50"), TimeInForce.GTC));
        book.await(id, OrderEventType.ACCEPTED);
        return id;
    }

    @Test
    @DisplayName("all 18 trade update event names map onto their event types")
    void namesMap() {
        String[][] pairs = {{"new", "NEW"}, {"accepted", "ACCEPTED"}, {"pending_new", "PENDING_NEW"},
                {"partial_fill", "PARTIAL_FILL"}, {"fill", "FILL"}, {"canceled", "CANCELED"}, {"expired", "EXPIRED"},
                {"done_for_day", "DONE_FOR_DAY"}, {"replaced", "REPLACED"}, {"rejected", "REJECTED"},
                {"stopped", "STOPPED"}, {"pending_cancel", "PENDING_CANCEL"}, {"pending_replace", "PENDING_REPLACE"},
                {"calculated", "CALCULATED"}, {"suspended", "SUSPENDED"}, {"held", "HELD"},
                {"order_cancel_rejected", "ORDER_CANCEL_REJECTED"}, {"order_replace_rejected", "ORDER_REPLACE_REJECTED"}};
        for (String[] p : pairs) {
            assertThat(AlpacaExecutor.streamEventType(p[0])).as(p[0]).isEqualTo(OrderEventType.valueOf(p[1]));
        }
        assertThat(AlpacaExecutor.streamEventType("trade_bust")).isNull();
    }

    @Test
    @DisplayName("a working order's life on the stream: pending_new, accepted, held, new, pending/refused cancel and replace, partial fills, done_for_day, calculated, fill")
    void workingOrderLifecycle() {
        String id = placeLimit();
        emit(id, "pending_new", "pending_new");
        emit(id, "accepted", "accepted");
        emit(id, "held", "held");
        emit(id, "new", "new");
        emit(id, "pending_cancel", "pending_cancel");
        emit(id, "order_cancel_rejected", "new");
        emit(id, "pending_replace", "pending_replace");
        emit(id, "order_replace_rejected", "new");
        alpaca.emit(id, "partial_fill", "partially_filled", new BigDecimal("2.5"), new BigDecimal("49.5"));
        emit(id, "suspended", "suspended");
        alpaca.emit(id, "partial_fill", "partially_filled", new BigDecimal("4"), new BigDecimal("49.75"));
        emit(id, "done_for_day", "done_for_day");
        emit(id, "calculated", "calculated");
        alpaca.emit(id, "fill", "filled", BigDecimal.TEN, new BigDecimal("49.9"));
        book.await(id, OrderEventType.FILL);

        List<OrderEventType> types = book.events(id).stream().map(OrderEvent::type).toList();
        assertThat(types).containsSubsequence(OrderEventType.PENDING_NEW, OrderEventType.ACCEPTED, OrderEventType.HELD,
                OrderEventType.NEW, OrderEventType.PENDING_CANCEL, OrderEventType.ORDER_CANCEL_REJECTED,
                OrderEventType.PENDING_REPLACE, OrderEventType.ORDER_REPLACE_REJECTED, OrderEventType.PARTIAL_FILL,
                OrderEventType.SUSPENDED, OrderEventType.PARTIAL_FILL, OrderEventType.DONE_FOR_DAY,
                OrderEventType.CALCULATED, OrderEventType.FILL);
        OrderEvent firstPartial = book.events(id).stream().filter(e -> e.type() == OrderEventType.PARTIAL_FILL)
                .findFirst().orElseThrow();
        assertThat(firstPartial.filledQuantity()).isEqualByComparingTo("2.5");
        assertThat(firstPartial.fill()).isNotNull();
        assertThat(firstPartial.fill().quantity()).isEqualByComparingTo("2.5");
        assertThat(firstPartial.fill().price()).isEqualByComparingTo("49.5");
        BigDecimal sum = book.events(id).stream().filter(e -> e.fill() != null).map(e -> e.fill().quantity())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).as("attached executions add up to the order").isEqualByComparingTo(BigDecimal.TEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"canceled, canceled, CANCELED", "expired, expired, EXPIRED", "rejected, rejected, REJECTED",
            "stopped, stopped, STOPPED", "replaced, replaced, REPLACED"})
    @DisplayName("final and special events end or move the order as Alpaca says")
    void otherEvents(String event, String status, OrderEventType expected) {
        String id = placeLimit();
        emit(id, event, status);
        OrderEvent e = book.await(id, expected);
        assertThat(e.filledQuantity()).isZero();
        if (expected == OrderEventType.REJECTED) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    private void emit(String id, String event, String status) {
        alpaca.emit(id, event, status, null, null);
        // One at a time, so the order of events on the wire is the order asserted.
        FakeAlpaca.waitFor(() -> book.events(id).stream().anyMatch(e -> e.time() != null
                && e.type() == AlpacaExecutor.streamEventType(event)), 2000);
    }
}
