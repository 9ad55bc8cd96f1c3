package io.tradingsdk.core.recovery;

import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.portfolio.Position;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A broker that outlives the engines talking to it, as a real one does across a host's crashes:
 * orders, executions, positions and cash. Executions have two ids, as at Alpaca: the trade stream
 * names an execution {@code exec-N}, the account's execution history {@code act-N}. Everything runs
 * on the calling thread, so a driven engine sees its events in a fixed order.
 */
final class SimBroker implements Executor {
    static final Instant T = Instant.parse("2024-01-02T15:00:00Z");

    final Map<String, BrokerOrder> orders = new LinkedHashMap<>();
    final List<OrderRequest> posts = new ArrayList<>();
    final List<String> cancels = new ArrayList<>();
    final List<OrderEvent> executions = new ArrayList<>();
    final Map<String, BigDecimal> positions = new TreeMap<>();
    final Map<String, BigDecimal> costs = new TreeMap<>();
    final List<io.tradingsdk.api.order.ForeignOrder> foreign = new ArrayList<>();
    BigDecimal cash = new BigDecimal("100000");
    /** False: order requests never arrive (the host died before the POST left). */
    boolean receivesOrders = true;
    /** Runs once after the next account snapshot is read (then cleared). */
    Runnable afterExecutionsRead;
    private OrderEventListener listener;
    private int executionSeq;

    static final class BrokerOrder {
        final OrderRequest request;
        final String brokerId;
        OrderStatus status = OrderStatus.NEW;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        Instant updated = T;

        BrokerOrder(OrderRequest request, String brokerId) {
            this.request = request;
            this.brokerId = brokerId;
        }

        BigDecimal average() {
            return filled.signum() == 0 ? null : notional.divide(filled, 10, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }

        Order toOrder() {
            return new Order(request, brokerId, status, filled, average(), updated);
        }
    }

    /** The event stream was down and is back: messages sent meanwhile are lost; the listener is told. */
    void streamResumed() {
        if (listener != null) {
            listener.onEventsMayHaveBeenMissed("stream reconnected");
        }
    }

    /** The host process died: nothing is delivered to its listener any more. */
    void hostDied() {
        listener = null;
    }

    @Override
    public String name() {
        return "sim-broker";
    }

    @Override
    public AutoCloseable subscribe(OrderEventListener l) {
        listener = l;
        return () -> {
            if (listener == l) {
                listener = null;
            }
        };
    }

    @Override
    public void submit(OrderRequest request) {
        if (!receivesOrders) {
            return;
        }
        BrokerOrder existing = orders.get(request.clientOrderId());
        if (existing != null) {
            // Alpaca: 422 client_order_id must be unique; the adapter reports the existing order as it is.
            deliver(event(existing, eventType(existing.status), null));
            return;
        }
        posts.add(request);
        BrokerOrder o = new BrokerOrder(request, "b-" + orders.size());
        orders.put(request.clientOrderId(), o);
        deliver(event(o, OrderEventType.NEW, null));
    }

    /** An order another application placed on the same account (no intent in our journal). */
    void placeOutside(String clientOrderId, String symbol, String qty) {
        OrderRequest r = OrderRequest.market(clientOrderId, symbol, OrderSide.BUY, new BigDecimal(qty),
                io.tradingsdk.api.order.TimeInForce.DAY);
        orders.put(clientOrderId, new BrokerOrder(r, "b-" + orders.size()));
    }

    /** Executes part of an order; {@code deliver=false} loses the stream message. */
    void fill(String clientOrderId, String qty, String price, boolean deliver) {
        BrokerOrder o = orders.get(clientOrderId);
        BigDecimal q = new BigDecimal(qty);
        BigDecimal p = new BigDecimal(price);
        o.filled = o.filled.add(q);
        o.notional = o.notional.add(q.multiply(p));
        o.status = o.filled.compareTo(o.request.quantity()) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        BigDecimal signed = o.request.side() == OrderSide.BUY ? q : q.negate();
        positions.merge(o.request.symbol(), signed, BigDecimal::add);
        costs.merge(o.request.symbol(), signed.multiply(p), BigDecimal::add);
        cash = cash.subtract(signed.multiply(p));
        int n = ++executionSeq;
        OrderEventType type = o.status == OrderStatus.FILLED ? OrderEventType.FILL : OrderEventType.PARTIAL_FILL;
        Fill activity = new Fill("act-" + n, clientOrderId, o.request.symbol(), o.request.side(), q, p, BigDecimal.ZERO, T);
        executions.add(new OrderEvent(type, clientOrderId, o.brokerId, o.request.symbol(), o.request.side(), o.filled,
                null, activity, T, null));
        if (deliver) {
            Fill streamed = new Fill("exec-" + n, clientOrderId, o.request.symbol(), o.request.side(), q, p, BigDecimal.ZERO, T);
            deliver(event(o, type, streamed));
        }
    }

