package io.tradingsdk.alpaca;

/**
 * The state of one market data stream endpoint, for health checks and tests.
 *
 * @param stream         the endpoint, e.g. {@code v2/iex}
 * @param state          IDLE, CONNECTING (also while waiting to reconnect), READY, FAILED (a refusal
 *                       ended it; nothing is retried until the next subscribe) or CLOSED
 * @param reconnects     reconnects so far (drops, silence, failed backfills)
 * @param backfilledBars minute bars fetched over REST to fill gaps and complete first aggregated bars
 */
public record AlpacaStreamStatus(String stream, String state, long reconnects, long backfilledBars) {
}
