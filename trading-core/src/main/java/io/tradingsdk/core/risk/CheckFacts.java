package io.tradingsdk.core.risk;

import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.core.ledger.PortfolioLedger;
import java.math.BigDecimal;

/**
 * What the built-in rules read of one intent and its portfolio, worked out once per check instead
 * of once per rule: the intent's quantity, reference price and notional as doubles and its time in
 * epoch nanoseconds (at {@link #reset}); the symbol's position, working orders and last price (one
 * lookup, on first need); whether the order reduces the exposure and the equity estimate (on first
 * need).
 *
 * <p>One instance per {@link RuleBasedRiskManager}, reused for every check: the check allocates
 * nothing. The built-in rules' {@code check(CheckFacts)} decide from these values only when the
 * answer is a clear pass; anything else (a denial, a value near a limit) goes to the rule's own
 * {@link io.tradingsdk.api.risk.RiskRule#evaluate}, which reads the portfolio itself and settles
 * it exactly, as it does for any caller. So the facts may only ever make a pass faster, never
 * change a decision.
 *
 * <p>The doubles are the same ones the rules' {@code evaluate} computes ({@code doubleValue()} of
 * the same decimals, the same {@link PortfolioView} estimates), so both paths take the same
 * approximate decisions. From a {@link PortfolioLedger} the symbol's values come through its
 * book-index reads, which the ledger documents as exactly those doubles.
 *
 * <p>When to read the portfolio: from a {@link PortfolioLedger} (which cannot fail to answer),
 * {@link #reset} reads at once what the manager's rules need ({@link #READS_SYMBOL}, {@link
 * #READS_REDUCES}, {@link #READS_EQUITY}), so that one place in the compiled check does it. From
 * any other {@link PortfolioView} the values are read on first need, so a rule that does not need
 * them never causes a read, and a broken view (null answers) fails in the same rule as it would
 * without the facts.
 *
 * <p><b>Thread:</b> the event loop, inside {@link RuleBasedRiskManager#check} only. Not reentrant.
 */
final class CheckFacts {

    /** A rule reads the symbol's position, working orders or last price. */
    static final int READS_SYMBOL = 1;
    /** A rule always asks whether the order reduces the exposure (implies {@link #READS_SYMBOL}). */
    static final int READS_REDUCES = 2;
    /** A rule reads the equity estimate. */
    static final int READS_EQUITY = 4;

    /** What {@link #reset} reads at once from a {@link PortfolioLedger}: {@code READS_*} flags. */
    private final int eagerFromLedger;

    OrderIntent intent;
    PortfolioView portfolio;
    OrderRequest request;
    String symbol;
    OrderSide side;
    /** +1 for BUY, -1 for SELL. */
    int sideSign;
    /** {@link OrderIntent#referencePrice()} as a double. */
    double referencePrice;
    /** {@link RiskRules#approxNotional}: the request's notional, or quantity x reference price. */
    double notional;
    /** {@link OrderIntent#createdAt()} in nanoseconds since the epoch ({@link RiskRules#epochNanos}). */
    long createdAtNanos;

    private BigDecimal quantity;
    private double quantityEstimate;

    private boolean positionRead;
    private boolean lastPriceRead;
    private BigDecimal position;
    private BigDecimal openOrders;
    private double positionEstimate;
    private double openOrdersEstimate;
    private double lastPriceEstimate;

    private static final byte UNKNOWN = 0;
    private static final byte NO = 1;
    private static final byte YES = 2;
    private byte reduces;

    private boolean equityRead;
    private double equityEstimate;

    /** @param eagerFromLedger {@code READS_*} flags: what the manager's rules read of a ledger */
    CheckFacts(int eagerFromLedger) {
        this.eagerFromLedger = (eagerFromLedger & READS_REDUCES) != 0 ? eagerFromLedger | READS_SYMBOL : eagerFromLedger;
    }

