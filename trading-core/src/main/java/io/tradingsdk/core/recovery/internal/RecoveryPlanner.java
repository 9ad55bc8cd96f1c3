package io.tradingsdk.core.recovery.internal;

import io.tradingsdk.api.journal.JournaledOrder;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.order.AccountSnapshot;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.ForeignOrder;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.recovery.RecoveryPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the broker and the journal and decides what recovery does (off the event loop: it blocks
 * on I/O). Rules:
 * <ul>
 *   <li>The broker is the truth for cash and positions: its snapshot is read until two reads agree.</li>
 *   <li>The broker's executions are read after its snapshot and after every lookup, so they include
 *       each fill those order views count; while an order's filled quantity is still ahead of them
 *       (a broker whose list lags its orders), they are read again, up to three reads in all.</li>
 *   <li>Every execution the broker reports since shortly before the journal's last record that the
 *       journal's fills of that order do not cover yet is journaled once, under the broker's
 *       execution id. An order's journaled fills cover a prefix of its cumulative quantity, so an
 *       execution ending at cumulative c is new exactly where c exceeds what is journaled. Without
 *       executions (an executor that cannot list them) the difference between the broker's filled
 *       quantity and the journal's becomes one fill with the derived id {@code clientOrderId#cumulative}.</li>
 *   <li>Each order the journal saw unfinished is decided by the broker: open there, it is adopted
 *       with the broker's filled quantity as its starting state; final there, its final event is
 *       journaled; unknown there after {@link RecoveryPolicy#notFoundLookups()} lookups and at least
 *       {@link RecoveryPolicy#notFoundMinAge()} after its intent, it was never sent.</li>
 *   <li>A lookup or read that fails fails the whole plan: nothing is decided on a broker that did
 *       not answer.</li>
 * </ul>
 */
public final class RecoveryPlanner {
    private static final Logger log = LoggerFactory.getLogger(RecoveryPlanner.class);
    private static final int SNAPSHOT_READS = 5;
    /**
     * How often the broker's executions are read, in all, while an order counts more than they
     * bring (its list lags its orders), before a fill is derived; at start and during the session.
     */
    public static final int EXECUTION_READS = 3;
    /** The first pause before reading them again; the next ones grow linearly. */
    public static final Duration EXECUTIONS_LAG = Duration.ofMillis(200);
    private static final int PRICE_SCALE = 10;

    private final String accountId;
    private final Executor executor;
    private final TradeJournal journal;
    private final TradingClock clock;
    private final ZoneId tradingZone;
    private final RecoveryPolicy policy;
    private final Duration ioTimeout;

    public RecoveryPlanner(String accountId, Executor executor, TradeJournal journal, TradingClock clock,
                           ZoneId tradingZone, RecoveryPolicy policy, Duration ioTimeout) {
        this.accountId = accountId;
        this.executor = executor;
        this.journal = journal;
        this.clock = clock;
        this.tradingZone = tradingZone;
        this.policy = policy;
        this.ioTimeout = ioTimeout;
    }

    /**
     * @throws RecoveryFailedException when the broker or the journal could not be read; nothing was
     *                                 decided and nothing changed
     */
    public RecoveryPlan plan() {
        // Records a previous run left buffered or spilled must be readable before anything is decided.
        await(journal.flush(), "the journal's backlog");
        AccountSnapshot snapshot = stableSnapshot();
        List<OrderIntent> intents = journal.intents();
        Map<String, OrderIntent> intentById = new HashMap<>(intents.size() * 2);
        for (OrderIntent i : intents) {
            intentById.putIfAbsent(i.clientOrderId(), i);
        }
        List<JournaledOrder> unfinished = journal.unfinishedOrders();
        List<Fill> allFills = journal.fills();
        Map<String, Order> openAtBroker = new LinkedHashMap<>();
        for (Order o : snapshot.openOrders()) {
            openAtBroker.put(o.clientOrderId(), o);
        }

        // What the journal's fills cover, per order, updated as fills are planned.
        Map<String, BigDecimal[]> covered = new HashMap<>();
        for (Fill f : allFills) {
            BigDecimal[] c = covered.computeIfAbsent(f.clientOrderId(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            c[0] = c[0].add(f.quantity());
            c[1] = c[1].add(f.notional());
        }
        List<Fill> newFills = new ArrayList<>();
        List<String> differences = new ArrayList<>();

        List<RecoveryPlan.Adoption> adopt = new ArrayList<>();
        List<OrderEvent> finalEvents = new ArrayList<>();
        List<String> finishedWhileDown = new ArrayList<>();
        List<OrderIntent> neverSent = new ArrayList<>();
        Set<String> decided = new LinkedHashSet<>();
        // The broker's view of every unfinished order first: lookups take time, and the orders keep
        // filling meanwhile.
        Map<String, Order> atBrokerById = new LinkedHashMap<>();
        for (JournaledOrder jo : unfinished) {
            Order atBroker = openAtBroker.get(jo.clientOrderId());
            if (atBroker == null) {
                atBroker = lookupUntilSure(jo.intent()).orElse(null);
            }
            if (atBroker != null) {
                atBrokerById.put(jo.clientOrderId(), atBroker);
            }
        }
        // Then the executions, read after every order view above: each fill those views count is among
        // them, so it is journaled under the broker's execution id, not derived from a cumulative quantity.
        if (!intents.isEmpty()) {
            Instant since = since(intents, unfinished, allFills);
            List<OrderEvent> executions = executionsSince(since);
            backfillExecutions(executions, intentById, covered, allFills, newFills);
            // The broker's orders can be ahead of its list of executions (Alpaca's activities may lag):
            // read it again shortly before any fill is derived from a cumulative quantity.
            for (int read = 2; executions != null && read <= EXECUTION_READS && aheadOfExecutions(atBrokerById, covered);
                 read++) {
                pause(EXECUTIONS_LAG.multipliedBy(read - 1));
                executions = executionsSince(since);
                backfillExecutions(executions, intentById, covered, allFills, newFills);
            }
        }
        for (JournaledOrder jo : unfinished) {
            String id = jo.clientOrderId();
            decided.add(id);
            Order atBroker = atBrokerById.get(id);
            if (atBroker == null) {
                neverSent.add(jo.intent());
                continue;
            }
            closeFromCumulative(jo.intent(), atBroker, covered, newFills, differences);
            if (atBroker.status().isTerminal()) {
                finalEvents.add(finalEvent(atBroker));
                finishedWhileDown.add(id);
            } else {
                adopt.add(new RecoveryPlan.Adoption(jo.intent(), atBroker));
            }
        }
        List<ForeignOrder> foreign = new ArrayList<>(snapshot.foreignOrders());
        for (Order o : snapshot.openOrders()) {
            if (decided.contains(o.clientOrderId())) {
                continue;
            }
            OrderIntent intent = intentById.get(o.clientOrderId());
            if (intent == null) {
                foreign.add(new ForeignOrder(o.brokerOrderId() == null ? o.clientOrderId() : o.brokerOrderId(),
                        o.clientOrderId(), o.symbol(), o.request().side(), o.request().quantity(), o.filledQuantity(),
                        o.request().type().name().toLowerCase(java.util.Locale.ROOT) + ' ' + o.status().wireName()));
                continue;
            }
            // The journal saw it end, the broker says it is open: the broker is the truth.
            differences.add("order " + o.clientOrderId() + " is finished in the journal but open at the broker ("
                    + o.status().wireName() + "); adopted as the broker reports it");
            closeFromCumulative(intent, o, covered, newFills, differences);
            adopt.add(new RecoveryPlan.Adoption(intent, o));
        }

        Map<String, Map<String, BigDecimal>> byStrategy = new TreeMap<>();
        Map<String, BigDecimal> journalNet = new TreeMap<>();
        List<Fill> explained = new ArrayList<>(allFills.size() + newFills.size());
        explained.addAll(allFills);
        explained.addAll(newFills);
        for (Fill f : explained) {
            BigDecimal signed = f.side() == OrderSide.BUY ? f.quantity() : f.quantity().negate();
            journalNet.merge(f.symbol(), signed, BigDecimal::add);
            OrderIntent intent = intentById.get(f.clientOrderId());
            if (intent != null) {
                byStrategy.computeIfAbsent(intent.strategyId(), k -> new TreeMap<>()).merge(f.symbol(), signed, BigDecimal::add);
            }
        }
        Map<String, BigDecimal> unattributed = new TreeMap<>();
        Map<String, BigDecimal> brokerNet = new TreeMap<>();
        for (Position p : snapshot.positions()) {
            brokerNet.merge(p.symbol(), p.quantity(), BigDecimal::add);
        }
        Set<String> symbols = new LinkedHashSet<>(brokerNet.keySet());
        symbols.addAll(journalNet.keySet());
        for (String s : symbols) {
            BigDecimal broker = brokerNet.getOrDefault(s, BigDecimal.ZERO);
            BigDecimal attributed = BigDecimal.ZERO;
            for (Map<String, BigDecimal> m : byStrategy.values()) {
                attributed = attributed.add(m.getOrDefault(s, BigDecimal.ZERO));
            }
            BigDecimal rest = broker.subtract(attributed);
            if (rest.signum() != 0) {
                unattributed.put(s, rest);
                differences.add(s + ": the broker holds " + broker.toPlainString() + ", the journal's fills of this"
                        + " engine's strategies explain " + attributed.toPlainString() + "; "
                        + rest.toPlainString() + " is unattributed");
            }
        }
        var today = clock.now().atZone(tradingZone).toLocalDate();
        BigDecimal dayStart = journal.dayStartEquity(today).orElse(null);
        return new RecoveryPlan(snapshot, dayStart, intentById.keySet(), newFills, finalEvents, adopt, finishedWhileDown,
                neverSent, foreign, byStrategy, unattributed, differences);
    }

    /** Two reads of the account that agree, so positions and open orders' filled quantities belong together. */
    private AccountSnapshot stableSnapshot() {
        AccountSnapshot previous = await(executor.snapshot(), "the account snapshot");
        for (int i = 1; i < SNAPSHOT_READS; i++) {
            AccountSnapshot next = await(executor.snapshot(), "the account snapshot");
            if (sameState(previous, next)) {
                return next;
            }
            previous = next;
        }
        throw new RecoveryFailedException("the broker's account kept changing over " + SNAPSHOT_READS
                + " reads (fills in progress); will read it again");
    }

    static boolean sameState(AccountSnapshot a, AccountSnapshot b) {
        if (a.cash().compareTo(b.cash()) != 0 || a.positions().size() != b.positions().size()
                || a.openOrders().size() != b.openOrders().size()) {
            return false;
        }
        Map<String, BigDecimal> pa = new HashMap<>();
        for (Position p : a.positions()) {
            pa.put(p.symbol(), p.quantity());
        }
        for (Position p : b.positions()) {
            BigDecimal q = pa.get(p.symbol());
            if (q == null || q.compareTo(p.quantity()) != 0) {
                return false;
            }
        }
        Map<String, Order> oa = new HashMap<>();
        for (Order o : a.openOrders()) {
            oa.put(o.clientOrderId(), o);
        }
        for (Order o : b.openOrders()) {
            Order x = oa.get(o.clientOrderId());
            if (x == null || x.filledQuantity().compareTo(o.filledQuantity()) != 0 || x.status() != o.status()) {
                return false;
            }
        }
        return true;
    }

    private Instant since(List<OrderIntent> intents, List<JournaledOrder> unfinished, List<Fill> fills) {
        Instant last = Instant.MIN;
        for (OrderIntent i : intents) {
            last = i.createdAt().isAfter(last) ? i.createdAt() : last;
        }
        for (Fill f : fills) {
            last = f.time().isAfter(last) ? f.time() : last;
        }
        Instant since = last.minus(policy.executionsLookback());
        for (JournaledOrder o : unfinished) {
            Instant t = o.intent().createdAt().minus(policy.executionsLookback());
            since = t.isBefore(since) ? t : since;
        }
        return since;
    }

    /** The broker's executions, or null when this executor cannot list them (then cumulative quantities decide). */
    private List<OrderEvent> executionsSince(Instant since) {
        CompletableFuture<List<OrderEvent>> f;
        try {
            f = executor.executionsSince(since);
        } catch (UnsupportedOperationException e) {
            f = CompletableFuture.failedFuture(e);
        }
        try {
            return f.get(ioTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedOperationException) {
                log.warn("engine {}: executor {} cannot list executions; fills missing from the journal are derived"
                        + " from each order's cumulative quantity (without the broker's execution ids)", accountId,
                        executor.name());
                return null;
            }
            throw new RecoveryFailedException("the broker's executions since " + since + " could not be read: "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecoveryFailedException("interrupted while reading executions", e);
        } catch (TimeoutException e) {
            throw new RecoveryFailedException("the broker's executions were not read within " + ioTimeout, e);
        }
    }

    /** Whether some order's filled quantity at the broker is more than its journaled and planned fills cover. */
    private static boolean aheadOfExecutions(Map<String, Order> atBroker, Map<String, BigDecimal[]> covered) {
        for (Order o : atBroker.values()) {
            BigDecimal[] c = covered.get(o.clientOrderId());
            if (o.filledQuantity().compareTo(c == null ? BigDecimal.ZERO : c[0]) > 0) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecoveryFailedException("interrupted while waiting for the broker's executions", e);
        }
    }

    private void backfillExecutions(List<OrderEvent> executions, Map<String, OrderIntent> intentById,
                                    Map<String, BigDecimal[]> covered, List<Fill> journaled, List<Fill> newFills) {
        if (executions == null) {
            return;
        }
        java.util.Set<String> knownFillIds = new java.util.HashSet<>();
        for (Fill f : journaled) {
            knownFillIds.add(f.fillId());
        }
        for (Fill f : newFills) {
            knownFillIds.add(f.fillId()); // a second read of the executions plans nothing twice
        }
        List<OrderEvent> sorted = new ArrayList<>(executions);
        // Per order in cumulative order; orders in the order of their first execution.
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            firstSeen.putIfAbsent(sorted.get(i).clientOrderId(), i);
        }
        sorted.sort(Comparator.<OrderEvent>comparingInt(e -> firstSeen.get(e.clientOrderId()))
                .thenComparing(OrderEvent::filledQuantity));
        for (OrderEvent e : sorted) {
            Fill f = e.fill();
            if (f == null) {
                continue;
            }
            if (!intentById.containsKey(e.clientOrderId())) {
                // Another application's order: its executions explain the broker's positions; they are
                // journaled by the broker's id, once (the journal would ignore a repeat anyway).
                if (knownFillIds.add(f.fillId())) {
                    newFills.add(f);
                }
                continue;
            }
            BigDecimal[] c = covered.computeIfAbsent(e.clientOrderId(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal end = e.filledQuantity().max(f.quantity());
            if (end.compareTo(c[0]) <= 0) {
                continue;
            }
            BigDecimal start = end.subtract(f.quantity()).max(c[0]);
            BigDecimal qty = end.subtract(start);
            Fill add = qty.compareTo(f.quantity()) == 0 ? f
                    : new Fill(f.fillId(), f.clientOrderId(), f.symbol(), f.side(), qty, f.price(), f.fee(), f.time());
            newFills.add(add);
            c[0] = end;
            c[1] = c[1].add(add.notional());
        }
    }

    /** The part of the broker's filled quantity that the journal (and the executions) did not explain, as one fill. */
    private void closeFromCumulative(OrderIntent intent, Order o, Map<String, BigDecimal[]> covered, List<Fill> newFills,
                                     List<String> differences) {
        BigDecimal[] c = covered.computeIfAbsent(o.clientOrderId(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal gap = o.filledQuantity().subtract(c[0]);
        if (gap.signum() <= 0) {
            return;
        }
        if (o.averageFillPrice() == null || o.averageFillPrice().signum() <= 0) {
            differences.add("order " + o.clientOrderId() + ": the broker reports " + o.filledQuantity().toPlainString()
                    + " filled without an average price; " + gap.toPlainString() + " could not be journaled");
            return;
        }
        BigDecimal price = o.filledQuantity().multiply(o.averageFillPrice()).subtract(c[1])
                .divide(gap, PRICE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (price.signum() <= 0) {
            price = o.averageFillPrice();
        }
        String id = o.clientOrderId() + '#' + o.filledQuantity().stripTrailingZeros().toPlainString();
        Fill f = new Fill(id, o.clientOrderId(), intent.symbol(), intent.side(), gap, price, BigDecimal.ZERO, o.updatedAt());
        newFills.add(f);
        c[0] = o.filledQuantity();
        c[1] = c[1].add(f.notional());
    }

    /**
     * The broker's answer for an intent: present, or absent after enough lookups and once the
     * intent is old enough. Age is the engine clock's (the intent's time is), but the wait is real
     * time, so a simulated clock that stands still cannot hold recovery forever.
     */
    private Optional<Order> lookupUntilSure(OrderIntent intent) {
        Duration age = Duration.between(intent.createdAt(), clock.now());
        long waitNanos = Math.max(0L, policy.notFoundMinAge().minus(age).toNanos());
        long deadline = System.nanoTime() + waitNanos;
        for (int attempt = 1; ; attempt++) {
            Optional<Order> found = await(executor.lookup(intent.clientOrderId()), "the lookup of " + intent.clientOrderId());
            if (found.isPresent()) {
                return found;
            }
            long remaining = deadline - System.nanoTime();
            if (attempt >= policy.notFoundLookups() && remaining <= 0) {
                return Optional.empty();
            }
            sleep(Math.max(10L, Math.min(1_000L, TimeUnit.NANOSECONDS.toMillis(remaining))));
        }
    }

    private static OrderEvent finalEvent(Order o) {
        return OrderEvents.fromOrder(o, o.status() == OrderStatus.REJECTED
                ? "rejected by the broker while the engine was down" : "recovered at start");
    }

    private <T> T await(CompletableFuture<T> f, String what) {
        return Await.await(f, ioTimeout, what);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecoveryFailedException("interrupted while waiting to look an order up again", e);
        }
    }

}
