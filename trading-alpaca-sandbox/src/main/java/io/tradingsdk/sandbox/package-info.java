/**
 * A local Alpaca on 127.0.0.1 for nodes and tests without an account: {@link io.tradingsdk.sandbox.SandboxServer}
 * serves Alpaca's Trading API, trade_updates stream, historical bars and market data streams, and fills orders
 * against bars replayed from a {@link io.tradingsdk.api.market.MarketDataSource} at an accelerated pace, as
 * configured by {@link io.tradingsdk.sandbox.SandboxConfig}. {@link io.tradingsdk.sandbox.SandboxMain} runs it
 * standalone. The rules it follows are in docs/sandbox.md. Packages named {@code internal} are not API.
 */
package io.tradingsdk.sandbox;
