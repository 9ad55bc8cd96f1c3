package io.tradingsdk.core.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PaperExecutorRetentionTest {

    @Test
    @DisplayName("a long session keeps a bounded number of finished orders; a retired id is still never reused")
    void finishedOrdersAreRetiredButIdsStayRefused() throws Exception {
        Instant t = Instant.parse("2024-01-02T15:00:00Z");
        SimulatedClock clock = new SimulatedClock(t);
        PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults(), clock, 2);
        List<OrderEvent> events = new ArrayList<>();
        paper.subscribe(events::add);
        for (int i = 1; i <= 3; i++) {
            paper.submit(OrderRequest.market("o-" + i, "AAPL", OrderSide.BUY, BigDecimal.ONE, TimeInForce.GTC));
            t = t.plusSeconds(60);
            clock.advanceTo(t);
            paper.onBar(new Bar("AAPL", t, Timeframe.MINUTE_1, 100, 100, 100, 100, 1000));
        }
        assertThat(events).filteredOn(e -> e.type() == OrderEventType.FILL).hasSize(3);

        assertThat(paper.lookup("o-1").get()).isEmpty();
        assertThat(paper.lookup("o-3").get()).isPresent();

        paper.submit(OrderRequest.market("o-1", "AAPL", OrderSide.BUY, BigDecimal.ONE, TimeInForce.GTC));
        OrderEvent last = events.get(events.size() - 1);
        assertThat(last.type()).isEqualTo(OrderEventType.REJECTED);
        assertThat(last.reason()).contains("no longer retained");
        assertThat(paper.snapshot().get().positions()).singleElement()
                .satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("3"));
    }
}
