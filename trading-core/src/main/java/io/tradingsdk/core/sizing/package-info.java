/**
 * Built-in position sizers and their providers: {@link io.tradingsdk.core.sizing.KellySizer}
 * ({@code kelly}) and {@link io.tradingsdk.core.sizing.FixedFractionalSizer}
 * ({@code fixed-fractional}), sharing the caps of {@link io.tradingsdk.core.sizing.SizingLimits}.
 *
 * <p><b>Thread:</b> sizers are called on the engine's event loop; they are immutable, do no I/O and
 * take no locks. Quantities and money are exact {@link java.math.BigDecimal}; fractions (Kelly's
 * f, risk fractions) are {@code double} and enter the money arithmetic as the decimal they print as.
 *
 * <p><b>Working orders</b> count: the caps see the exposure, position plus the account's unfilled
 * approved or working orders ({@link io.tradingsdk.api.portfolio.PortfolioView#openOrderQuantity}),
 * so a second signal on the same bar is sized into the room the first one left.
 *
 * <p><b>CLOSE signals</b> are sized by the engine (the whole exposure), not by a sizer; if a sizer
 * is asked anyway it answers the absolute exposure. An explicit {@code Signal.quantity()} is the
 * engine's business too: sizers ignore it.
 */
package io.tradingsdk.core.sizing;
