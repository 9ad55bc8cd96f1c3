/**
 * Built-in quick risk rules, the rule-based {@link io.tradingsdk.api.risk.RiskManager} and their
 * providers.
 *
 * <p><b>Thread:</b> everything here runs on the engine's event loop, one thread per account. Rules
 * keep unsynchronized state (rate windows, recent signals) and take no locks, do no I/O and do
 * not block.
 *
 * <p><b>Allocation:</b> a rule lets an intent pass by returning {@code null}. On that path a rule
 * creates no objects: exact decimal comparisons are first decided in {@code double} with a proven
 * error margin, and only when the values are within a hair of a limit are they settled with
 * {@code BigDecimal} arithmetic (see {@link io.tradingsdk.core.risk.internal.Approx}). Denials
 * allocate their {@link io.tradingsdk.api.risk.RiskDecision.Denied} and message. Notional-only
 * intents ({@code request.quantity() == null}) make {@link io.tradingsdk.api.order.OrderIntent#quantity()}
 * divide, which allocates; sized intents do not.
 *
 * <p><b>The quick path:</b> {@link io.tradingsdk.core.risk.RuleBasedRiskManager} calls the built-in
 * rules without interface dispatch, on facts of the intent and the portfolio read once per check,
 * and lets each decide there only a clear pass; a denial or a value near a limit goes to the rule's
 * own {@code evaluate}. The decision is always the one {@code evaluate} gives.
 *
 * <p><b>Order of rules:</b> {@link io.tradingsdk.core.risk.RuleBasedRiskManager} runs rules in
 * the given order and stops at the first denial.
 *
 * <p><b>Trading state:</b> the engine applies {@link io.tradingsdk.core.risk.TradingStateGate} to
 * every signal before sizing and before the risk manager, whatever risk manager or rules are
 * configured, so a HALTED or REDUCING account answers with that reason before any rule is asked.
 * {@link io.tradingsdk.core.risk.TradingStateRule} ({@code trading-state}) gives the same answers
 * as a rule; in the engine it is redundant, and it stays accepted so that existing configurations
 * keep working.
 *
 * <p><b>Exposure and reducing orders:</b> rules reason about the <i>exposure</i> in a symbol, the
 * position held plus the signed unfilled quantity of the account's approved or working orders
 * ({@link io.tradingsdk.core.risk.RiskRules#exposure}), so that two signals on the same bar cannot
 * each use the room of the other. An order reduces when its side is opposite to the exposure's
 * sign and its quantity is at most the exposure's size ({@link
 * io.tradingsdk.core.risk.RiskRules#reducesPosition}). Exposure limits (position fraction,
 * portfolio risk, buying power, daily loss, trading state) and the fat-finger caps (order quantity,
 * order notional) always let such orders pass, so no limit can trap a position the account holds;
 * the other order-level rules (collar, rate, duplicates, symbol filter, market hours) apply to
 * every order. Buying power also subtracts the money open buy orders will need ({@link
 * io.tradingsdk.api.portfolio.PortfolioView#openBuyNotional()}).
 */
package io.tradingsdk.core.risk;
