/**
 * The exact, event-loop-owned portfolio ledger ({@link io.tradingsdk.core.ledger.PortfolioLedger})
 * and its immutable snapshot for other threads ({@link io.tradingsdk.core.ledger.PortfolioSnapshot}).
 */
package io.tradingsdk.core.ledger;
