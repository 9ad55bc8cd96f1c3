package io.tradingsdk.core.engine.internal;

import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.ForeignOrder;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.ledger.PortfolioLedger;
import io.tradingsdk.core.ledger.StrategyAttribution;
import io.tradingsdk.core.order.OrderTracker;
import io.tradingsdk.core.order.TrackedOrder;
import io.tradingsdk.core.recovery.RecoveryMetrics;
import io.tradingsdk.core.recovery.RecoveryPolicy;
import io.tradingsdk.core.recovery.RecoveryReport;
import io.tradingsdk.core.recovery.internal.OrderEvents;
import io.tradingsdk.core.recovery.internal.RecoveryPlan;
import io.tradingsdk.core.recovery.internal.RecoveryPlanner;
import io.tradingsdk.core.recovery.internal.Reconciler;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's recovery and reconciliation: plans off the loop ({@link RecoveryPlanner},
 * {@link Reconciler}) on its own thread, applies on the loop. Order events that arrive before
 * recovery adopted their orders wait here. Event loop only, except {@link #reconcile}, {@link #close}
 * and the events it hands to {@link Host#enqueue}.
 */
public final class RecoveryCoordinator {
    private static final Logger log = LoggerFactory.getLogger(RecoveryCoordinator.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

    /** What the coordinator needs from its engine. */
    public interface Host {
        /** Any thread: hands an event to the loop. */
        void enqueue(Object event);

        /** Any thread. */
        boolean isClosed();

        void startTradingDay(BigDecimal recordedStart);

        void refreshExposure(TrackedOrder order);

        /** Sends an intent that recovery tracks again (a never-sent intent under its own id). */
        void resend(OrderIntent intent);

        void handleOrderEvent(OrderEvent event);

        /** As {@link #handleOrderEvent}, without fetching executions first (the fetch was made). */
        void applyOrderEvent(OrderEvent event);

        /** Tells the intent's strategy and the listeners of an event the engine made itself. */
        void tellStrategyAndListeners(String strategyId, OrderEvent event);

        /** The engine takes signals from now on. */
        void markReady();

        void recovered(RecoveryReport report);

        void reconciled(ReconciliationRecord record);
    }

    /** The loop events this class makes; the engine's loop hands them back to {@link #onEvent}. */
    public sealed interface Event permits Recovered, ReconcileCompare, Resync, GapLookupDone, AfterExecutions,
            ReadExecutionsAgain {
    }

    record AfterExecutions(OrderEvent event) implements Event { }

    /** The order's executions did not reach {@code then}'s cumulative quantity yet: read them again. */
    record ReadExecutionsAgain(TrackedOrder order, OrderEvent then, int attempt) implements Event { }

    record Recovered(RecoveryPlan plan, RuntimeException error) implements Event { }

    record ReconcileCompare(String kind, Reconciler.BrokerAndJournal read,
                            CompletableFuture<ReconciliationRecord> future) implements Event { }

    record Resync(String reason) implements Event { }

    /** The lookup that follows a read of the executions; {@code executionReads} reads were made so far. */
    record GapLookupDone(String clientOrderId, Optional<Order> order, Throwable error, int executionReads) implements Event { }

    private final String accountId;
    private final Executor executor;
    private final TradeJournal journal;
    private final TradingClock clock;
    private final ZoneId tradingZone;
    private final RecoveryPolicy policy;
    private final PortfolioLedger ledger;
    private final OrderTracker tracker;
    private final StrategyAttribution attribution;
    private final Host host;
    private final RecoveryMetrics metrics = new RecoveryMetrics();
    private final ParkedOrderEvents parked = new ParkedOrderEvents();
    /** Open quantity of foreign orders per symbol, as last reported to the ledger. */
    private final Map<String, BigDecimal> foreignOpen = new HashMap<>();
    private volatile ExecutorService thread;
    /** Until the executor says it cannot list executions. */
    private volatile boolean listsExecutions = true;
    private boolean recovered;

    public RecoveryCoordinator(String accountId, Executor executor, TradeJournal journal, TradingClock clock,
                               ZoneId tradingZone, RecoveryPolicy policy, PortfolioLedger ledger, OrderTracker tracker,
                               StrategyAttribution attribution, Host host) {
        this.accountId = accountId;
        this.executor = executor;
        this.journal = journal;
        this.clock = clock;
        this.tradingZone = tradingZone;
        this.policy = policy;
        this.ledger = ledger;
        this.tracker = tracker;
        this.attribution = attribution;
        this.host = host;
    }

    public RecoveryMetrics metrics() {
        return metrics;
    }

    /** Starts recovery (and, after a failure, again). */
    public void begin() {
        RecoveryPlanner planner = new RecoveryPlanner(accountId, executor, journal, clock, tradingZone, policy, IO_TIMEOUT);
        CompletableFuture<AccountSnapshot> probe;
        try {
            probe = executor.snapshot();
        } catch (RuntimeException ex) {
            probe = CompletableFuture.failedFuture(ex);
        }
        if (probe.isDone()) {
            // An executor that answers at once (the paper executor in a backtest): plan on this thread,
            // so a driven engine is ready after its first runPendingEvents().
            host.enqueue(planSafely(planner));
            return;
        }
        thread().execute(() -> host.enqueue(planSafely(planner)));
    }

    /** The executor's stream was interrupted: bring the open orders up to date (any thread). */
    public void eventsMayHaveBeenMissed(String reason) {
        host.enqueue(new Resync(reason));
    }

    /**
     * Keeps an event whose order is not tracked while recovery has not finished.
     *
     * @return true if kept (the engine does nothing else with it now)
     */
    public boolean parkUntilRecovered(OrderEvent e) {
        if (recovered || tracker.get(e.clientOrderId()) != null) {
            return false;
        }
        if (!parked.park(e)) {
            log.error("engine {}: more than {} order events arrived before recovery ended; dropped {} of {}", accountId,
                    ParkedOrderEvents.CAPACITY, e.type(), e.clientOrderId());
        }
        return true;
    }

    /**
     * Whether a cumulative-only event would apply quantity the order's fills have not covered: then
     * the engine asks the broker for the order's executions first ({@link #fetchExecutionsThen}), so
     * fills are journaled under the broker's execution ids rather than derived ones.
     */
    public boolean shouldFetchExecutionsFirst(TrackedOrder order, OrderEvent e) {
        if (!listsExecutions || e.fill() != null || e.filledQuantity().compareTo(order.filledQuantity()) <= 0) {
            return false;
        }
        BigDecimal cap = order.intent().request().quantity();
        return cap == null || order.filledQuantity().compareTo(cap) < 0;
    }

    /**
     * Off the loop: the broker's executions of this order (each comes back as an ordinary event;
     * fills dedupe as always), then {@code then} if given, else the order as the broker reports it
     * (its cumulative quantity closes whatever is still missing, as a derived fill).
     */
    public void fetchExecutionsThen(TrackedOrder order, OrderEvent then) {
        fetchExecutionsThen(order, then, 1);
    }

    private void fetchExecutionsThen(TrackedOrder order, OrderEvent then, int attempt) {
        String id = order.clientOrderId();
        Instant since = order.intent().createdAt().minus(policy.executionsLookback());
        CompletableFuture<List<OrderEvent>> executions;
        if (!listsExecutions) {
            executions = CompletableFuture.completedFuture(List.of());
        } else {
            try {
                executions = executor.executionsSince(since); // returns at once; an executor that knows at once completes it
            } catch (RuntimeException ex) {
                executions = CompletableFuture.failedFuture(ex);
            }
        }
        // The continuations run where the answer completes: inline on the loop for an executor that
        // answers at once (a driven engine stays deterministic), else on the executor's thread.
        executions.orTimeout(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((list, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof UnsupportedOperationException) {
                    listsExecutions = false;
                } else {
                    log.warn("engine {}: the executions of {} could not be read: {}", accountId, id, cause.toString());
                }
            } else {
                BigDecimal reached = BigDecimal.ZERO;
                for (OrderEvent e : list) {
                    if (e.clientOrderId().equals(id)) {
                        host.enqueue(e);
                        reached = reached.max(e.filledQuantity());
                    }
                }
                if (then != null && reached.compareTo(then.filledQuantity()) < 0
                        && attempt < RecoveryPlanner.EXECUTION_READS) {
                    // The broker's order is ahead of its list of executions (Alpaca's activities can lag
                    // the order): read it again shortly rather than journal a fill without its execution id.
                    readExecutionsAgainLater(order, then, attempt);
                    return;
                }
            }
            if (then != null) {
                host.enqueue(new AfterExecutions(then));
                return;
            }
            CompletableFuture<Optional<Order>> f;
            try {
                f = executor.lookup(id);
            } catch (RuntimeException ex) {
                f = CompletableFuture.failedFuture(ex);
            }
            f.whenComplete((o, ex) -> host.enqueue(new GapLookupDone(id, o, ex, attempt)));
        });
    }

    /** See {@code TradingEngine.reconcile}. Any thread. */
    public CompletableFuture<ReconciliationRecord> reconcile(String kind) {
        CompletableFuture<ReconciliationRecord> f = new CompletableFuture<>();
        Instant dayStart = clock.now().atZone(tradingZone).toLocalDate().atStartOfDay(tradingZone).toInstant();
        thread().execute(() -> {
            try {
                host.enqueue(new ReconcileCompare(kind, Reconciler.read(executor, journal, dayStart, IO_TIMEOUT), f));
            } catch (RuntimeException ex) {
                f.completeExceptionally(ex);
            }
        });
        return f;
    }

    /** Handles one of this class's events on the loop. */
    public void onEvent(Event e) {
        if (e instanceof Recovered r) {
            onRecovered(r);
        } else if (e instanceof ReconcileCompare c) {
            onReconcileCompare(c);
        } else if (e instanceof Resync r) {
            onResync(r);
        } else if (e instanceof GapLookupDone g) {
            onGapLookupDone(g);
        } else if (e instanceof AfterExecutions a) {
            host.applyOrderEvent(a.event());
        } else if (e instanceof ReadExecutionsAgain r) {
            fetchExecutionsThen(r.order(), r.then(), r.attempt());
        }
    }

    /** Stops the planning thread; any thread. */
    public void close() {
        ExecutorService t = thread;
        if (t != null) {
            t.shutdownNow();
        }
    }

    private Recovered planSafely(RecoveryPlanner planner) {
        try {
            return new Recovered(planner.plan(), null);
        } catch (RuntimeException ex) {
            return new Recovered(null, ex);
        }
    }

    private ExecutorService thread() {
        ExecutorService t = thread;
        if (t == null) {
            synchronized (this) {
                t = thread;
                if (t == null) {
                    t = Executors.newSingleThreadExecutor(task -> {
                        Thread th = new Thread(task, "trading-engine-" + accountId + "-recovery");
                        th.setDaemon(true);
                        return th;
                    });
                    thread = t;
                }
            }
        }
        return t;
    }

    private void onRecovered(Recovered r) {
        if (r.error() != null) {
            metrics.onFailedAttempt();
            log.error("engine {}: recovery with executor {} could not finish; not trading, retrying in {}s: {}", accountId,
                    executor.name(), RETRY.toSeconds(), r.error().toString());
            if (!host.isClosed()) {
                CompletableFuture.runAsync(this::begin,
                        CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS));
            }
            return;
        }
        RecoveryPlan plan = r.plan();
        AccountSnapshot s = plan.snapshot();
        ledger.restore(s.cash(), s.positions());
        host.startTradingDay(plan.dayStart());
        for (Fill f : plan.journalFills()) {
            journal.recordFill(f);
        }
        for (OrderEvent e : plan.journalEvents()) {
            journal.recordOrderEvent(e);
        }
        List<String> differences = new ArrayList<>(plan.differences());
        List<String> adopted = new ArrayList<>();
        for (RecoveryPlan.Adoption a : plan.adopt()) {
            try {
                host.refreshExposure(tracker.adopt(a.intent(), a.atBroker()));
                adopted.add(a.intent().clientOrderId());
            } catch (RuntimeException ex) {
                // The broker's order contradicts its journaled intent: reported, not tracked, never hidden.
                differences.add("order " + a.intent().clientOrderId() + " could not be adopted: " + ex.getMessage());
            }
        }
        setForeignExposure(plan.foreignOrders());
        attribution.restore(plan.positionsByStrategy());
        Instant now = clock.now();
        List<String> cancelled = new ArrayList<>();
        List<OrderIntent> resend = new ArrayList<>();
        for (OrderIntent intent : plan.neverSent()) {
            if (policy.neverSent() == RecoveryPolicy.NeverSent.RESEND
                    && Duration.between(intent.createdAt(), now).compareTo(policy.resendWithin()) <= 0) {
                resend.add(intent); // sent below, once the engine is ready
                continue;
            }
            cancelled.add(intent.clientOrderId());
            OrderEvent never = new OrderEvent(OrderEventType.REJECTED, intent.clientOrderId(), null, intent.symbol(),
                    intent.side(), BigDecimal.ZERO, null, null, now,
                    "never sent: the engine stopped between journaling the intent and sending it; not re-sent (recovery"
                            + " policy " + policy.neverSent() + ")");
            journal.recordOrderEvent(never);
            log.warn("engine {}: intent {} of {} never reached {}; marked REJECTED (never sent)", accountId,
                    intent.clientOrderId(), intent.strategyId(), executor.name());
            host.tellStrategyAndListeners(intent.strategyId(), never);
        }
        Set<String> used = new HashSet<>(plan.usedIds());
        List<String> resent = new ArrayList<>();
        for (OrderIntent i : resend) {
            used.remove(i.clientOrderId()); // tracked again below, as the same order
            resent.add(i.clientOrderId());
        }
        tracker.markUsed(used);
        recovered = true;
        host.markReady();
        for (OrderIntent intent : resend) {
            log.warn("engine {}: intent {} of {} never reached {}; sending it again under the same client order id",
                    accountId, intent.clientOrderId(), intent.strategyId(), executor.name());
            host.refreshExposure(tracker.create(intent));
            host.resend(intent);
        }
        List<OrderEvent> waiting = parked.drain();
        for (OrderEvent e : waiting) {
            host.handleOrderEvent(e);
        }
        RecoveryReport report = new RecoveryReport(accountId, now, adopted, plan.finishedWhileDown(), cancelled, resent,
                plan.journalFills().size(), plan.foreignOrders(), plan.unattributed(), differences);
        metrics.onRecovered(report);
        journal.recordReconciliation(new ReconciliationRecord(accountId, "recovery", now, differences, report.summary()));
        log.info("engine {}: recovered with {}: cash {}, {} positions; {}", accountId, executor.name(),
                s.cash().toPlainString(), s.positions().size(), report.summary());
        for (String d : differences) {
            log.warn("engine {}: recovery found a difference: {}", accountId, d);
        }
        for (ForeignOrder f : plan.foreignOrders()) {
            log.warn("engine {}: open order {} ({}) at {} was not placed by this engine's journal; kept as foreign,"
                    + " counted as exposure, never cancelled", accountId, f.brokerOrderId(), f.description(), executor.name());
        }
        if (!waiting.isEmpty()) {
            log.info("engine {}: applied {} order event(s) that arrived during recovery", accountId, waiting.size());
        }
        host.recovered(report);
    }

    /**
     * After the executor's stream was interrupted: every open order is brought up to date from the
     * broker, off the loop, and the answers come back as ordinary events (fills dedupe as always).
     */
    private void onResync(Resync r) {
        if (!recovered) {
            return; // recovery, still to come, reads the broker anyway
        }
        Collection<TrackedOrder> open = tracker.openOrders();
        if (open.isEmpty()) {
            return;
        }
        log.info("engine {}: bringing {} open order(s) up to date from {} ({})", accountId, open.size(), executor.name(),
                r.reason());
        for (TrackedOrder o : open) {
            fetchExecutionsThen(o, null);
        }
    }

    /** After a pause that grows with the reads made so far, the loop reads the order's executions again. */
    private void readExecutionsAgainLater(TrackedOrder order, OrderEvent then, int readsSoFar) {
        CompletableFuture.delayedExecutor(RecoveryPlanner.EXECUTIONS_LAG.toMillis() * readsSoFar, TimeUnit.MILLISECONDS)
                .execute(() -> host.enqueue(new ReadExecutionsAgain(order, then, readsSoFar + 1)));
    }

    private void onGapLookupDone(GapLookupDone g) {
        if (g.error() != null) {
            log.warn("engine {}: looking up {} to close a gap in its fills failed (the executor's own backfill may close"
                    + " it): {}", accountId, g.clientOrderId(), g.error().toString());
            return;
        }
        TrackedOrder tracked = tracker.get(g.clientOrderId());
        if (g.order() != null && g.order().isPresent() && tracked != null) {
            OrderEvent looked = OrderEvents.fromOrder(g.order().get(), "resolved by lookup");
            if (g.executionReads() < RecoveryPlanner.EXECUTION_READS && shouldFetchExecutionsFirst(tracked, looked)) {
                // The order counts more than its executions brought (the list lags the order): read them
                // again shortly, then apply the lookup; what is still missing then is derived.
                readExecutionsAgainLater(tracked, looked, g.executionReads());
                return;
            }
            host.applyOrderEvent(looked);
        }
    }

    /** The open quantity of foreign orders counts as exposure, as the broker last reported it. */
    private void setForeignExposure(List<ForeignOrder> foreign) {
        Map<String, BigDecimal> now = new HashMap<>();
        for (ForeignOrder f : foreign) {
            if (f.symbol() != null) {
                now.merge(f.symbol(), f.openSignedQuantity(), BigDecimal::add);
            }
        }
        Set<String> symbols = new HashSet<>(now.keySet());
        symbols.addAll(foreignOpen.keySet());
        for (String symbol : symbols) {
            BigDecimal delta = now.getOrDefault(symbol, BigDecimal.ZERO)
                    .subtract(foreignOpen.getOrDefault(symbol, BigDecimal.ZERO));
            if (delta.signum() != 0) {
                ledger.adjustOpenOrders(symbol, delta, BigDecimal.ZERO);
            }
        }
        foreignOpen.clear();
        foreignOpen.putAll(now);
    }

    private void onReconcileCompare(ReconcileCompare c) {
        Map<String, BigDecimal> attributed = new HashMap<>();
        attribution.snapshot().values().forEach(m -> m.forEach((sym, q) -> attributed.merge(sym, q, BigDecimal::add)));
        List<String> differences = Reconciler.compare(c.read(), ledger, attributed);
        ReconciliationRecord record = new ReconciliationRecord(accountId, c.kind(), clock.now(), differences,
                "broker vs journal vs ledger: " + c.read().snapshot().positions().size() + " broker position(s), "
                        + (c.read().executions() == null ? "no execution history"
                        : c.read().executions().size() + " execution(s)") + " and " + c.read().journalFills().size()
                        + " journaled fill(s) today, " + differences.size() + " difference(s)");
        journal.recordReconciliation(record);
        metrics.onReconciled(differences.size());
        if (differences.isEmpty()) {
            log.info("engine {}: {} reconciliation clean: {}", accountId, c.kind(), record.summary());
        } else {
            for (String d : differences) {
                log.warn("engine {}: {} reconciliation difference: {}", accountId, c.kind(), d);
            }
        }
        host.reconciled(record);
        c.future().complete(record);
    }
}
