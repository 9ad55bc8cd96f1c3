package io.tradingsdk.postgres;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import java.math.BigDecimal;
import java.time.Instant;

/** Records for tests: realistic shapes, deterministic keys. */
final class JournalFixtures {
    static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");

    private JournalFixtures() {
    }

    static OrderIntent intent(String coid, String strategy, String symbol, OrderSide side, String qty, String price) {
        OrderRequest r = OrderRequest.limit(coid, symbol, side, new BigDecimal(qty), new BigDecimal(price), TimeInForce.DAY);
        return new OrderIntent(r, "sig-" + coid, strategy, new BigDecimal(price), 0.02, T0);
    }

    static Fill fill(String fillId, String coid, String symbol, OrderSide side, String qty, String price, String fee,
                     Instant time) {
        return new Fill(fillId, coid, symbol, side, new BigDecimal(qty), new BigDecimal(price), new BigDecimal(fee), time);
    }

    static OrderEvent event(String coid, OrderEventType type, String filled, Fill fill, Instant time) {
        BigDecimal q = new BigDecimal(filled);
        return new OrderEvent(type, coid, "b-" + coid, "AAPL", OrderSide.BUY, q,
                q.signum() == 0 ? null : new BigDecimal("187.25"), fill, time, null);
    }

    static Signal signal(String id, String strategy, Instant time) {
        return Signal.of(id, strategy, "AAPL", SignalAction.BUY, 0.6, 0.04, -0.02, new BigDecimal("187.20"), time);
    }

    static DecisionRecord denial(String signalId, String strategy, DenialReason reason, Instant time) {
        return new DecisionRecord(signalId, strategy, "AAPL", false, reason, reason + " for " + signalId, null, time);
    }

    /**
     * The i-th of a stream of mixed records, as the engine writes them: fills, order events,
     * signals and decisions in turn, each with its own natural key.
     */
    static Object mixed(String prefix, int i) {
        Instant t = T0.plusMillis(i);
        String coid = prefix + "-o" + (i / 4 % 250);
        switch (i % 4) {
            case 0:
                return fill(prefix + "-f" + i, coid, "AAPL", OrderSide.BUY, "1", "187.25", "0.01", t);
            case 1:
                return new OrderEvent(OrderEventType.PARTIAL_FILL, coid, "b-" + coid, "AAPL", OrderSide.BUY,
                        BigDecimal.valueOf(i), new BigDecimal("187.25"), null, t, null);
            case 2:
                return signal(prefix + "-s" + i, "strategy-a", t);
            default:
                return new DecisionRecord(prefix + "-s" + i, "strategy-a", "AAPL", true, null, null, BigDecimal.TEN, t);
        }
    }

    static void record(PostgresTradeJournal journal, Object o) {
        if (o instanceof Fill f) {
            journal.recordFill(f);
        } else if (o instanceof OrderEvent e) {
            journal.recordOrderEvent(e);
        } else if (o instanceof Signal s) {
            journal.recordSignal(s);
        } else {
            journal.recordDecision((DecisionRecord) o);
        }
    }
}
