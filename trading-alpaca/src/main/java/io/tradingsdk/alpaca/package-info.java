/**
 * The Alpaca adapter: {@link io.tradingsdk.alpaca.AlpacaExecutor} (orders, order events, account
 * snapshots), {@link io.tradingsdk.alpaca.AlpacaMarketDataSource} (historical bars) and
 * {@link io.tradingsdk.alpaca.AlpacaTradingClock} (market hours), sharing one
 * {@link io.tradingsdk.alpaca.AlpacaConnection} built from an {@link io.tradingsdk.alpaca.AlpacaConfig}.
 * Providers {@code alpaca} (executor and market data source) are registered for ServiceLoader.
 *
 * <p>Built on alpaca-java 9.2.0 with the adapter's own OkHttpClient. Where alpaca-java cannot send a
 * correct request (order submit and replace, bars, order paging) or read what is needed (per-fill
 * quantities and execution ids of the trade stream), the adapter does it itself on the same client.
 *
 * <p>Rules kept here: paper unless live is named; secrets never in logs, {@code toString} or
 * exception messages; money as {@link java.math.BigDecimal} parsed from Alpaca's decimal strings;
 * only a definitive answer from Alpaca decides an order's outcome; OkHttp never re-sends a request
 * by itself; failures are typed {@link io.tradingsdk.alpaca.AlpacaException}s.
 */
package io.tradingsdk.alpaca;
