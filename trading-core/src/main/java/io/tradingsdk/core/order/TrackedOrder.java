package io.tradingsdk.core.order;

import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One order as the engine tracks it: its intent, its status and the fills applied so far.
 *
 * <p>Owned by an {@link OrderTracker} and changed only by it, on the engine's event loop; read it
 * on that thread. For another thread take {@link #toOrder()}, an immutable snapshot.
 *
 * <p>{@link #filledQuantity()} and {@link #averageFillPrice()} are what the tracker has applied
 * (and handed to the ledger), which is not necessarily the last number the broker reported: an
 * event the tracker could not turn into a fill (no average price, over the order quantity) does
 * not count.
 */
public final class TrackedOrder {

    private static final int PRICE_SCALE = 10;

    private OrderIntent intent;
    private final String clientOrderId;
    /** Evicted from the tracker's retained finished orders: details dropped, the id stays taken. */
    private boolean retired;
    private OrderStatus status = OrderStatus.CREATED;
    /** The status before PENDING_CANCEL/PENDING_REPLACE, restored when the broker rejects the cancel/replace. */
    private OrderStatus statusBeforePending;
    private String brokerOrderId;
    private Instant lastUpdate;

    /*
     * Why intervals: an execution that ends at cumulative quantity c with quantity q covers (c-q, c]
     * of the order; a cumulative-only event at c says (0, c] is filled. Recording which parts of
     * (0, orderQty] have been applied (each part with its price) lets fills with ids, derived fills
     * and out-of-order arrivals of both be applied exactly once, whatever their order.
     */
    private List<Piece> pieces = new ArrayList<>();
    /** Made on the first fill with an id: most orders fill once or never. */
    private Set<String> seenFillIds;
    private BigDecimal appliedQuantity = BigDecimal.ZERO;
    /** Applied fills above a gap, not journaled yet (made on the first one: rare). */
    private List<io.tradingsdk.api.order.Fill> unjournaled;
    private BigDecimal appliedNotional = BigDecimal.ZERO;
    /** What the engine last reported to the ledger as this order's working part (see {@link #reportedOpen}). */
    /** The tracker's list of open orders runs through these (tracker only). */
    TrackedOrder prevOpen;
    TrackedOrder nextOpen;
    boolean open;
    private BigDecimal reportedOpenQuantity = BigDecimal.ZERO;
    private BigDecimal reportedOpenBuyNotional = BigDecimal.ZERO;

    TrackedOrder(OrderIntent intent) {
        this.intent = intent;
        this.clientOrderId = intent.clientOrderId();
        this.lastUpdate = intent.createdAt();
    }

    /** Only the mark that an id was used by an order this session does not track (recovery). */
    private TrackedOrder(String clientOrderId) {
        this.clientOrderId = clientOrderId;
        this.retired = true;
        this.pieces = null;
        this.appliedQuantity = null;
        this.appliedNotional = null;
        this.reportedOpenQuantity = null;
        this.reportedOpenBuyNotional = null;
    }

    static TrackedOrder usedIdMark(String clientOrderId) {
        return new TrackedOrder(clientOrderId);
    }

    /**
     * The signed unfilled quantity the engine last reported to the ledger as working for this
     * order (zero before the first report and after the last). Kept on the order so that the engine
     * needs no map of its own; only the event loop reads or writes it.
     */
    public BigDecimal reportedOpenQuantity() {
        return reportedOpenQuantity;
    }

    /** The unfilled buy notional last reported with {@link #reportedOpenQuantity()}; zero for sells. */
    public BigDecimal reportedOpenBuyNotional() {
        return reportedOpenBuyNotional;
    }

    /**
     * Records what the engine reported to the ledger (event loop only).
     *
     * @throws NullPointerException if an argument is null
     */
    public void reportedOpen(BigDecimal signedQuantity, BigDecimal buyNotional) {
        this.reportedOpenQuantity = Objects.requireNonNull(signedQuantity, "signedQuantity");
        this.reportedOpenBuyNotional = Objects.requireNonNull(buyNotional, "buyNotional");
    }

    /**
     * Drops the details of a long-finished order, keeping the object as the mark that its id was
     * used (tracker only; only {@link OrderTracker#lookup} hands a retired order out).
     */
    void retire() {
        retired = true;
        unjournaled = null;
        intent = null;
        pieces = null;
        seenFillIds = null;
        brokerOrderId = null;
        lastUpdate = null;
        statusBeforePending = null;
        appliedQuantity = null;
        appliedNotional = null;
        reportedOpenQuantity = null;
        reportedOpenBuyNotional = null;
    }

    /**
     * Whether the applied parts leave a hole: something above a part of the order that no fill has
     * covered yet (a lost message). The engine journals an order's fills only while they cover a
     * prefix of its cumulative quantity, so that recovery, which trusts that, never journals a fill twice.
     */
    public boolean hasGap() {
        BigDecimal cursor = BigDecimal.ZERO;
        for (Piece p : pieces) {
            if (p.start.compareTo(cursor) > 0) {
                return true;
            }
            cursor = cursor.max(p.end);
        }
        return false;
    }

    /** Keeps a fill the engine applied but may not journal yet (see {@link #hasGap()}); event loop only. */
    public void holdUnjournaled(io.tradingsdk.api.order.Fill fill) {
        if (unjournaled == null) {
            unjournaled = new ArrayList<>(2);
        }
        unjournaled.add(fill);
    }

    /** The held fills in the order they were applied, and none held afterwards; event loop only. */
    public List<io.tradingsdk.api.order.Fill> takeUnjournaled() {
        List<io.tradingsdk.api.order.Fill> out = unjournaled == null ? List.of() : unjournaled;
        unjournaled = null;
        return out;
    }

    /** Whether this is only the mark of a long-finished order's id: every detail is gone ({@link #intent()} is null). */
    public boolean isRetired() {
        return retired;
    }

    public OrderIntent intent() {
        return intent;
    }

    public String clientOrderId() {
        return clientOrderId;
    }

    public String symbol() {
        return intent.symbol();
    }

    public OrderStatus status() {
        return status;
    }

    /** Whether no further status change can follow (see {@link OrderStatus#isTerminal()}). */
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** Cumulative quantity applied so far; zero when nothing filled. */
    public BigDecimal filledQuantity() {
        return appliedQuantity;
    }

    /**
     * Volume-weighted average of the applied fills (scale at most 10, HALF_EVEN, trailing zeros
     * stripped), or {@code null} when nothing filled.
     */
    public BigDecimal averageFillPrice() {
        if (appliedQuantity.signum() == 0) {
            return null;
        }
        return appliedNotional.divide(appliedQuantity, PRICE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /** Exact sum of quantity times price over the applied fills. */
    public BigDecimal filledNotional() {
        return appliedNotional;
    }

    /** The broker's order id, or {@code null} before the broker reported one. */
    public String brokerOrderId() {
        return brokerOrderId;
    }

    /** Time of the latest change (event time, or the tracker clock for local transitions). */
    public Instant lastUpdate() {
        return lastUpdate;
    }

    /** An immutable snapshot as the API's {@link Order}. */
    public Order toOrder() {
        return new Order(intent.request(), brokerOrderId, status, appliedQuantity, averageFillPrice(), lastUpdate);
    }

    @Override
    public String toString() {
        return "TrackedOrder[" + clientOrderId() + ' ' + intent.side() + ' ' + symbol() + ' ' + status
                + " filled=" + appliedQuantity.toPlainString() + ']';
    }

    // ---- mutation, by OrderTracker only ----

    void status(OrderStatus to) {
        if (to == OrderStatus.PENDING_CANCEL || to == OrderStatus.PENDING_REPLACE) {
            if (status != OrderStatus.PENDING_CANCEL && status != OrderStatus.PENDING_REPLACE) {
                statusBeforePending = status;
            }
        } else {
            statusBeforePending = null;
        }
        status = to;
    }

    OrderStatus statusBeforePending() {
        return statusBeforePending;
    }

    void brokerOrderId(String id) {
        brokerOrderId = id;
    }

    void touch(Instant time) {
        if (time != null && (lastUpdate == null || time.isAfter(lastUpdate))) {
            lastUpdate = time;
        }
    }

    boolean seenFillId(String fillId) {
        return seenFillIds != null && seenFillIds.contains(fillId);
    }

    void markFillIdSeen(String fillId) {
        if (seenFillIds == null) {
            seenFillIds = new HashSet<>(4);
        }
        seenFillIds.add(fillId);
    }

    /** The order quantity for quantity orders, or {@code null} for notional orders (no exact cap). */
    BigDecimal quantityCap() {
        return intent.request().quantity();
    }

    /** The highest cumulative quantity covered by any applied part, zero if none. */
    BigDecimal coveredEnd() {
        return pieces.isEmpty() ? BigDecimal.ZERO : pieces.get(pieces.size() - 1).end;
    }

    /** Applied quantity and notional that lie inside (0, upTo]. Index 0: quantity, 1: notional. */
    BigDecimal[] coveredWithin(BigDecimal upTo) {
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (Piece p : pieces) {
            if (p.start.compareTo(upTo) >= 0) {
                break;
            }
            BigDecimal len = p.end.min(upTo).subtract(p.start);
            qty = qty.add(len);
            notional = notional.add(len.multiply(p.price));
        }
        return new BigDecimal[]{qty, notional};
    }

    /**
     * The parts of (from, to] not applied yet, clipped to the order quantity when there is one,
     * as [start, end] pairs in increasing order.
     */
    List<BigDecimal[]> uncovered(BigDecimal from, BigDecimal to) {
        BigDecimal cap = quantityCap();
        if (cap != null) {
            to = to.min(cap);
        }
        List<BigDecimal[]> gaps = new ArrayList<>(2);
        BigDecimal cursor = from;
        for (Piece p : pieces) {
            if (cursor.compareTo(to) >= 0) {
                break;
            }
            if (p.end.compareTo(cursor) <= 0) {
                continue;
            }
            if (p.start.compareTo(cursor) > 0) {
                gaps.add(new BigDecimal[]{cursor, p.start.min(to)});
            }
            cursor = cursor.max(p.end);
        }
        if (cursor.compareTo(to) < 0) {
            gaps.add(new BigDecimal[]{cursor, to});
        }
        return gaps;
    }

    /** Records the given parts as applied at {@code price}; they must come from {@link #uncovered}. */
    void apply(List<BigDecimal[]> parts, BigDecimal price) {
        for (BigDecimal[] part : parts) {
            Piece piece = new Piece(part[0], part[1], price);
            int i = pieces.size();
            while (i > 0 && pieces.get(i - 1).start.compareTo(piece.start) > 0) {
                i--;
            }
            pieces.add(i, piece);
            BigDecimal len = piece.end.subtract(piece.start);
            appliedQuantity = appliedQuantity.add(len);
            appliedNotional = appliedNotional.add(len.multiply(price));
        }
    }

    static BigDecimal length(List<BigDecimal[]> parts) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal[] part : parts) {
            sum = sum.add(part[1].subtract(part[0]));
        }
        return sum;
    }

    /** An applied part (start, end] of the order's cumulative quantity, filled at one price. */
    private record Piece(BigDecimal start, BigDecimal end, BigDecimal price) {
    }
}
