package io.tradingsdk.core.ledger;

import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.portfolio.TradingState;

import io.tradingsdk.core.internal.Decimals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One account's cash, positions and P&amp;L, kept exactly from fills and marked to market by prices.
 *
 * <p><b>Thread:</b> single-threaded; the engine's event loop owns it and is the only caller. No
 * locks, no I/O. Hand other threads a {@link #snapshot()}.
 *
 * <p><b>Accounting</b> (all money is {@link BigDecimal}):
 * <ul>
 *   <li>cash = initial cash - &Sigma;(side &times; quantity &times; price) - &Sigma;fees, exactly;</li>
 *   <li>positions use the average-cost method. Each position keeps its exact signed cost basis
 *       (&Sigma; signed quantity &times; price of its open quantity). Adding re-averages; reducing
 *       removes the proportional share of the cost basis (the only division, at
 *       {@link MathContext#DECIMAL128}; a full close removes the whole basis, exactly) and realizes
 *       the difference to the fill's proceeds; a fill through zero realizes the closed part and
 *       opens the rest at the fill price;</li>
 *   <li>realized P&amp;L is before fees; fees are accumulated separately;</li>
 *   <li>unrealized P&amp;L = &Sigma;(quantity &times; last price - cost basis).</li>
 * </ul>
 * Because realized P&amp;L changes by exactly what the cost basis changes minus the fill's cash
 * flow, {@code equity() == initialCash() + realizedPnl() + unrealizedPnl() - fees()} holds
 * exactly, at every step, and a position that goes flat has realized exactly its cash flows.
 * {@link Position#averagePrice()} is the cost basis divided by the quantity at DECIMAL128.
 *
 * <p><b>Prices.</b> {@link #markPrice(String, double)} is called on every bar and does not allocate
 * for a symbol already known: it stores the double and converts it ({@code BigDecimal.valueOf})
 * only when money is read. A fill marks a symbol that has no price yet at the fill price.
 *
 * <p><b>Capital at risk</b> per position is |market value| &times; the quantity-weighted average
 * risk fraction of the fills that opened it; reductions shrink it with the quantity, a fill
 * through zero starts over with that fill's fraction. It is an estimate (the fractions are
 * doubles).
 *
 * <p>The ledger does not de-duplicate fills: {@link io.tradingsdk.core.order.OrderTracker} hands
 * out each fill once.
 */
public final class PortfolioLedger implements PortfolioView {

    private static final MathContext MC = MathContext.DECIMAL128;

    private final String accountId;
    private BigDecimal initialCash;
    private BigDecimal cash;
    private double cashDouble;
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    private BigDecimal dayStartEquity;
    private double dayStartEquityDouble;
    private BigDecimal openBuyNotional = BigDecimal.ZERO;
    /** Volatile: the one field other threads may read ({@link #tradingState()}, for monitoring). */
    private volatile TradingState tradingState = TradingState.ACTIVE;

    private final Map<String, Book> books = new HashMap<>();
    /** The same books in first-seen order, for allocation-free iteration. */
    private Book[] bookArray = new Book[16];
    private int bookCount;

    /**
     * An empty ledger in state {@link TradingState#ACTIVE}; the day-start equity is the initial cash.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code initialCash} is negative
     */
    public PortfolioLedger(String accountId, BigDecimal initialCash) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(initialCash, "initialCash");
        if (initialCash.signum() < 0) {
            throw new IllegalArgumentException("initialCash must not be negative, was " + initialCash.toPlainString());
        }
        this.accountId = accountId;
        this.initialCash = initialCash;
        this.cash = initialCash;
        this.cashDouble = initialCash.doubleValue();
        this.dayStartEquity = initialCash;
        dayStartEquityDouble = dayStartEquity.doubleValue();
    }

    /**
     * Applies one fill (which the order tracker hands out exactly once).
     *
     * @param riskFraction the fraction of the fill's notional at risk, finite and &ge; 0
     * @throws NullPointerException     if {@code fill} is null (nothing changes)
     * @throws IllegalArgumentException naming {@code riskFraction} if it is NaN, infinite or
     *                                  negative (nothing changes)
     */
    public void applyFill(Fill fill, double riskFraction) {
        Objects.requireNonNull(fill, "fill");
        if (!(riskFraction >= 0) || Double.isInfinite(riskFraction)) {
            throw new IllegalArgumentException("riskFraction must be finite and >= 0, was " + riskFraction);
        }
        Book b = bookFor(fill.symbol());
        BigDecimal q = fill.quantity();
        BigDecimal signedQty = fill.side().sign() > 0 ? q : q.negate();
        BigDecimal flow = signedQty.multiply(fill.price()); // cash paid (negative when received)
        BigDecimal oldQty = b.qty;
        BigDecimal oldCost = b.costBasis;
        BigDecimal newQty = oldQty.add(signedQty);
        BigDecimal newCost;
        double newRiskWeight;
        if (oldQty.signum() == 0 || oldQty.signum() == signedQty.signum()) {
            newCost = oldCost.add(flow);
            newRiskWeight = b.riskWeight + q.doubleValue() * riskFraction;
        } else {
            int cmp = q.compareTo(oldQty.abs());
            if (cmp < 0) {
                BigDecimal removed = oldCost.multiply(q).divide(oldQty.abs(), MC);
                newCost = oldCost.subtract(removed);
                newRiskWeight = b.riskWeight * (newQty.abs().doubleValue() / oldQty.abs().doubleValue());
            } else if (cmp == 0) {
                newCost = BigDecimal.ZERO;
                newRiskWeight = 0;
            } else {
                newCost = newQty.multiply(fill.price());
                newRiskWeight = newQty.abs().doubleValue() * riskFraction;
            }
        }
        // Realized moves by exactly the basis change minus the cash flow: this keeps the equity identity exact.
        BigDecimal realized = newCost.subtract(oldCost).subtract(flow);

        b.held = true;
        b.qty = newQty;
        b.qtyDouble = newQty.doubleValue();
        b.costBasis = newCost;
        b.riskWeight = newRiskWeight;
        b.realized = b.realized.add(realized);
        realizedPnl = realizedPnl.add(realized);
        cash = cash.subtract(flow).subtract(fill.fee());
        cashDouble = cash.doubleValue();
        fees = fees.add(fill.fee());
        if (!b.hasMark) {
            b.markDecimal = fill.price();
            b.mark = fill.price().doubleValue();
            b.hasMark = true;
        }
    }

    /**
     * Adopts the broker's account report as the starting state: its cash and its positions (at their
     * average prices, marked at their market prices). The broker's report is the truth at start, so
     * this replaces the configured initial cash. Allowed only before any fill was applied.
     *
     * @throws IllegalStateException if a fill was already applied (nothing changes)
     * @throws IllegalArgumentException naming the value if a position is malformed (nothing changes); cash may be
     *                                  negative (a margin account that borrowed)
     */
    public void restore(BigDecimal brokerCash, java.util.List<io.tradingsdk.api.portfolio.Position> positions) {
        Objects.requireNonNull(brokerCash, "brokerCash");
        Objects.requireNonNull(positions, "positions");
        for (int i = 0; i < bookCount; i++) {
            if (bookArray[i].held) {
                throw new IllegalStateException("ledger " + accountId + " already has fills; restore is only for the start");
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (io.tradingsdk.api.portfolio.Position p : positions) {
            if (!seen.add(p.symbol())) {
                throw new IllegalArgumentException("broker reported symbol " + p.symbol() + " twice");
            }
            if (p.quantity().signum() != 0 && (p.averagePrice().signum() <= 0 || p.marketPrice().signum() <= 0)) {
                throw new IllegalArgumentException("broker position " + p.symbol() + " has a non-positive price: avg "
                        + p.averagePrice().toPlainString() + ", market " + p.marketPrice().toPlainString());
            }
        }
        BigDecimal totalCost = BigDecimal.ZERO;
        for (io.tradingsdk.api.portfolio.Position p : positions) {
            if (p.quantity().signum() == 0) {
                continue;
            }
            Book b = bookFor(p.symbol());
            b.held = true;
            b.qty = p.quantity();
            b.qtyDouble = p.quantity().doubleValue();
            b.costBasis = p.quantity().multiply(p.averagePrice());
            b.markDecimal = p.marketPrice();
            b.mark = p.marketPrice().doubleValue();
            b.hasMark = true;
            totalCost = totalCost.add(b.costBasis);
        }
        cash = brokerCash;
        cashDouble = brokerCash.doubleValue();
        // Keeps equity == initialCash + realized + unrealized - fees exact from here on.
        initialCash = brokerCash.add(totalCost);
        dayStartEquity = equity();
        dayStartEquityDouble = dayStartEquity.doubleValue();
    }

    /**
     * Changes the open-order exposure of a symbol: the engine calls it when an order is approved,
     * fills, or ends without filling, with the change of its unfilled signed quantity and, for buys,
     * of the money it will need.
     *
     * @throws IllegalStateException if the exposure would become inconsistent (buy notional below
     *                               zero): a bookkeeping bug of the caller; nothing changes
     */
    public void adjustOpenOrders(String symbol, BigDecimal signedQuantityDelta, BigDecimal buyNotionalDelta) {
        Objects.requireNonNull(symbol, "symbol");
        BigDecimal newBuy = openBuyNotional.add(buyNotionalDelta);
        if (newBuy.signum() < 0) {
            throw new IllegalStateException("open buy notional of " + accountId + " would fall below zero: "
                    + newBuy.toPlainString());
        }
        Book b = bookFor(symbol);
        b.openOrders = b.openOrders.add(signedQuantityDelta);
        openBuyNotional = newBuy;
    }

    @Override
    public BigDecimal openOrderQuantity(String symbol) {
        Book b = books.get(symbol);
        return b == null ? BigDecimal.ZERO : b.openOrders;
    }

    @Override
    public BigDecimal openBuyNotional() {
        return openBuyNotional;
    }

    /**
     * Records the last price of a symbol. Hot path: called on every bar; allocates nothing when
     * the symbol is already known.
     *
     * @throws NullPointerException     if {@code symbol} is null
     * @throws IllegalArgumentException naming {@code price} if it is not finite and positive (nothing changes)
     */
    public void markPrice(String symbol, double price) {
        if (!(price > 0) || price == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("price of " + symbol + " must be finite and positive, was " + price);
        }
        Book b = books.get(symbol);
        if (b == null) {
            b = bookFor(symbol);
        }
        b.mark = price;
        b.markDecimal = null; // converted when money is read
        b.hasMark = true;
    }

    /**
     * Records the last price of a symbol, exactly.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException naming {@code price} if it is not positive (nothing changes)
     */
    public void markPrice(String symbol, BigDecimal price) {
        Objects.requireNonNull(price, "price");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price of " + symbol + " must be positive, was " + price.toPlainString());
        }
        Book b = bookFor(symbol);
        b.markDecimal = price;
        b.mark = price.doubleValue();
        b.hasMark = true;
    }

    /** Allocation free: for the risk rules' pre-check; they compute {@link #capitalAtRisk()} exactly near a limit. */
    @Override
    public double capitalAtRiskEstimate() {
        double atRisk = 0;
        for (int i = 0; i < bookCount; i++) {
            Book b = bookArray[i];
            if (b.qtyDouble != 0 && b.riskWeight > 0) {
                atRisk += Math.abs(b.qtyDouble * b.mark) * (b.riskWeight / Math.abs(b.qtyDouble));
            }
        }
        return atRisk;
    }

    @Override
    public double dayStartEquityEstimate() {
        return dayStartEquityDouble;
    }

    /**
     * Cash plus positions at their last prices, in binary floating point: cheap and allocation
     * free, for statistics (drawdown, Sharpe) and the rules' pre-checks. Not money; use
     * {@link #equity()} for that.
     */
    @Override
    public double equityEstimate() {
        double equity = cashDouble;
        Book[] arr = bookArray;
        for (int i = 0; i < bookCount; i++) {
            Book b = arr[i];
            if (b.qtyDouble != 0) {
                equity += b.qtyDouble * b.mark;
            }
        }
        return equity;
    }

    // ---- allocation-free reads by book index, for the quick risk check ----

    /**
     * The index of the symbol's book, or -1 when the ledger has never seen the symbol (no fill, mark
     * or open order). An index stays valid for the ledger's life (books are only ever added), so the
     * quick risk check looks a symbol up once and reads its facts through the {@code ...At(index)}
     * methods below, which throw {@link IndexOutOfBoundsException} for an index that is not a book's.
     * Event loop only; allocation free.
     *
     * @throws NullPointerException if {@code symbol} is null
     */
    public int symbolIndex(String symbol) {
        Book b = books.get(Objects.requireNonNull(symbol, "symbol"));
        return b == null ? -1 : b.index;
    }

    /** {@link #quantity(String)} of the book at {@code index} ({@link #symbolIndex}). */
    public BigDecimal quantityAt(int index) {
        return book(index).qty;
    }

    /** {@link #quantityAt} as a double: exactly its {@code doubleValue()}, kept by the ledger. */
    public double quantityEstimateAt(int index) {
        return book(index).qtyDouble;
    }

    /** {@link #openOrderQuantity(String)} of the book at {@code index} ({@link #symbolIndex}). */
    public BigDecimal openOrderQuantityAt(int index) {
        return book(index).openOrders;
    }

    /**
     * The last price of the book at {@code index} ({@link #symbolIndex}) as a double, NaN when it
     * has none: exactly {@code lastPrice(symbol).doubleValue()}, without converting the price to a
     * decimal (the mark is kept as a double).
     */
    public double lastPriceEstimateAt(int index) {
        Book b = book(index);
        return b.hasMark ? b.mark : Double.NaN;
    }

    /** {@link #cash()} as a double: exactly its {@code doubleValue()}, kept by the ledger. */
    public double cashEstimate() {
        return cashDouble;
    }

    private Book book(int index) {
        if (index < 0 || index >= bookCount) {
            throw new IndexOutOfBoundsException("no book at index " + index + " in ledger " + accountId + " ("
                    + bookCount + " books)");
        }
        return bookArray[index];
    }

    /**
     * Sets the day's starting equity from a record (after a restart in the middle of a day, the
     * journal's baseline, not the equity at the restart).
     *
     * @throws IllegalArgumentException if it is negative (nothing changes)
     */
    public void setDayStartEquity(BigDecimal equity) {
        Objects.requireNonNull(equity, "equity");
        if (equity.signum() < 0) {
            throw new IllegalArgumentException("day start equity must not be negative, was " + equity.toPlainString());
        }
        dayStartEquity = equity;
        dayStartEquityDouble = equity.doubleValue();
    }

    /** Starts a trading day: the day-start equity becomes the current {@link #equity()}. */
    public void startNewDay() {
        dayStartEquity = equity();
        dayStartEquityDouble = dayStartEquity.doubleValue();
    }

    /** Sets what the account may do. @throws NullPointerException if {@code state} is null */
    public void setTradingState(TradingState state) {
        tradingState = Objects.requireNonNull(state, "state");
    }

    public BigDecimal initialCash() {
        return initialCash;
    }

    /** Realized P&amp;L (before fees) in one symbol; zero if never held. */
    public BigDecimal realizedPnl(String symbol) {
        Book b = books.get(symbol);
        return b == null ? BigDecimal.ZERO : b.realized;
    }

    /** An immutable copy of the current state, safe to hand to any thread. */
    public PortfolioSnapshot snapshot() {
        Map<String, Position> held = new LinkedHashMap<>();
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        Map<String, BigDecimal> open = new LinkedHashMap<>();
        for (int i = 0; i < bookCount; i++) {
            Book b = bookArray[i];
            if (b.held) {
                held.put(b.symbol, toPosition(b));
            }
            if (b.openOrders.signum() != 0) {
                open.put(b.symbol, b.openOrders);
            }
            if (b.hasMark) {
                prices.put(b.symbol, markDecimal(b));
            }
        }
        return new PortfolioSnapshot(accountId, initialCash, cash, equity(), dayStartEquity, realizedPnl,
                unrealizedPnl(), fees, grossExposure(), capitalAtRisk(), tradingState, held, prices, open, openBuyNotional);
    }

    // ---- PortfolioView ----

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public BigDecimal cash() {
        return cash;
    }

    @Override
    public BigDecimal equity() {
        BigDecimal equity = cash;
        for (int i = 0; i < bookCount; i++) {
            Book b = bookArray[i];
            if (b.qty.signum() != 0) {
                equity = equity.add(b.qty.multiply(markDecimal(b)));
            }
        }
        return equity;
    }

    @Override
    public BigDecimal dayStartEquity() {
        return dayStartEquity;
    }

    @Override
    public BigDecimal quantity(String symbol) {
        Book b = books.get(symbol);
        return b == null ? BigDecimal.ZERO : b.qty;
    }

    @Override
    public Position position(String symbol) {
        Book b = books.get(symbol);
        return b == null || !b.held ? null : toPosition(b);
    }

    /** Non-flat positions by symbol, in the order symbols were first seen: a new unmodifiable map. */
    @Override
    public Map<String, Position> positions() {
        Map<String, Position> result = new LinkedHashMap<>();
        for (int i = 0; i < bookCount; i++) {
            Book b = bookArray[i];
            if (b.qty.signum() != 0) {
                result.put(b.symbol, toPosition(b));
            }
        }
        return Collections.unmodifiableMap(result);
    }

    @Override
    public BigDecimal lastPrice(String symbol) {
        Book b = books.get(symbol);
        return b == null || !b.hasMark ? null : markDecimal(b);
    }

    @Override
    public BigDecimal grossExposure() {
        BigDecimal gross = BigDecimal.ZERO;
        for (int i = 0; i < bookCount; i++) {
            Book b = bookArray[i];
            if (b.qty.signum() != 0) {
                gross = gross.add(b.qty.multiply(markDecimal(b)).abs());
            }
        }
        return gross;
    }

    @Override
    public BigDecimal capitalAtRisk() {
        BigDecimal atRisk = BigDecimal.ZERO;
        for (int i = 0; i < bookCount; i++) {
            Book b = bookArray[i];
            if (b.qty.signum() != 0 && b.riskWeight > 0) {
                double fraction = b.riskWeight / Math.abs(b.qtyDouble);
                atRisk = atRisk.add(b.qty.multiply(markDecimal(b)).abs().multiply(BigDecimal.valueOf(fraction)));
            }
        }
        return atRisk;
    }

    @Override
    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    @Override
    public BigDecimal unrealizedPnl() {
        BigDecimal unrealized = BigDecimal.ZERO;
        for (int i = 0; i < bookCount; i++) {
            Book b = bookArray[i];
            if (b.qty.signum() != 0) {
                unrealized = unrealized.add(b.qty.multiply(markDecimal(b)).subtract(b.costBasis));
            }
        }
        return unrealized;
    }

    @Override
    public BigDecimal fees() {
        return fees;
    }

    @Override
    public TradingState tradingState() {
        return tradingState;
    }

    @Override
    public String toString() {
        return "PortfolioLedger[" + accountId + " cash=" + cash.toPlainString() + " positions=" + positions().size()
                + " state=" + tradingState + ']';
    }

    // ---- internals ----

    private Book bookFor(String symbol) {
        Book b = books.get(symbol);
        if (b == null) {
            Objects.requireNonNull(symbol, "symbol");
            b = new Book(symbol, bookCount);
            books.put(symbol, b);
            if (bookCount == bookArray.length) {
                bookArray = Arrays.copyOf(bookArray, bookCount * 2);
            }
            bookArray[bookCount++] = b;
        }
        return b;
    }

    private static BigDecimal markDecimal(Book b) {
        BigDecimal d = b.markDecimal;
        if (d == null) {
            d = Decimals.of(b.mark);
            b.markDecimal = d;
        }
        return d;
    }

    private static Position toPosition(Book b) {
        BigDecimal average = b.qty.signum() == 0 ? BigDecimal.ZERO : b.costBasis.divide(b.qty, MC);
        return new Position(b.symbol, b.qty, average, markDecimal(b), b.realized);
    }

    /** Per-symbol state. */
    private static final class Book {
        final String symbol;
        /** Position in {@code bookArray}: {@link #symbolIndex}. */
        final int index;
        boolean held;
        BigDecimal qty = BigDecimal.ZERO;
        double qtyDouble;
        /** Signed sum of quantity times price of the open quantity; zero when flat. */
        BigDecimal costBasis = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        /** &Sigma; |opening quantity| &times; risk fraction over the open quantity. */
        double riskWeight;
        boolean hasMark;
        double mark;
        BigDecimal markDecimal;
        /** Signed unfilled quantity of open orders. */
        BigDecimal openOrders = BigDecimal.ZERO;

        Book(String symbol, int index) {
            this.symbol = symbol;
            this.index = index;
        }
    }
}
