package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.core.risk.internal.Text;

/**
 * {@value #NAME}: enforces the account's {@link TradingState}. HALTED refuses every order with
 * {@link DenialReason#TRADING_HALTED}; REDUCING refuses, with {@link DenialReason#REDUCING_ONLY},
 * every order that does not reduce the exposure, position plus working orders ({@link
 * RiskRules#reducesPosition}); ACTIVE passes.
 *
 * <p>The engine always runs this rule first, whatever the configuration says, so that the state's
 * reason wins over any other. It has a provider only so that it can be listed and configured like
 * the others.
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
        TradingState state = portfolio.tradingState();
        if (state == TradingState.ACTIVE) {
            return null;
        }
        if (state == TradingState.REDUCING) {
            if (RiskRules.reducesPosition(intent, portfolio)) {
                return null;
            }
            return new RiskDecision.Denied(DenialReason.REDUCING_ONLY, "account " + portfolio.accountId()
                    + " is REDUCING: " + intent.side() + " " + Text.plain(intent.quantity()) + " " + intent.symbol()
                    + " would not reduce the exposure of " + Text.plain(RiskRules.exposure(intent.symbol(), portfolio))
                    + " (position " + Text.plain(portfolio.quantity(intent.symbol())) + ", working orders "
                    + Text.plain(portfolio.openOrderQuantity(intent.symbol())) + ")");
        }
        if (state == TradingState.HALTED) {
            return new RiskDecision.Denied(DenialReason.TRADING_HALTED, "account " + portfolio.accountId()
                    + " is HALTED: no orders but cancels (" + intent.side() + " " + Text.plain(intent.quantity()) + " "
                    + intent.symbol() + ")");
        }
        throw new IllegalStateException("portfolio of account " + portfolio.accountId() + " reports trading state " + state);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
