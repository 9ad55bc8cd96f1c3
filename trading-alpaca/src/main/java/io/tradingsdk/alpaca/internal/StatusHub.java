package io.tradingsdk.alpaca.internal;

import io.tradingsdk.alpaca.AlpacaCircuitState;
import io.tradingsdk.alpaca.AlpacaEndpointGroup;
import io.tradingsdk.alpaca.AlpacaStatusListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's shared status: whether trading is halted (and why), whether the stream listens,
 * and the host's {@link AlpacaStatusListener}s. Thread-safe.
 */
public final class StatusHub {
    private static final Logger log = LoggerFactory.getLogger(StatusHub.class);

    private final List<AlpacaStatusListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> haltReason = new AtomicReference<>();
    private volatile boolean streamListening;

    public AutoCloseable add(AlpacaStatusListener l) {
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    /** Halts trading for good (first reason wins); tells the listeners once. */
    public void halt(String reason) {
        if (haltReason.compareAndSet(null, reason)) {
            log.error("alpaca: trading halted: {}", reason);
            notifyAll(l -> l.onHalted(reason));
        }
    }

    public Optional<String> haltReason() {
        return Optional.ofNullable(haltReason.get());
    }

    public boolean streamListening() {
        return streamListening;
    }

    public void streamListening(boolean listening) {
        if (streamListening != listening) {
            streamListening = listening;
            notifyAll(l -> l.onStreamStateChange(listening));
        }
    }

    public void circuitChanged(AlpacaEndpointGroup g, AlpacaCircuitState from, AlpacaCircuitState to) {
        log.warn("alpaca: circuit of {} {} -> {}", g, from, to);
        notifyAll(l -> l.onCircuitStateChange(g, from, to));
    }

    private void notifyAll(Consumer<AlpacaStatusListener> call) {
        for (AlpacaStatusListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("alpaca: status listener failed", e);
            }
        }
    }
}
