/** The sandbox's broker: Alpaca's order rules, orders meeting replayed bars, the ledger and FILL activities. Not API. */
package io.tradingsdk.sandbox.internal.broker;
