package io.tradingsdk.api.portfolio;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A read-only view of one account's ledger.
 *
 * <p>Read it on the engine's event loop (strategies, sizers and risk rules get it there), where it
 * is always consistent. Hosts that want a view from another thread ask the engine for a snapshot,
 * which is an immutable copy.
 */
public interface PortfolioView {

    String accountId();

    /** Cash balance after fills and fees. */
    BigDecimal cash();

    /** Cash plus the market value of all positions at their last prices. */
    BigDecimal equity();

    /** Equity at the start of the trading day: the baseline of the daily loss limit. */
    BigDecimal dayStartEquity();

    /**
     * {@link #equity()} as binary floating point: cheap and allocation free in the engine's ledger,
     * for pre-checks that fall back to the exact value near a limit, and for statistics. Never money.
     */
    default double equityEstimate() {
        return equity().doubleValue();
    }

    /** {@link #capitalAtRisk()} as binary floating point; see {@link #equityEstimate()}. */
    default double capitalAtRiskEstimate() {
        return capitalAtRisk().doubleValue();
    }

    /** {@link #dayStartEquity()} as binary floating point; see {@link #equityEstimate()}. */
    default double dayStartEquityEstimate() {
        return dayStartEquity().doubleValue();
    }

    /** The signed quantity held in the symbol; zero when none. */
    BigDecimal quantity(String symbol);

    /** The position in the symbol, or {@code null} when none was ever held. */
    Position position(String symbol);

    /** All positions that are not flat, by symbol. */
    Map<String, Position> positions();

    /**
     * The signed quantity of this account's orders in the symbol that are approved or working but
     * not yet filled: buys positive, sells negative; zero when none. Sizers and risk rules add it to
     * {@link #quantity} so that two signals in a row cannot each use the room of the other.
     */
    BigDecimal openOrderQuantity(String symbol);

    /** The money the account's unfilled buy orders will need, at their reference prices. */
    BigDecimal openBuyNotional();

    /** The last price seen for the symbol, or {@code null} if none yet. */
    BigDecimal lastPrice(String symbol);

    /** Sum of absolute market values of all positions. */
    BigDecimal grossExposure();

    /**
     * Money at risk in open positions: for each position, its absolute market value times the risk
     * fraction of the orders that opened it.
     */
    BigDecimal capitalAtRisk();

    BigDecimal realizedPnl();

    BigDecimal unrealizedPnl();

    /** Total commissions and fees paid. */
    BigDecimal fees();

    TradingState tradingState();
}
