package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.risk.internal.Text;

/**
 * The account's {@link TradingState} as a pre-trade gate. The engine applies it to every signal it
 * is about to turn into an order, before sizing and before the risk manager, whatever risk manager
 * or rules are configured:
 * <ul>
 *   <li>ACTIVE: everything passes.</li>
 *   <li>REDUCING: only orders that reduce the exposure, position plus working orders ({@link
 *       RiskRules#reducesPosition}), pass; others are denied with {@link DenialReason#REDUCING_ONLY}.</li>
 *   <li>HALTED: no order passes ({@link DenialReason#TRADING_HALTED}). Cancels do not come through
 *       here; they always go out.</li>
 * </ul>
 *
 * <p>Two steps, because the quantity is known only after sizing. {@link #beforeSizing} decides on
 * the state and the side alone, so a halted account, or a REDUCING account's order that adds to or
 * opens a position, is never sized. {@link #check} decides on the sized intent and is the complete
 * answer: an order on the reducing side that is larger than the exposure would flip the position and
 * is denied. {@code beforeSizing} never refuses an order that {@code check} would let pass.
 *
 * <p>{@link TradingStateRule} answers with {@link #check}, so listing it among the risk rules adds
 * nothing in the engine; it remains for configurations that list it and for a {@link
 * RuleBasedRiskManager} used outside the engine.
 *
 * <p><b>Thread:</b> the engine's event loop (it reads the portfolio, which is consistent there).
 * Stateless. When an order passes, nothing is allocated (sized intents, see {@link
 * RiskRules#reducesPosition}); a denial allocates its decision and message.
 */
public final class TradingStateGate {

    private TradingStateGate() {
    }

    /**
     * The state's denial of a signal before it is sized, or {@code null} when the state lets it be
     * sized. A CLOSE passes in REDUCING (it reduces by construction; with nothing to close the engine
     * denies it as {@link DenialReason#NO_POSITION}); a BUY or SELL passes in REDUCING only if its side
     * is opposite to the exposure in the symbol.
     *
     * @param haltCause why the account is HALTED, added to the message; {@code null} when not known
     * @throws IllegalStateException if the portfolio reports no trading state (a broken ledger)
     * @throws NullPointerException if the signal or portfolio is null, or the portfolio answers
     *                              {@code null} for a quantity (a broken ledger)
     */
    public static RiskDecision.Denied beforeSizing(Signal signal, PortfolioView portfolio, String haltCause) {
        TradingState state = portfolio.tradingState();
        if (state == TradingState.ACTIVE) {
            return null;
        }
        if (state == TradingState.HALTED) {
            return halted(portfolio, signal.action() + " " + signal.symbol(), haltCause);
        }
        if (state == TradingState.REDUCING) {
            if (signal.action() == SignalAction.CLOSE) {
                return null;
            }
            String symbol = signal.symbol();
            int exposureSign = RiskRules.sumSign(portfolio.quantity(symbol), portfolio.openOrderQuantity(symbol));
            int sideSign = signal.action() == SignalAction.BUY ? OrderSide.BUY.sign() : OrderSide.SELL.sign();
            if (exposureSign != 0 && exposureSign != sideSign) {
                return null;
            }
            return reducingOnly(portfolio, signal.action() + " " + symbol, symbol);
        }
        throw noState(portfolio, state);
    }

    /**
     * The state's denial of a sized intent, or {@code null} when it passes: HALTED denies it,
     * REDUCING denies it unless it reduces the exposure ({@link RiskRules#reducesPosition}), ACTIVE
     * passes it.
     *
     * @param haltCause why the account is HALTED, added to the message; {@code null} when not known
     * @throws IllegalStateException if the portfolio reports no trading state (a broken ledger)
     * @throws NullPointerException as {@link RiskRules#reducesPosition} does
     */
    public static RiskDecision.Denied check(OrderIntent intent, PortfolioView portfolio, String haltCause) {
        TradingState state = portfolio.tradingState();
        if (state == TradingState.ACTIVE) {
            return null;
        }
        if (state == TradingState.REDUCING) {
            if (RiskRules.reducesPosition(intent, portfolio)) {
                return null;
            }
            return reducingOnly(portfolio, intent.side() + " " + Text.plain(intent.quantity()) + " " + intent.symbol(),
                    intent.symbol());
        }
        if (state == TradingState.HALTED) {
            return halted(portfolio, intent.side() + " " + Text.plain(intent.quantity()) + " " + intent.symbol(),
                    haltCause);
        }
        throw noState(portfolio, state);
    }

    private static RiskDecision.Denied reducingOnly(PortfolioView portfolio, String order, String symbol) {
        return new RiskDecision.Denied(DenialReason.REDUCING_ONLY, "account " + portfolio.accountId()
                + " is REDUCING: " + order + " would not reduce the exposure of "
                + Text.plain(RiskRules.exposure(symbol, portfolio)) + " (position "
                + Text.plain(portfolio.quantity(symbol)) + ", working orders "
                + Text.plain(portfolio.openOrderQuantity(symbol)) + ")");
    }

    private static RiskDecision.Denied halted(PortfolioView portfolio, String order, String haltCause) {
        return new RiskDecision.Denied(DenialReason.TRADING_HALTED, "account " + portfolio.accountId()
                + " is HALTED: no orders but cancels (" + order + ")"
                + (haltCause != null ? "; " + haltCause : ""));
    }

    private static IllegalStateException noState(PortfolioView portfolio, TradingState state) {
        return new IllegalStateException("portfolio of account " + portfolio.accountId() + " reports trading state "
                + state);
    }
}