    /** A position nobody's order explains (a transfer, a trade in another application). */
    void externalPosition(String symbol, String qty, String price) {
        positions.merge(symbol, new BigDecimal(qty), BigDecimal::add);
        costs.merge(symbol, new BigDecimal(qty).multiply(new BigDecimal(price)), BigDecimal::add);
    }

    private static OrderEventType eventType(OrderStatus s) {
        return switch (s) {
            case FILLED -> OrderEventType.FILL;
            case PARTIALLY_FILLED -> OrderEventType.PARTIAL_FILL;
            case CANCELED -> OrderEventType.CANCELED;
            default -> OrderEventType.NEW;
        };
    }

    private static OrderEvent event(BrokerOrder o, OrderEventType type, Fill fill) {
        return new OrderEvent(type, o.request.clientOrderId(), o.brokerId, o.request.symbol(), o.request.side(), o.filled,
                o.average(), fill, o.updated, null);
    }

    private void deliver(OrderEvent e) {
        if (listener != null) {
            listener.onOrderEvent(e);
        }
    }

    @Override
    public void cancel(String clientOrderId) {
        cancels.add(clientOrderId);
        BrokerOrder o = orders.get(clientOrderId);
        if (o == null || o.status.isTerminal()) {
            throw new UnsupportedOperationException("not needed by these tests");
        }
        o.status = OrderStatus.CANCELED;
        deliver(event(o, OrderEventType.CANCELED, null));
    }

    @Override
    public void replace(String clientOrderId, ReplaceRequest request) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public CompletableFuture<Optional<Order>> lookup(String clientOrderId) {
        BrokerOrder o = orders.get(clientOrderId);
        return CompletableFuture.completedFuture(Optional.ofNullable(o == null ? null : o.toOrder()));
    }

    @Override
    public CompletableFuture<AccountSnapshot> snapshot() {
        List<Position> ps = new ArrayList<>();
        positions.forEach((s, q) -> {
            if (q.signum() != 0) {
                BigDecimal avg = costs.get(s).divide(q, 10, RoundingMode.HALF_EVEN).abs();
                ps.add(new Position(s, q, avg, avg, BigDecimal.ZERO));
            }
        });
        List<Order> open = new ArrayList<>();
        for (BrokerOrder o : orders.values()) {
            if (!o.status.isTerminal()) {
                open.add(o.toOrder());
            }
        }
        return CompletableFuture.completedFuture(new AccountSnapshot(cash, ps, open, T, foreign));
    }

    /** False: the execution history does not answer (a slow broker); the futures stay open. */
    boolean answersExecutions = true;
    /**
     * While positive, a read of the execution history lacks the newest execution (the order already
     * counts it: Alpaca's activities can lag its orders); each such read counts it down.
     */
    volatile int executionsLagReads;

    @Override
    public CompletableFuture<List<OrderEvent>> executionsSince(Instant since) {
        if (!answersExecutions) {
            return new CompletableFuture<>();
        }
        List<OrderEvent> out = new ArrayList<>();
        for (OrderEvent e : executions) {
            if (!e.time().isBefore(since)) {
                out.add(e);
            }
        }
        if (executionsLagReads > 0 && !out.isEmpty()) {
            executionsLagReads--;
            out.remove(out.size() - 1);
        }
        Runnable hook = afterExecutionsRead;
        afterExecutionsRead = null;
        if (hook != null) {
            hook.run();
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public void close() {
    }
}
