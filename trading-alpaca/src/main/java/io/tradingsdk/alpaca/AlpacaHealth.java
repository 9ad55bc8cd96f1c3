package io.tradingsdk.alpaca;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A point-in-time view of an Alpaca connection for hosts and metrics. Counters are cumulative
 * since the connection was opened.
 *
 * @param circuits           the circuit breaker state of each endpoint group
 * @param streamListening    whether the trade update stream is connected, authorized and listening
 * @param haltReason         why trading stopped (a 401), or empty while the credentials are accepted
 * @param requests           HTTP requests handed to the network (every attempt, including retries)
 * @param retries            GET retries after an I/O error, 408, 429 or 5xx
 * @param rateLimited        429 answers received
 * @param notSent            requests refused before sending (open circuit, client-side rate limit wait too long)
 * @param orderPosts         order submissions written to the network ({@code POST /v2/orders})
 * @param unknownOutcomes    submissions whose outcome was ambiguous (timeout, reset, 408, 5xx, malformed 200)
 * @param unknownResolved    ambiguous submissions resolved since (found at the broker, or proven absent)
 * @param streamReconnects   reconnections of the trade update stream
 * @param backfills          REST backfills run after a (re)connect, a malformed stream message or a stale order
 */
public record AlpacaHealth(Map<AlpacaEndpointGroup, AlpacaCircuitState> circuits, boolean streamListening,
                           Optional<String> haltReason, long requests, long retries, long rateLimited, long notSent,
                           long orderPosts, long unknownOutcomes, long unknownResolved, long streamReconnects,
                           long backfills) {
    public AlpacaHealth {
        circuits = Map.copyOf(Objects.requireNonNull(circuits, "circuits"));
        Objects.requireNonNull(haltReason, "haltReason");
    }

    /** Whether every circuit is closed, nothing halted trading and (if expected) the stream listens. */
    public boolean healthy(boolean expectStream) {
        return haltReason.isEmpty() && (!expectStream || streamListening)
                && circuits.values().stream().allMatch(s -> s == AlpacaCircuitState.CLOSED || s == AlpacaCircuitState.DISABLED);
    }
}
