package io.tradingsdk.api.signal;

import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.risk.DenialReason;
import java.util.Objects;

/**
 * What became of a signal handed to the engine: denied with a reason, or sent to the executor as
 * an order. Later order events (acceptance, fills, cancels) follow through the engine's listeners,
 * as for any order.
 */
public sealed interface SignalOutcome permits SignalOutcome.Denied, SignalOutcome.Submitted {

    /** The signal's id. */
    String signalId();

    /** Denied by validation, sizing or a risk rule; nothing was sent and the portfolio is unchanged. */
    record Denied(String signalId, DenialReason reason, String message) implements SignalOutcome {
        public Denied {
            Objects.requireNonNull(signalId, "signalId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Journaled and handed to the executor. The broker's answer arrives later as order events.
     *
     * @param order the request sent, with its deterministic client order id
     */
    record Submitted(String signalId, OrderRequest order) implements SignalOutcome {
        public Submitted {
            Objects.requireNonNull(signalId, "signalId");
            Objects.requireNonNull(order, "order");
        }

        public String clientOrderId() {
            return order.clientOrderId();
        }
    }
}
