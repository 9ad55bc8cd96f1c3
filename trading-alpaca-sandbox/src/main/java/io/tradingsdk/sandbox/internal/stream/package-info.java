/** The trade_updates and market data websocket sessions and the hubs that fan events out to them. Not API. */
package io.tradingsdk.sandbox.internal.stream;
