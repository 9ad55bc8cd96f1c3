/**
 * Built-in trade journals: {@link io.tradingsdk.core.journal.InMemoryTradeJournal}, the default,
 * and its provider {@code memory}.
 */
package io.tradingsdk.core.journal;
