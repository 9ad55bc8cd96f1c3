package io.tradingsdk.alpaca.internal;

/**
 * Who an Alpaca order is: its ids and its symbol in the SDK's spelling ({@code null} for a
 * multi-leg order, which has none).
 */
public record OrderIdentity(String brokerOrderId, String clientOrderId, String symbol) {
}
