/**
 * The trading SDK's API: immutable value types and the service-provider interfaces (SPIs) that
 * the engine calls and that adapters implement.
 *
 * <p>Threading vocabulary used across the contracts:
 * <ul>
 *   <li><b>event loop</b>: the single thread per account on which the engine runs strategies,
 *       sizing, risk checks and ledger updates. Code called there must not block, do I/O or take
 *       locks that another thread may hold for long.</li>
 *   <li><b>any thread</b>: the method is thread-safe.</li>
 * </ul>
 *
 * <p>Money (quantities, prices, cash, P&amp;L) in orders, fills and positions is {@link
 * java.math.BigDecimal}; never binary floating point. Bar prices are market observations and are
 * {@code double}; they convert exactly to the decimal the feed sent ({@code BigDecimal.valueOf})
 * whenever it had at most 15 significant digits, which is how the engine turns them into money.
 * Statistics (confidence, expected return, Kelly fractions) are {@code double}.
 */
package io.tradingsdk.api;
