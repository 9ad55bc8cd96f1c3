/**
 * Market data from CSV files: {@link io.tradingsdk.core.data.CsvBarSource} (OHLCV rows, or trades
 * aggregated into bars) and its provider {@code csv}
 * ({@link io.tradingsdk.core.data.CsvMarketDataSourceProvider}). For backtests, tests and hosts
 * that keep history in files.
 */
package io.tradingsdk.core.data;
