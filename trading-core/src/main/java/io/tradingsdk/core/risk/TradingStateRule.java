package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;

/**
 * {@value #NAME}: enforces the account's {@link TradingState} as a rule. HALTED refuses every order
 * with {@link DenialReason#TRADING_HALTED}; REDUCING refuses, with {@link DenialReason#REDUCING_ONLY},
 * every order that does not reduce the exposure, position plus working orders ({@link
 * RiskRules#reducesPosition}); ACTIVE passes. Its answers are those of {@link TradingStateGate#check}.
 *
 * <p>Redundant in the engine: the engine applies {@link TradingStateGate} to every signal before
 * sizing and before the risk manager, whatever rules are configured, so in the engine this rule
 * never denies. It stays a built-in rule so that configurations that list {@code trading-state}
 * keep working unchanged, and so that a {@link RuleBasedRiskManager} used on its own (outside the
 * engine) can enforce the state. Leaving it out of a configuration does not weaken the state.
 *
 * <p><b>Thread:</b> the event loop. Stateless; the pass path does not allocate.
 */
public final class TradingStateRule implements RiskRule {

    public static final String NAME = "trading-state";

    @Override
    public String name() {
        return NAME;
    }

    /** The quick check's clear pass ({@link CheckFacts}): the account is ACTIVE. */
    boolean passes(CheckFacts f) {
        return f.portfolio.tradingState() == TradingState.ACTIVE;
    }

    /** @throws IllegalStateException if the portfolio reports no trading state (a broken ledger) */
    @Override
    public RiskDecision.Denied evaluate(OrderIntent intent, PortfolioView portfolio) {
        return TradingStateGate.check(intent, portfolio, null);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
