package io.tradingsdk.core.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PaperExecutorExecutionsTest {
    private Instant t = Instant.parse("2024-01-02T15:00:00Z");
    private final SimulatedClock clock = new SimulatedClock(t);

    private void bar(PaperExecutor paper) {
        t = t.plusSeconds(60);
        clock.advanceTo(t);
        paper.onBar(new Bar("AAPL", t, Timeframe.MINUTE_1, 100, 100, 100, 100, 1000));
    }

    @Test
    @DisplayName("executionsSince lists the fills as emitted: same fill ids, same cumulative quantities")
    void executionsCarryTheEmittedFillIds() throws Exception {
        PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults().withPartialFillRatio(0.5), clock);
        List<OrderEvent> heard = new ArrayList<>();
        paper.subscribe(heard::add);
        paper.submit(OrderRequest.market("o-1", "AAPL", OrderSide.BUY, new BigDecimal("4"), TimeInForce.GTC));
        bar(paper);
        bar(paper);
        bar(paper);

        List<OrderEvent> emitted = heard.stream().filter(e -> e.fill() != null).toList();
        assertThat(emitted).hasSize(3);
        List<OrderEvent> listed = paper.executionsSince(Instant.EPOCH).get();
        assertThat(listed).containsExactlyElementsOf(emitted);
        assertThat(listed).extracting(e -> e.fill().fillId()).containsExactly("paper-1-1", "paper-1-2", "paper-1-3");
    }

    @Test
    @DisplayName("executions beyond the retention are dropped, and asking for them fails instead of answering part")
    void droppedExecutionsFailTheCall() throws Exception {
        PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults(), clock, 10, 2);
        for (int i = 1; i <= 3; i++) {
            paper.submit(OrderRequest.market("o-" + i, "AAPL", OrderSide.BUY, BigDecimal.ONE, TimeInForce.GTC));
            bar(paper);
        }
        List<OrderEvent> kept = paper.executionsSince(Instant.parse("2024-01-02T15:01:30Z")).get();
        assertThat(kept).extracting(OrderEvent::clientOrderId).containsExactly("o-2", "o-3");
        assertThatThrownBy(() -> paper.executionsSince(Instant.EPOCH).get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer kept");
    }
}
