package io.tradingsdk.api.risk;

import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.signal.Signal;
import java.math.BigDecimal;

/**
 * Turns a validated BUY or SELL signal into a quantity.
 *
 * <p><b>Thread:</b> the engine's event loop. Pure and fast: no I/O.
 *
 * <p><b>Returns</b> a quantity of zero or more, never {@code null}. Zero means "do not trade" and
 * leads to a {@link DenialReason#ZERO_SIZE} denial. The engine has already checked that the
 * signal's numbers are finite and in range, and that {@code price} is positive. An exception (or
 * {@code null}) means a broken invariant: the engine denies the signal with
 * {@link DenialReason#INTERNAL_ERROR} and logs the exception.
 */
public interface PositionSizer {

    /**
     * @param signal    the signal to size
     * @param price     the price to size at (the signal's reference price)
     * @param portfolio the account's ledger
     */
    BigDecimal size(Signal signal, BigDecimal price, PortfolioView portfolio);
}
