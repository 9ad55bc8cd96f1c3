/**
 * The trading node: paper or live trading of one account as one object a host starts and stops
 * ({@link io.tradingsdk.node.TradingNode}), its node file ({@link io.tradingsdk.node.NodeConfig}),
 * strategy warm-up from history ({@link io.tradingsdk.node.WarmUp}), session callbacks
 * ({@link io.tradingsdk.node.SessionScheduler}) and a main ({@link io.tradingsdk.node.NodeMain}).
 */
package io.tradingsdk.node;
