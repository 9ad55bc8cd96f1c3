package io.tradingsdk.sandbox.internal.broker;

import java.time.Instant;

/**
 * An event of the trade_updates stream: the event name Alpaca uses ({@code new}, {@code fill},
 * {@code partial_fill}, {@code canceled}, {@code expired}, {@code replaced}, {@code pending_cancel},
 * {@code rejected}), a copy of the order after the event, and the execution for fills.
 */
public record TradeUpdate(String event, Instant at, OrderView order, Execution execution) {
}