    /** Starts a check of {@code intent} against {@code portfolio}; forgets what the last check read. */
    void reset(OrderIntent intent, PortfolioView portfolio) {
        this.intent = intent;
        this.portfolio = portfolio;
        OrderRequest r = intent.request();
        this.request = r;
        this.symbol = r.symbol();
        this.side = r.side();
        this.sideSign = side == OrderSide.BUY ? 1 : -1;
        this.referencePrice = intent.referencePrice().doubleValue();
        BigDecimal q = r.quantity();
        if (q != null) {
            quantity = q;
            quantityEstimate = q.doubleValue();
            notional = quantityEstimate * referencePrice;
        } else {
            // A notional order: its quantity divides (and allocates), so only when a rule asks.
            quantity = null;
            quantityEstimate = Double.NaN;
            notional = r.notional().doubleValue();
        }
        this.createdAtNanos = RiskRules.epochNanos(intent.createdAt());
        positionRead = false;
        lastPriceRead = false;
        reduces = UNKNOWN;
        equityRead = false;
        int eager = eagerFromLedger;
        if (eager != 0 && portfolio instanceof PortfolioLedger ledger) {
            if ((eager & READS_SYMBOL) != 0) {
                readSymbol(ledger);
                // A notional order's quantity divides, which could throw: that stays in the rule that asks.
                if ((eager & READS_REDUCES) != 0 && q != null) {
                    reduces = RiskRules.reducesPosition(intent, position, openOrders) ? YES : NO;
                }
            }
            if ((eager & READS_EQUITY) != 0) {
                equityEstimate = ledger.equityEstimate();
                equityRead = true;
            }
        }
    }

    /** {@link OrderIntent#quantity()}, computed once. */
    BigDecimal quantity() {
        BigDecimal q = quantity;
        if (q == null) {
            q = intent.quantity();
            quantity = q;
            quantityEstimate = q.doubleValue();
        }
        return q;
    }

    /** {@link #quantity()} as a double. */
    double quantityEstimate() {
        if (quantity == null) {
            quantity();
        }
        return quantityEstimate;
    }

    /** The position held in the symbol as a double ({@code portfolio.quantity(symbol).doubleValue()}). */
    double positionEstimate() {
        if (!positionRead) {
            readPosition();
        }
        return positionEstimate;
    }

    /** The symbol's working orders as a double ({@code portfolio.openOrderQuantity(symbol).doubleValue()}). */
    double openOrdersEstimate() {
        if (!positionRead) {
            readPosition();
        }
        return openOrdersEstimate;
    }

    /** {@code portfolio.lastPrice(symbol).doubleValue()}, NaN when the portfolio has no last price. */
    double lastPriceEstimate() {
        if (!lastPriceRead) {
            readLastPrice();
        }
        return lastPriceEstimate;
    }

    /**
     * {@link RiskRules#reducesPosition(OrderIntent, PortfolioView)}, computed once.
     *
     * @throws NullPointerException if the portfolio answered null for the position or working orders
     */
    boolean reducesPosition() {
        byte r = reduces;
        if (r == UNKNOWN) {
            if (!positionRead) {
                readPosition();
            }
            r = RiskRules.reducesPosition(intent, position, openOrders) ? YES : NO;
            reduces = r;
        }
        return r == YES;
    }

    /** {@link PortfolioView#equityEstimate()}, read once. */
    double equityEstimate() {
        if (!equityRead) {
            equityEstimate = portfolio.equityEstimate();
            equityRead = true;
        }
        return equityEstimate;
    }

    /** {@link PortfolioView#cash()} as a double. */
    double cashEstimate() {
        return portfolio instanceof PortfolioLedger ledger ? ledger.cashEstimate() : portfolio.cash().doubleValue();
    }

    private void readPosition() {
        if (portfolio instanceof PortfolioLedger ledger) {
            readSymbol(ledger);
            return;
        }
        position = portfolio.quantity(symbol);
        openOrders = portfolio.openOrderQuantity(symbol);
        // Null answers stay null here; the rule that needs them fails as it would on its own.
        positionEstimate = position == null ? Double.NaN : position.doubleValue();
        openOrdersEstimate = openOrders == null ? Double.NaN : openOrders.doubleValue();
        positionRead = true;
    }

    private void readLastPrice() {
        if (portfolio instanceof PortfolioLedger ledger) {
            readSymbol(ledger);
            return;
        }
        BigDecimal last = portfolio.lastPrice(symbol);
        lastPriceEstimate = last == null ? Double.NaN : last.doubleValue();
        lastPriceRead = true;
    }

    /** One map lookup for everything the rules read of the symbol. */
    private void readSymbol(PortfolioLedger ledger) {
        int book = ledger.symbolIndex(symbol);
        if (book < 0) {
            position = BigDecimal.ZERO;
            openOrders = BigDecimal.ZERO;
            positionEstimate = 0;
            openOrdersEstimate = 0;
            lastPriceEstimate = Double.NaN;
        } else {
            position = ledger.quantityAt(book);
            openOrders = ledger.openOrderQuantityAt(book);
            positionEstimate = ledger.quantityEstimateAt(book);
            openOrdersEstimate = openOrders.doubleValue();
            lastPriceEstimate = ledger.lastPriceEstimateAt(book);
        }
        positionRead = true;
        lastPriceRead = true;
    }
}
