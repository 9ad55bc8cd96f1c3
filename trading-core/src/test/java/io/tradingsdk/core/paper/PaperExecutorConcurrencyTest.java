package io.tradingsdk.core.paper;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.tck.RecordingOrderEventListener;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The paper broker driven from two threads at once: one submitting, one feeding bars. */
class PaperExecutorConcurrencyTest {

    @Test
    @DisplayName("orders submitted while another thread feeds bars each fill exactly once, and their events arrive in order")
    void submitAndBarsFromTwoThreads() throws Exception {
        int orders = 500;
        ManualClock clock = new ManualClock(Instant.parse("2024-03-04T14:30:00Z"));
        PaperExecutor paper = new PaperExecutor(PaperExecutorConfig.defaults(), clock);
        RecordingOrderEventListener events = new RecordingOrderEventListener();
        paper.subscribe(events);
        Instant firstBar = clock.now();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> submitter = threads.submit(() -> {
                go.await();
                for (int i = 0; i < orders; i++) {
                    paper.submit(OrderRequest.market("c-" + i, "AAPL", OrderSide.BUY, BigDecimal.ONE, TimeInForce.GTC));
                }
                return null;
            });
            Future<?> feeder = threads.submit(() -> {
                go.await();
                for (int i = 0; i < orders; i++) {
                    paper.onBar(minuteBar(firstBar.plus(Duration.ofMinutes(i))));
                    clock.set(firstBar.plus(Duration.ofMinutes(i + 1)));
                }
                return null;
            });
            go.countDown();
            submitter.get(60, TimeUnit.SECONDS);
            feeder.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        // One more bar, after every submission, fills whatever the race left open.
        clock.set(firstBar.plus(Duration.ofMinutes(orders + 1)));
        paper.onBar(minuteBar(firstBar.plus(Duration.ofMinutes(orders + 1))));

        for (int i = 0; i < orders; i++) {
            List<OrderEvent> history = events.eventsOf("c-" + i);
            assertThat(history).extracting(OrderEvent::type).as("events of c-%d", i)
                    .containsExactly(OrderEventType.NEW, OrderEventType.FILL);
        }
        assertThat(paper.snapshot().join().positions()).singleElement()
                .satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo(BigDecimal.valueOf(orders)));
        assertThat(paper.snapshot().join().openOrders()).isEmpty();
    }

    private static Bar minuteBar(Instant start) {
        return new Bar("AAPL", start, Timeframe.MINUTE_1, 100, 100, 100, 100, 1_000);
    }
}
