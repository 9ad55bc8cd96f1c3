package io.tradingsdk.alpaca.internal;

import io.tradingsdk.alpaca.AlpacaOrderOptions;
import io.tradingsdk.api.order.OrderRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the executor knows about one of its orders (by client order id). Fields are written by the
 * I/O, stream and events threads; phase changes are atomic.
 */
public final class Tracked {

    /** Where the order stands from the executor's point of view. */
    public enum Phase {
        /** The POST is on its way; no answer yet. */
        SENDING,
        /** The send may or may not have reached Alpaca; being resolved by lookups and the stream. */
        AMBIGUOUS,
        /** Alpaca has it. */
        AT_BROKER,
        /** Alpaca refused it definitively (4xx). */
        REFUSED,
        /** Alpaca never got it (not sent, or lookups proved it absent); a re-submit may send it again. */
        NOT_RECEIVED
    }

    private final OrderRequest request;
    private final AlpacaOrderOptions options;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.SENDING);
    private final CompletableFuture<Optional<BrokerOrder>> resolution = new CompletableFuture<>();
    private final Instant createdAt = Instant.now();
    private volatile long sentNanos = System.nanoTime();
    private volatile String brokerOrderId;
    private volatile Instant brokerSubmittedAt;
    private volatile long lastEventNanos = System.nanoTime();
    private volatile boolean terminal;
    private volatile long terminalNanos;
    private volatile String ambiguity;
    private volatile boolean unknownReported;
    private int notFoundLookups; // resolver only (one step at a time)

    public Tracked(OrderRequest request, AlpacaOrderOptions options) {
        this.request = request;
        this.options = options;
    }

    /** An open order Alpaca reported (snapshot, lookup), watched like the executor's own: at the broker, resolved. */
    public static Tracked watching(BrokerOrder o) {
        Tracked t = new Tracked(o.toOrder().request(), AlpacaOrderOptions.SIMPLE);
        t.toAtBroker(o);
        t.resolution.complete(Optional.of(o));
        return t;
    }

    public String id() {
        return request.clientOrderId();
    }

    public OrderRequest request() {
        return request;
    }

    public AlpacaOrderOptions options() {
        return options;
    }

    public Phase phase() {
        return phase.get();
    }

    public boolean isPending() {
        Phase p = phase.get();
        return p == Phase.SENDING || p == Phase.AMBIGUOUS;
    }

    /** Completes with the order when its outcome is known (empty when Alpaca does not have it). */
    public CompletableFuture<Optional<BrokerOrder>> resolution() {
        return resolution;
    }

    public void markSent() {
        sentNanos = System.nanoTime();
    }

    public long sentNanos() {
        return sentNanos;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** SENDING to AMBIGUOUS; false if the outcome is already known. */
    public boolean toAmbiguous(String why) {
        ambiguity = why;
        return phase.compareAndSet(Phase.SENDING, Phase.AMBIGUOUS);
    }

    /** Any phase to AT_BROKER (Alpaca showed the order); returns the phase it left, or null if it was already there. */
    public Phase toAtBroker(BrokerOrder o) {
        brokerOrderId = o.id();
        if (o.submittedAt() != null) {
            brokerSubmittedAt = o.submittedAt();
        }
        while (true) {
            Phase p = phase.get();
            if (p == Phase.AT_BROKER) {
                return null;
            }
            if (phase.compareAndSet(p, Phase.AT_BROKER)) {
                return p;
            }
        }
    }

    /** SENDING or AMBIGUOUS to {@code to} (REFUSED or NOT_RECEIVED); false if something else got there first. */
    public boolean toFinal(Phase to) {
        while (true) {
            Phase p = phase.get();
            if (p != Phase.SENDING && p != Phase.AMBIGUOUS) {
                return false;
            }
            if (phase.compareAndSet(p, to)) {
                return true;
            }
        }
    }

    public String brokerOrderId() {
        return brokerOrderId;
    }

    public Instant brokerSubmittedAt() {
        return brokerSubmittedAt;
    }

    public String ambiguity() {
        return ambiguity;
    }

    public void touch() {
        lastEventNanos = System.nanoTime();
    }

    public long lastEventNanos() {
        return lastEventNanos;
    }

    public boolean terminal() {
        return terminal;
    }

    public void markTerminal() {
        if (!terminal) {
            terminalNanos = System.nanoTime();
            terminal = true;
        }
    }

    public long terminalNanos() {
        return terminalNanos;
    }

    public boolean unknownReported() {
        return unknownReported;
    }

    public void unknownReported(boolean v) {
        unknownReported = v;
    }

    public int incrementNotFound() {
        return ++notFoundLookups;
    }

    public int notFoundLookups() {
        return notFoundLookups;
    }
}
