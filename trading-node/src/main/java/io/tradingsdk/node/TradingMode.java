package io.tradingsdk.node;

/**
 * What a node trades: {@link #PAPER} (no real money: the paper executor, or Alpaca's paper account)
 * or {@link #LIVE} (real orders with real money). A node is paper unless the trading configuration
 * says {@code account.mode: live} and the node file says {@code confirmLive: true}.
 */
public enum TradingMode {
    PAPER,
    LIVE
}
