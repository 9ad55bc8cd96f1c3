/**
 * Technology compatibility kits: abstract JUnit 5 test classes that every implementation of an SPI
 * extends in its own tests, so all implementations keep the same contract.
 * {@link io.tradingsdk.tck.ExecutorCompatibilityKit} for executors,
 * {@link io.tradingsdk.tck.TradeJournalCompatibilityKit} for journals,
 * {@link io.tradingsdk.tck.MarketDataSourceCompatibilityKit} for market data sources.
 * Add this module with test scope.
 */
package io.tradingsdk.tck;
