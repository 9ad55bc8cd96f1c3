package io.tradingsdk.benchmarks;

import io.tradingsdk.api.journal.ConfigChangeRecord;
import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.ReplaceRequest;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.core.journal.DiscardingTradeJournal;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.strategy.MovingAverageCrossoverStrategy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Parts the benchmarks share: the strategy's settings, a do-nothing broker and a journal that keeps nothing. */
public final class Fixtures {

    /** Fast moving average of the crossover strategy: the provider's default. */
    public static final int FAST = 10;
    /** Slow moving average of the crossover strategy: the provider's default. */
    public static final int SLOW = 30;
    /** Starting cash of every account. */
    public static final BigDecimal INITIAL_CASH = new BigDecimal("100000");

    private Fixtures() {
    }

    /** The moving-average crossover with the provider's defaults (confidence 0.6, +4 % / -2 %, exit by CLOSE). */
    public static MovingAverageCrossoverStrategy crossover() {
        return new MovingAverageCrossoverStrategy(FAST, SLOW, 0.6, 0.04, 0.02, SignalAction.CLOSE);
    }

    /** {@code "memory"}: the built-in {@link InMemoryTradeJournal}; {@code "none"}: a {@link DiscardingTradeJournal} (keeps nothing, like a journal that writes elsewhere). */
    public static TradeJournal journal(String kind) {
        return switch (kind) {
            case "memory" -> new InMemoryTradeJournal();
            case "none" -> new DiscardingTradeJournal();
            default -> throw new IllegalArgumentException("journal must be 'memory' or 'none', was '" + kind + "'");
        };
    }

    /**
     * A broker that accepts every order and returns at once. By default no event ever comes back, so
     * the measured path ends when the order is handed over; with {@code cancelAtOnce} it answers each
     * order with a CANCELED event right away, so orders do not stay working (the engine counts
     * working orders as exposure, and they would use up the position room). Its account is the given
     * cash, flat, with no open orders.
     */
    public static final class DoNothingExecutor implements Executor {
        private final AccountSnapshot account;
        private final boolean cancelAtOnce;
        private OrderEventListener listener;
        private long submitted;

        public DoNothingExecutor(BigDecimal cash, Instant time) {
            this(cash, time, false);
        }

        public DoNothingExecutor(BigDecimal cash, Instant time, boolean cancelAtOnce) {
            this.account = new AccountSnapshot(cash, List.of(), List.of(), time);
            this.cancelAtOnce = cancelAtOnce;
        }

        /** How many orders were handed over (read on the thread that drives the engine). */
        public long submitted() {
            return submitted;
        }

        @Override
        public String name() {
            return "do-nothing";
        }

        @Override
        public AutoCloseable subscribe(OrderEventListener listener) {
            this.listener = listener;
            return () -> this.listener = null;
        }

        @Override
        public void submit(OrderRequest request) {
            submitted++;
            if (cancelAtOnce && listener != null) {
                listener.onOrderEvent(new io.tradingsdk.api.order.OrderEvent(io.tradingsdk.api.order.OrderEventType.CANCELED,
                        request.clientOrderId(), Long.toString(submitted), request.symbol(), request.side(), BigDecimal.ZERO, null,
                        null, account.time(), "canceled at once by the benchmark broker"));
            }
        }

        @Override
        public void cancel(String clientOrderId) {
        }

        @Override
        public void replace(String clientOrderId, ReplaceRequest request) {
        }

        @Override
        public CompletableFuture<Optional<Order>> lookup(String clientOrderId) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<AccountSnapshot> snapshot() {
            return CompletableFuture.completedFuture(account);
        }

        @Override
        public void close() {
        }
    }

}
