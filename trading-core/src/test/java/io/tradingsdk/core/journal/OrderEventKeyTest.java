package io.tradingsdk.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journals de-duplicate events in memory with hasSameKey: it must agree with eventKey() exactly. */
class OrderEventKeyTest {

    private static final Instant T = Instant.parse("2024-03-04T15:00:00Z");

    @Test
    void hasSameKeyAgreesWithEventKeyOnEveryPair() {
        List<OrderEvent> events = new ArrayList<>();
        for (String coid : List.of("o-1", "o-2")) {
            for (OrderEventType type : List.of(OrderEventType.NEW, OrderEventType.PARTIAL_FILL, OrderEventType.FILL)) {
                for (String qty : List.of("0", "5", "5.00", "10")) {
                    BigDecimal q = new BigDecimal(qty);
                    events.add(new OrderEvent(type, coid, "b", "AAPL", OrderSide.BUY, q, null, null, T, null));
                    if (q.signum() > 0) {
                        for (String fillId : List.of("f-1", "f-2")) {
                            Fill f = new Fill(fillId, coid, "AAPL", OrderSide.BUY, q, new BigDecimal("100"), BigDecimal.ZERO, T);
                            events.add(new OrderEvent(type, coid, "b", "AAPL", OrderSide.BUY, q, new BigDecimal("100"), f, T,
                                    null));
                        }
                    }
                }
            }
        }
        int same = 0;
        for (OrderEvent a : events) {
            for (OrderEvent b : events) {
                boolean byKey = a.eventKey().equals(b.eventKey());
                assertThat(a.hasSameKey(b)).as("%s vs %s", a.eventKey(), b.eventKey()).isEqualTo(byKey);
                same += byKey ? 1 : 0;
            }
        }
        assertThat(same).isGreaterThan(events.size()); // "5" and "5.00" share keys, so some distinct pairs match
    }
}
