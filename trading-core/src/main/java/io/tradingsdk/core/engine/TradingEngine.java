package io.tradingsdk.core.engine;

import io.tradingsdk.api.journal.ConfigChangeRecord;
import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.Order;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventListener;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterType;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.PositionSizer;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.risk.RiskManager;
import io.tradingsdk.api.risk.RiskRule;
import io.tradingsdk.api.risk.RiskRuleProvider;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.StrategyProvider;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.engine.internal.CallbackFuture;
import io.tradingsdk.core.engine.internal.InternalFailure;
import io.tradingsdk.core.engine.internal.SignalValidator;
import io.tradingsdk.core.journal.InMemoryTradeJournal;
import io.tradingsdk.core.ledger.PortfolioLedger;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.metrics.MetricsSnapshot;
import io.tradingsdk.core.metrics.TradingMetrics;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.order.OrderTracker;
import io.tradingsdk.core.order.TrackedOrder;
import io.tradingsdk.core.ledger.StrategyAttribution;
import io.tradingsdk.core.recovery.RecoveryMetrics;
import io.tradingsdk.core.recovery.RecoveryPolicy;
import io.tradingsdk.core.recovery.RecoveryReport;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.core.recovery.internal.OrderEvents;
import io.tradingsdk.core.engine.internal.RecoveryCoordinator;
import io.tradingsdk.core.risk.AccountGuard;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.risk.TradingStateGate;
import io.tradingsdk.core.time.MarketCalendarClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading engine of one account: bars in, strategies, sizing, the quick risk check, the journal
 * and the executor; order events back through the order state machine into the ledger and the
 * strategies' callbacks.
 *
 * <p><b>Threads.</b> All work happens on one event loop. Everything a host calls ({@link #onBar},
 * {@link #execute}, {@link #setTradingState}, ...) is thread-safe and only enqueues onto a lock-free
 * inbox; the loop does the work in arrival order. Events raised on the loop's own thread (an executor
 * that answers inside {@code submit}, paper fills in a backtest) go to a plain loop-local queue
 * instead, which runs first, in its own order. The loop does no I/O and takes no locks: slow
 * things (journal writes, broker calls, lookups) run elsewhere and come back as events. The loop
 * is either the engine's own thread ({@link #start()}: paper and live trading) or the caller of
 * {@link #runPendingEvents()} (a backtest runner driving the engine synchronously). The same code
 * runs in both; there is no backtest branch.
 *
 * <p><b>Order flow.</b> A signal (from a strategy, or from the host through {@link #execute}) is
 * validated, sized, risk-checked, journaled as an intent with a deterministic client order id, and
 * only when the intent is durable handed to the {@link Executor}. A denial is an outcome with a
 * {@link DenialReason}; it changes neither the ledger nor the orders.
 *
 * <p><b>Trading state.</b> Before a signal is sized, and again on the sized intent before the risk
 * manager, the engine applies the account's {@link TradingState} ({@link TradingStateGate}),
 * whatever risk manager or rules are configured: HALTED denies every order
 * ({@link DenialReason#TRADING_HALTED}), REDUCING every order that does not reduce the exposure,
 * position plus working orders ({@link DenialReason#REDUCING_ONLY}). Cancels are not gated.
 *
 * <p><b>Failures.</b> A sizer or risk manager that throws (or answers {@code null}) does not decide:
 * the signal is denied with {@link DenialReason#INTERNAL_ERROR}, counted in the metrics under that
 * reason, and the exception is logged at ERROR.
 *
 * <p><b>Fail closed; recovery.</b> The engine starts not ready: until recovery has made the broker,
 * the journal and the engine agree, every signal is denied with {@link DenialReason#NOT_READY}.
 * Recovery runs off the loop at every start (see {@link io.tradingsdk.core.recovery.internal.RecoveryPlanner} for its rules and
 * {@link RecoveryPolicy} for the choices a host can make): the broker's cash and positions become
 * the ledger's; orders open at the broker are adopted with their filled quantity as their starting
 * state (no fill is applied twice); fills the journal lacks are journaled once under the broker's
 * execution ids; every journaled intent that was not finished is resolved (adopted, journaled as
 * finished, or never sent and then cancelled or re-sent under the same id); client order ids the
 * journal already used are never sent again; open orders another application placed are kept as
 * foreign (counted as open exposure, never cancelled). Order events that arrive before recovery
 * ends wait for it instead of being dropped. A broker or journal that cannot be read is retried,
 * never taken as a flat account. The outcome reaches the log, {@link EngineListener#onRecovered},
 * {@link #recoveryMetrics()} and the journal ({@link ReconciliationRecord} of kind {@code recovery}).
 * {@link #reconcile} compares broker, journal and ledger again at any time (end of day, on demand)
 * and reports differences as alerts without changing anything.
 *
 * <p><b>Strategy lifecycle.</b> A host may first feed history with {@link #warmUp} (strategies see the
 * bars, nothing else does, their signals are dropped), then call {@link #startStrategies()}; every
 * strategy's {@link TradingStrategy#onStart} runs once on the loop, before its first live bar or clock
 * event (also when the host never calls {@code startStrategies}). {@link #onClockEvent} delivers
 * session open and close and timer ticks; a signal returned from them trades like one from a bar.
 *
 * <p><b>Venue halt.</b> When the executor reports that the venue halted trading
 * ({@link OrderEventListener#onVenueHalted}), the loop moves the account to
 * {@link TradingState#HALTED}, logs the reason at ERROR and tells the listeners
 * ({@link EngineListener#onTradingHalted}). Every later signal is denied with
 * {@link DenialReason#TRADING_HALTED} before it is sized or its intent journaled (a signal
 * already sent still answers with its order); cancels still go out. Nothing on the loop lifts the
 * halt (not a new trading day, not a guard); only the host does, with {@link #setTradingState}.
 * The journal has no record type for it: the ERROR log line, the listeners and each denial's
 * message carry the reason.
 *
 * <p><b>Market data that ends.</b> A live source that ends the engine's subscription
 * ({@link BarListener#onFailure}, e.g. the feed refused the credentials or the connection limit
 * after a reconnect) halts the account the same way: strategies would otherwise go on signalling
 * (from timers and session callbacks) on prices that no longer arrive. The listeners hear
 * {@code "the market data feed ended: <why>"}. Subscribing again does not lift the halt; the host does.
 */
public final class TradingEngine implements BarListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TradingEngine.class);
    private static final int MAX_RESUBMITS_AFTER_NOT_FOUND = 3;

    // Wiring: immutable after build.
    private final String accountId;
    private final TradingClock clock;
    private final ZoneId tradingZone;
    private final Map<String, StrategySlot> slotsById;
    private final Map<String, StrategySlot[]> slotsBySymbol;
    private final PositionSizer sizer;
    private final ProviderContext providerContext;
    private final List<AccountGuard> extraGuards;
    private final List<String> knownRuleNames;
    private final Executor executor;
    /** The SUBMITTED transition's note, made once rather than per order. */
    private final String sentTo;
    private final TradeJournal journal;
    private final TradingMetrics metrics;
    private final SignalValidator validator;
    private final TimeInForce timeInForce;
    private final EngineObserver[] observers;
    private final List<ListenerRegistration> listeners;
    /**
     * Completes the host's futures off the loop. Not the common pool: on JDK 17 with fewer than
     * three cores it starts a new thread for every task.
     */
    private final java.util.concurrent.Executor callbacks;
    /** Where continuations of host futures run: the callbacks, or the caller once they are shut down. */
    private final java.util.concurrent.Executor continuations;
    private final java.util.concurrent.ExecutorService ownedCallbacks;

    // Loop state: touched by the loop thread only.
    private final PortfolioLedger ledger;
    private final OrderTracker tracker;
    private final StrategyAttribution attribution = new StrategyAttribution();
    private final RecoveryCoordinator recovery;
    private final Map<String, PendingSubmit> pendingSubmits = new HashMap<>();
    private final Map<String, Integer> resubmits = new HashMap<>();
    /** Cache of the last bar's symbol (identity) and the slots trading it. */
    private String lastBarSymbol;
    private StrategySlot[] lastBarSlots;
    /** Cache of the last strategy's metrics recorder. */
    private String lastRecorderId;
    private TradingMetrics.StrategyRecorder lastRecorder;
    // Risk configuration: replaced whole, on the loop, when a rule's parameters change.
    private RiskManager riskManager;
    private List<AccountGuard> guards;
    private List<RuleSlot> ruleSlots;
    private long configVersion = 1;
    private volatile long configVersionVolatile = 1;
    private long nextDayStartMillis = Long.MIN_VALUE;
    private boolean reducingByGuard;
    private boolean readyOnLoop;
    /** Why the engine itself HALTED the account (the venue halted, the market data ended); cleared by the host's setTradingState. */
    private final Map<HaltKind, String> engineHaltCauses = new EnumMap<>(HaltKind.class);

    // Cross-thread state.
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    /** Events enqueued by the loop's own thread: no node, no CAS; only that thread touches it. */
    private final java.util.ArrayDeque<Object> local = new java.util.ArrayDeque<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ready;
    private volatile Thread loopThread;
    private volatile boolean loopParked;
    private volatile Thread drivingThread;
    private AutoCloseable executorSubscription;

    private TradingEngine(Builder b) {
        this.accountId = b.accountId;
        this.clock = b.clock;
        this.tradingZone = b.tradingZone;
        this.sizer = b.sizer;
        this.providerContext = b.providerContext != null ? b.providerContext
                : new DefaultProviderContext(b.accountId, b.clock, System::getenv);
        this.extraGuards = List.copyOf(b.guards);
        this.ruleSlots = List.copyOf(b.ruleSlots);
        this.knownRuleNames = ruleSlots.stream().map(RuleSlot::name).toList();
        if (b.riskManager != null) {
            this.riskManager = b.riskManager;
            this.guards = extraGuards;
        } else {
            installRules(ruleSlots);
        }
        this.executor = b.executor;
        this.sentTo = "sent to " + executor.name();
        this.journal = b.journal != null ? b.journal : new InMemoryTradeJournal();
        this.metrics = b.metrics != null ? b.metrics : new TradingMetrics();
        this.timeInForce = b.timeInForce;
        this.observers = b.observers.toArray(new EngineObserver[0]);
        this.listeners = List.copyOf(b.listeners);
        if (b.callbackExecutor != null) {
            this.callbacks = b.callbackExecutor;
            this.ownedCallbacks = null;
        } else {
            this.ownedCallbacks = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "trading-engine-" + b.accountId + "-callbacks");
                t.setDaemon(true);
                return t;
            });
            this.callbacks = ownedCallbacks;
        }
        java.util.concurrent.Executor cb = this.callbacks;
        this.continuations = task -> {
            try {
                cb.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                task.run(); // after close: the loop has stopped, so the caller's thread is not the loop
            }
        };
        this.ledger = new PortfolioLedger(accountId, b.initialCash);
        this.tracker = new OrderTracker(clock);
        this.recovery = new RecoveryCoordinator(accountId, executor, journal, clock, tradingZone, b.recoveryPolicy, ledger,
                tracker, attribution, new RecoveryHost());

        Map<String, StrategySlot> byId = new LinkedHashMap<>();
        Map<String, List<StrategySlot>> bySymbol = new HashMap<>();
        Set<String> symbols = new HashSet<>(b.tradableSymbols);
        for (StrategySpec spec : b.strategies) {
            StrategySlot slot = new StrategySlot(spec.id(), spec.strategy(), spec.enabled(), spec.provider(),
                    spec.parameters());
            if (byId.putIfAbsent(spec.id(), slot) != null) {
                throw new IllegalArgumentException("duplicate strategy id '" + spec.id() + "'");
            }
            for (String symbol : spec.symbols()) {
                bySymbol.computeIfAbsent(symbol, k -> new ArrayList<>()).add(slot);
                symbols.add(symbol);
            }
        }
        this.slotsById = Map.copyOf(byId);
        Map<String, StrategySlot[]> arr = new HashMap<>();
        bySymbol.forEach((k, v) -> arr.put(k, v.toArray(new StrategySlot[0])));
        this.slotsBySymbol = Map.copyOf(arr);
        this.validator = new SignalValidator(symbols, clock, b.signalTimeTolerance);
    }

    public static Builder builder(String accountId) {
        return new Builder(accountId);
    }

    // ------------------------------------------------------------------ host API (any thread)

    public String accountId() {
        return accountId;
    }

    /**
     * The account's trading state as the event loop last set it (ACTIVE, REDUCING, or HALTED by the
     * host, a guard, a venue halt or a live feed that ended). Any thread, without waiting for the
     * loop: for health checks and metrics ({@link io.tradingsdk.core.metrics.TradingStateMeters}).
     */
    public TradingState tradingState() {
        return ledger.tradingState();
    }

    /**
     * Starts the engine's own event-loop thread (paper and live trading) and begins reconciling with
     * the executor. Use either this or {@link #runPendingEvents()}, not both. To replay historical
     * bars through a simulated venue, do not start the engine: drive it with
     * {@link io.tradingsdk.core.backtest.BarReplay}, which gives the same fills for the same bars.
     */
    public void start() {
        if (drivingThread != null) {
            throw new IllegalStateException("engine " + accountId + " is driven by runPendingEvents(); it cannot also start a loop thread");
        }
        if (!beginOnce()) {
            return;
        }
        Thread t = new Thread(this::loop, "trading-engine-" + accountId);
        t.setDaemon(true);
        loopThread = t;
        t.start();
    }

    /**
     * Runs every queued event on the calling thread, which acts as the event loop, and returns how
     * many were run. For backtests and tests that drive the engine synchronously. The first call
     * also begins reconciliation. Always call it from the same thread.
     */
    public int runPendingEvents() {
        Thread me = Thread.currentThread();
        if (loopThread != null) {
            throw new IllegalStateException("engine " + accountId + " runs its own loop thread; do not drive it");
        }
        if (drivingThread == null) {
            drivingThread = me;
        } else if (drivingThread != me) {
            throw new IllegalStateException("engine " + accountId + " is driven by thread " + drivingThread.getName()
                    + "; runPendingEvents() called from " + me.getName());
        }
        beginOnce();
        int n = 0;
        Object e;
        while ((e = nextEvent()) != null) {
            dispatch(e);
            n++;
        }
        return n;
    }

    /**
     * Driven mode: runs the queued events, then this bar, then whatever the bar caused, all on the
     * calling thread (the event loop of a backtest) without queueing the bar. Same order and effect
     * as {@link #onBar} followed by {@link #runPendingEvents()}, without the queue's per-bar node.
     */
    public void runBar(Bar bar) {
        Objects.requireNonNull(bar, "bar");
        runPendingEvents();
        dispatch(bar);
        if (!local.isEmpty() || !inbox.isEmpty()) {
            runPendingEvents();
        }
    }

    /** Enqueues a bar for the strategies of its symbol. Thread-safe; returns at once. */
    @Override
    public void onBar(Bar bar) {
        enqueue(Objects.requireNonNull(bar, "bar"));
    }

    /**
     * The live source ended this subscription: the account is HALTED as for a venue halt (see the
     * class description), so nothing trades on prices that stopped arriving. Thread-safe; returns at once.
     */
    @Override
    public void onFailure(RuntimeException failure) {
        String why = failure == null ? "no reason given" : SafeText.shown(failure.getMessage() != null
                ? failure.getMessage() : failure.getClass().getSimpleName());
        String reason = "the market data feed ended: " + why;
        enqueue(new EngineHalt(HaltKind.MARKET_DATA, reason, reason));
    }

    /**
     * Enqueues a historical bar that only warms strategies up: the loop hands it to
     * {@link TradingStrategy#onBar} of the enabled strategies of its symbol that have not started yet
     * (see {@link #startStrategies()}) and drops whatever signal they return. Nothing else sees it:
     * no price mark in the ledger, no risk check, no journal entry, no observer. A bar for a
     * strategy that has started is ignored. Thread-safe; returns at once.
     */
    public void warmUp(Bar bar) {
        enqueue(new WarmUpBar(Objects.requireNonNull(bar, "bar")));
    }

    /**
     * Enqueues the start of every strategy: the loop calls {@link TradingStrategy#onStart} once per
     * strategy that has not started, in configuration order, after everything enqueued before (such
     * as {@link #warmUp} bars). A strategy that has not started when its first bar or clock event
     * arrives is started then, so {@code onStart} always comes first. Thread-safe; returns at once.
     */
    public void startStrategies() {
        enqueue(StartStrategies.INSTANCE);
    }

    /**
     * Enqueues a clock event (market open, market close, a periodic tick) for every enabled strategy:
     * the loop calls {@link TradingStrategy#onSessionOpen}, {@link TradingStrategy#onSessionClose} or
     * {@link TradingStrategy#onTimer}, and a returned signal goes through the same path as one from
     * {@code onBar}. Thread-safe; returns at once.
     */
    public void onClockEvent(ClockEvent event) {
        enqueue(Objects.requireNonNull(event, "event"));
    }

    /**
     * Asks the executor to cancel every order the engine tracks as open (foreign orders are never
     * cancelled). Completes, off the loop, with the client order ids whose cancels were sent; their
     * outcome arrives as order events. Thread-safe.
     */
    public CompletableFuture<List<String>> cancelOpenOrders() {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        if (closed.get()) {
            f.completeExceptionally(new IllegalStateException("engine " + accountId + " is closed"));
            return f;
        }
        enqueue(new CancelOpenOrders(f));
        return f;
    }

    /**
     * Hands the engine a signal from the host (the execute-a-signal path). Thread-safe. The future
     * is completed by the event loop, but every stage chained to it (async or not) runs on the
     * engine's callback executor, never on the loop; it completes with {@link SignalOutcome.Denied} and its reason or
     * {@link SignalOutcome.Submitted} with the order and its client order id; later order events
     * follow through the listeners. Re-sending a signal with the same strategy id and signal id
     * returns the same order and never sends a second one.
     */
    public CompletableFuture<SignalOutcome> execute(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        CompletableFuture<SignalOutcome> f = new CallbackFuture<>(continuations);
        if (closed.get()) {
            f.completeExceptionally(new IllegalStateException("engine " + accountId + " is closed"));
            return f;
        }
        enqueue(new HostSignal(signal, f));
        return f;
    }

    /**
     * Sets the account's trading state (HALTED: nothing but cancels; REDUCING: only reducing orders).
     * This is also the only way to lift a HALTED state the engine entered because the executor
     * reported a venue halt.
     */
    public void setTradingState(TradingState state) {
        Objects.requireNonNull(state, "state");
        enqueue(new SetState(state));
    }

    /** Asks the executor to cancel an order; allowed in every trading state. */
    public void cancel(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        enqueue(new Cancel(clientOrderId));
    }

    /** An immutable copy of the ledger, taken on the event loop between two events. */
    public CompletableFuture<PortfolioSnapshot> portfolio() {
        CompletableFuture<PortfolioSnapshot> f = new CompletableFuture<>();
        enqueue(new SnapshotRequest(f));
        return f;
    }

    /** The engine's metrics; callable from any thread. */
    public MetricsSnapshot metrics() {
        return metrics.snapshot();
    }

    public TradingMetrics metricsRecorder() {
        return metrics;
    }

    public TradeJournal journal() {
        return journal;
    }

    public Executor executor() {
        return executor;
    }

    public TradingClock clock() {
        return clock;
    }

    /**
     * Approved orders not yet sent because the journal has not yet confirmed their intents (a durable
     * journal confirms on its own thread). Read on the event loop only: for a driver that must let
     * them go out before the next bar (see {@link io.tradingsdk.core.backtest.BarReplay}).
     */
    public int ordersAwaitingJournal() {
        return pendingSubmits.size();
    }

    /** Whether the engine has reconciled with the executor and may trade. */
    public boolean isReady() {
        return ready;
    }

    /** Counters of this engine's recoveries and reconciliations; any thread. */
    public RecoveryMetrics recoveryMetrics() {
        return recovery.metrics();
    }

    /**
     * Signed quantity per strategy and symbol that the strategies' fills add up to (rebuilt from the
     * journal at a restart), and under the key {@link #UNATTRIBUTED} what the ledger holds beyond
     * that. Completes on the loop's next turn; any thread.
     */
    public CompletableFuture<Map<String, Map<String, BigDecimal>>> positionsByStrategy() {
        CompletableFuture<Map<String, Map<String, BigDecimal>>> f = new CompletableFuture<>();
        enqueue(new AttributionRequest(f));
        return f;
    }

    /** The key of {@link #positionsByStrategy()} for quantity no strategy's fills explain. */
    public static final String UNATTRIBUTED = "(unattributed)";
    /** The metrics key of signals whose strategy id is malformed (they are denied INVALID_SIGNAL). */
    public static final String INVALID_STRATEGY_ID = "(invalid)";

    /** Stops the loop, unsubscribes from the executor and flushes the journal. Does not close the executor or journal. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread t = loopThread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (executorSubscription != null) {
            try {
                executorSubscription.close();
            } catch (Exception e) {
                log.warn("engine {}: unsubscribing from executor {} failed: {}", accountId, executor.name(), e.toString());
            }
        }
        try {
            journal.flush().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("engine {}: journal flush on close did not complete: {}", accountId, e.toString());
        }
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown(); // futures already handed over still complete
        }
        recovery.close();
    }

    /**
     * Changes some parameters of a strategy while the engine runs. Validated against the provider's
     * schema (types, ranges, static parameters refused) and applied between two events; the strategy
     * is told through {@link TradingStrategy#onParametersChanged} and the change is journaled. The
     * future completes with the journaled record, or exceptionally with an
     * {@link InvalidParameterException} (or {@link IllegalArgumentException} for an unknown strategy)
     * naming what was refused, in which case nothing changed.
     */
    public CompletableFuture<List<ConfigChangeRecord>> updateStrategyParameters(String strategyId, Map<String, ?> changes,
                                                                               String origin) {
        return applyConfigUpdates(List.of(new ConfigUpdate.StrategyParameters(strategyId, changes)), origin);
    }

    /** Enables or disables a strategy between two events; journaled like a parameter change. */
    public CompletableFuture<List<ConfigChangeRecord>> setStrategyEnabled(String strategyId, boolean enabled, String origin) {
        return applyConfigUpdates(List.of(new ConfigUpdate.StrategyEnabled(strategyId, enabled)), origin);
    }

    /** Changes thresholds of a risk rule (named by its provider name) between two events; see {@link #updateStrategyParameters}. */
    public CompletableFuture<List<ConfigChangeRecord>> updateRiskRule(String rule, Map<String, ?> changes, String origin) {
        return applyConfigUpdates(List.of(new ConfigUpdate.RiskRuleParameters(rule, changes)), origin);
    }

    /**
     * Applies several updates atomically: all are validated first, then all are applied between the
     * same two events, or none is. Thread-safe.
     */
    public CompletableFuture<List<ConfigChangeRecord>> applyConfigUpdates(List<? extends ConfigUpdate> updates, String origin) {
        Objects.requireNonNull(origin, "origin");
        CompletableFuture<List<ConfigChangeRecord>> f = new CompletableFuture<>();
        if (closed.get()) {
            f.completeExceptionally(new IllegalStateException("engine " + accountId + " is closed"));
            return f;
        }
        enqueue(new ConfigCommand(List.copyOf(updates), origin, f));
        return f;
    }

    /** The configuration version: 1 as built, plus one per applied change. */
    public long configVersion() {
        return configVersionVolatile;
    }

    // ------------------------------------------------------------------ loop machinery

    private boolean beginOnce() {
        if (!started.compareAndSet(false, true)) {
            return false;
        }
        executorSubscription = executor.subscribe(new OrderEventListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                enqueue(event);
            }

            @Override
            public void onEventsMayHaveBeenMissed(String reason) {
                recovery.eventsMayHaveBeenMissed(reason == null ? "executor " + executor.name() + " reconnected" : reason);
            }

            @Override
            public void onVenueHalted(String reason) {
                // The executor's thread: only hand it to the loop.
                String why = reason == null || reason.isBlank()
                        ? "executor " + executor.name() + " reported a venue halt without a reason" : reason;
                enqueue(new EngineHalt(HaltKind.VENUE,
                        "executor " + executor.name() + " reports that the venue halted trading: " + why, why));
            }
        });
        recovery.begin();
        return true;
    }

    private void enqueue(Object event) {
        Thread me = Thread.currentThread();
        if (me == loopThread || me == drivingThread) {
            local.addLast(event);
            return;
        }
        inbox.offer(event);
        Thread t = loopThread;
        if (t != null && loopParked) {
            LockSupport.unpark(t);
        }
    }

    /** The next event: the loop's own first, then the inbox. Loop thread only. */
    private Object nextEvent() {
        Object e = local.pollFirst();
        return e != null ? e : inbox.poll();
    }

    private void loop() {
        while (!closed.get()) {
            Object e = nextEvent();
            if (e == null) {
                loopParked = true;
                e = inbox.poll();
                if (e == null) {
                    LockSupport.parkNanos(this, 1_000_000L);
                    loopParked = false;
                    continue;
                }
                loopParked = false;
            }
            dispatch(e);
        }
    }

    private void dispatch(Object e) {
        try {
            if (e instanceof Bar bar) {
                handleBar(bar);
            } else if (e instanceof OrderEvent oe) {
                handleOrderEvent(oe);
            } else if (e instanceof HostSignal hs) {
                StrategySlot slot = slotsById.get(hs.signal().strategyId());
                processSignal(hs.signal(), slot, hs.future());
            } else if (e instanceof IntentDurable d) {
                onIntentDurable(d);
            } else if (e instanceof LookupDone l) {
                onLookupDone(l);
            } else if (e instanceof RetryLookup r) {
                resolveUnknown(r.clientOrderId(), r.attempt());
            } else if (e instanceof RecoveryCoordinator.Event r) {
                recovery.onEvent(r);
            } else if (e instanceof ConfigCommand c) {
                onConfigCommand(c);
            } else if (e instanceof SetState s) {
                setStateOnLoop(s.state(), "host");
            } else if (e instanceof EngineHalt h) {
                haltOnLoop(h);
            } else if (e instanceof Cancel c) {
                executor.cancel(c.clientOrderId());
            } else if (e instanceof WarmUpBar w) {
                handleWarmUpBar(w.bar());
            } else if (e instanceof StartStrategies) {
                for (StrategySlot slot : slotsById.values()) {
                    startSlot(slot);
                }
            } else if (e instanceof ClockEvent c) {
                handleClockEvent(c);
            } else if (e instanceof CancelOpenOrders c) {
                List<String> ids = new ArrayList<>();
                for (TrackedOrder o : tracker.openOrders()) {
                    ids.add(o.clientOrderId());
                    executor.cancel(o.clientOrderId());
                }
                c.future().completeAsync(() -> List.copyOf(ids), continuations);
            } else if (e instanceof AttributionRequest a) {
                Map<String, Map<String, BigDecimal>> m = new LinkedHashMap<>(attribution.snapshot());
                Map<String, BigDecimal> rest = attribution.unattributed(ledger);
                if (!rest.isEmpty()) {
                    m.put(UNATTRIBUTED, rest);
                }
                a.future().complete(java.util.Collections.unmodifiableMap(m));
            } else if (e instanceof SnapshotRequest s) {
                s.future().complete(ledger.snapshot());
            } else {
                throw new IllegalStateException("unknown engine event " + e.getClass().getName());
            }
        } catch (RuntimeException ex) {
            // A bug in one event must not stop the account's loop; it is loud in the log.
            log.error("engine {}: event {} failed", accountId, e.getClass().getSimpleName(), ex);
        }
    }

    /**
     * Compares the broker, the journal and the ledger now (an end-of-day reconciliation, or on
     * demand) and reports every difference as an alert: in the returned record, the log (WARN per
     * difference), {@link EngineListener#onReconciled}, {@link #recoveryMetrics()} and the journal.
     * It changes nothing in the ledger or the orders: the broker is the truth, and a difference is
     * for a person to look at. Compared: cash; each symbol's position; per order, the quantity of
     * the broker's executions since the start of the trading day against the journal's fills of that
     * order since then; the strategies' attributed quantities against the ledger's positions.
     *
     * <p>Any thread; the reads happen off the loop. Completes exceptionally when the broker or the
     * journal cannot be read (nothing recorded then), or if the engine has not recovered yet.
     *
     * @param kind recorded with the outcome, e.g. {@code end-of-day} or {@code on-demand}
     */
    public CompletableFuture<ReconciliationRecord> reconcile(String kind) {
        Objects.requireNonNull(kind, "kind");
        if (!ready) {
            return CompletableFuture.failedFuture(new IllegalStateException("engine " + accountId + " has not recovered yet"));
        }
        return recovery.reconcile(kind);
    }

    /** What recovery needs from the engine; loop thread except enqueue and isClosed. */
    private final class RecoveryHost implements RecoveryCoordinator.Host {
        @Override
        public void enqueue(Object event) {
            TradingEngine.this.enqueue(event);
        }

        @Override
        public boolean isClosed() {
            return closed.get();
        }

        @Override
        public void startTradingDay(BigDecimal recordedStart) {
            TradingEngine.this.startTradingDay(recordedStart);
        }

        @Override
        public void refreshExposure(TrackedOrder order) {
            TradingEngine.this.refreshExposure(order);
        }

        @Override
        public void resend(OrderIntent intent) {
            send(intent, null, System.nanoTime());
        }

        @Override
        public void handleOrderEvent(OrderEvent event) {
            TradingEngine.this.handleOrderEvent(event);
        }

        @Override
        public void applyOrderEvent(OrderEvent event) {
            TradingEngine.this.handleOrderEvent(event, false);
        }

        @Override
        public void tellStrategyAndListeners(String strategyId, OrderEvent e) {
            StrategySlot slot = slotsById.get(strategyId);
            if (slot != null) {
                try {
                    slot.strategy.onOrderEvent(e, slot);
                } catch (RuntimeException ex) {
                    metrics.onStrategyError(slot.id);
                    log.error("engine {}: strategy {} failed on order event {}", accountId, slot.id, e.type(), ex);
                }
            }
            for (ListenerRegistration l : listeners) {
                l.delivery().execute(() -> safely(() -> l.listener().onOrderEvent(e)));
            }
        }

        @Override
        public void markReady() {
            readyOnLoop = true;
            ready = true;
        }

        @Override
        public void recovered(RecoveryReport report) {
            for (ListenerRegistration l : listeners) {
                l.delivery().execute(() -> safely(() -> l.listener().onRecovered(report)));
            }
        }

        @Override
        public void reconciled(ReconciliationRecord record) {
            for (ListenerRegistration l : listeners) {
                l.delivery().execute(() -> safely(() -> l.listener().onReconciled(record)));
            }
        }
    }

    // ------------------------------------------------------------------ runtime configuration

    private void installRules(List<RuleSlot> slots) {
        List<RiskRule> rules = new ArrayList<>(slots.size());
        for (RuleSlot r : slots) {
            rules.add(r.rule());
        }
        RuleBasedRiskManager manager = new RuleBasedRiskManager(rules);
        List<AccountGuard> g = new ArrayList<>(extraGuards.size() + 1);
        g.add(manager); // reports the most restrictive state its guard rules (daily loss) require
        g.addAll(extraGuards);
        this.ruleSlots = List.copyOf(slots);
        this.riskManager = manager;
        this.guards = List.copyOf(g);
    }

    /** Validates every update against the current state, then applies all of them; nothing changes on a refusal. */
    private void onConfigCommand(ConfigCommand c) {
        Map<String, Parameters> newStrategyParams = new LinkedHashMap<>();
        Map<String, Boolean> newEnabled = new LinkedHashMap<>();
        List<RuleSlot> newRules = new ArrayList<>(ruleSlots);
        List<Object[]> changes = new ArrayList<>(); // {target, previous map, current map}
        try {
            for (ConfigUpdate u : c.updates()) {
                if (u instanceof ConfigUpdate.StrategyParameters sp) {
                    StrategySlot slot = strategySlot(sp.strategyId());
                    if (slot.provider == null) {
                        throw new IllegalArgumentException("strategy '" + sp.strategyId()
                                + "' was registered without a provider; its parameters cannot change at runtime");
                    }
                    Parameters base = newStrategyParams.getOrDefault(sp.strategyId(), slot.parameters);
                    Parameters next = slot.provider.parameterSchema().validateChange(base, sp.changes());
                    slot.provider.create(next, providerContext); // cross-parameter rules (e.g. fast < slow) are the provider's
                    newStrategyParams.put(sp.strategyId(), next);
                    changes.add(diff(u.target(), base, next, sp.changes().keySet()));
                } else if (u instanceof ConfigUpdate.StrategyEnabled se) {
                    StrategySlot slot = strategySlot(se.strategyId());
                    boolean before = newEnabled.getOrDefault(se.strategyId(), slot.enabled);
                    newEnabled.put(se.strategyId(), se.enabled());
                    changes.add(new Object[] {u.target(), Map.of("enabled", before), Map.of("enabled", se.enabled())});
                } else if (u instanceof ConfigUpdate.RiskRuleParameters rp) {
                    int i = ruleIndex(newRules, rp.rule());
                    RuleSlot old = newRules.get(i);
                    if (old.provider() == null) {
                        throw new IllegalArgumentException("risk rule '" + rp.rule()
                                + "' was registered without a provider; its parameters cannot change at runtime");
                    }
                    Parameters next = old.provider().parameterSchema().validateChange(old.parameters(), rp.changes());
                    RiskRule rule = old.provider().create(next, providerContext);
                    newRules.set(i, new RuleSlot(old.name(), old.provider(), next, rule));
                    changes.add(diff(u.target(), old.parameters(), next, rp.changes().keySet()));
                }
            }
        } catch (RuntimeException ex) {
            log.warn("engine {}: configuration change from {} refused, nothing changed: {}", accountId, c.origin(),
                    ex.getMessage());
            c.future().completeExceptionally(ex);
            return;
        }
        // Apply: everything validated; this runs between two events.
        if (!newRules.equals(ruleSlots)) {
            installRules(newRules);
        }
        newEnabled.forEach((id, en) -> slotsById.get(id).enabled = en);
        newStrategyParams.forEach((id, params) -> {
            StrategySlot slot = slotsById.get(id);
            slot.parameters = params;
            try {
                slot.strategy.onParametersChanged(params, slot);
            } catch (RuntimeException ex) {
                metrics.onStrategyError(id);
                log.error("engine {}: strategy {} failed to take validated parameters {}", accountId, id, params, ex);
            }
        });
        Instant now = clock.now();
        List<ConfigChangeRecord> records = new ArrayList<>(changes.size());
        for (Object[] ch : changes) {
            @SuppressWarnings("unchecked")
            ConfigChangeRecord r = new ConfigChangeRecord(++configVersion, (String) ch[0], c.origin(),
                    (Map<String, Object>) ch[1], (Map<String, Object>) ch[2], now);
            journal.recordConfigChange(r);
            records.add(r);
            log.info("engine {}: configuration version {}: {} {} -> {} ({})", accountId, r.version(), r.target(),
                    r.previous(), r.current(), r.origin());
        }
        configVersionVolatile = configVersion;
        c.future().completeAsync(() -> List.copyOf(records), callbacks);
    }

    private StrategySlot strategySlot(String id) {
        StrategySlot slot = slotsById.get(id);
        if (slot == null) {
            throw new IllegalArgumentException("unknown strategy '" + id + "'; known strategies: " + slotsById.keySet());
        }
        return slot;
    }

    private int ruleIndex(List<RuleSlot> rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown risk rule '" + name + "'; rules in force: " + knownRuleNames);
    }

    /** The changed keys' values before and after; secrets show as ****. */
    private static Object[] diff(String target, Parameters before, Parameters after, Set<String> keys) {
        Map<String, Object> prev = new LinkedHashMap<>();
        Map<String, Object> next = new LinkedHashMap<>();
        for (String k : keys) {
            boolean secret = after.schema().spec(k).type() == ParameterType.SECRET;
            prev.put(k, secret ? "****" : before.asMap().get(k));
            next.put(k, secret ? "****" : after.asMap().get(k));
        }
        return new Object[] {target, prev, next};
    }

    // ------------------------------------------------------------------ bars

    private void handleBar(Bar bar) {
        ledger.markPrice(bar.symbol(), bar.close());
        rollTradingDay();
        if (ledger.quantity(bar.symbol()).signum() != 0) {
            applyGuards();
        }
        String symbol = bar.symbol();
        StrategySlot[] slots;
        if (symbol == lastBarSymbol) {
            slots = lastBarSlots; // slotsBySymbol never changes; runs of one symbol skip the lookup
        } else {
            slots = slotsBySymbol.get(symbol);
            lastBarSymbol = symbol;
            lastBarSlots = slots;
        }
        if (slots != null) {
            for (StrategySlot slot : slots) {
                if (!slot.enabled) {
                    continue;
                }
                if (!slot.started) {
                    startSlot(slot);
                }
                Signal signal;
                try {
                    signal = slot.strategy.onBar(bar, slot);
                } catch (RuntimeException ex) {
                    metrics.onStrategyError(slot.id);
                    log.error("engine {}: strategy {} failed on bar {} {}", accountId, slot.id, bar.symbol(), bar.start(), ex);
                    continue;
                }
                if (signal != null) {
                    processSignal(signal, slot, null);
                }
            }
        }
        for (EngineObserver o : observers) {
            o.onBarProcessed(bar, ledger);
        }
    }

    /** A warm-up bar: strategies that have not started see it; their signals are dropped. */
    private void handleWarmUpBar(Bar bar) {
        StrategySlot[] slots = slotsBySymbol.get(bar.symbol());
        if (slots == null) {
            return;
        }
        for (StrategySlot slot : slots) {
            if (!slot.enabled || slot.started) {
                continue;
            }
            try {
                Signal dropped = slot.strategy.onBar(bar, slot);
                if (dropped != null && log.isDebugEnabled()) {
                    log.debug("engine {}: strategy {} signalled during warm-up on {} {}; dropped", accountId, slot.id,
                            bar.symbol(), bar.start());
                }
            } catch (RuntimeException ex) {
                metrics.onStrategyError(slot.id);
                log.error("engine {}: strategy {} failed on warm-up bar {} {}", accountId, slot.id, bar.symbol(),
                        bar.start(), ex);
            }
        }
    }

    private void startSlot(StrategySlot slot) {
        if (slot.started) {
            return;
        }
        slot.started = true;
        try {
            slot.strategy.onStart(slot);
        } catch (RuntimeException ex) {
            metrics.onStrategyError(slot.id);
            log.error("engine {}: strategy {} failed in onStart", accountId, slot.id, ex);
        }
    }

    private void handleClockEvent(ClockEvent event) {
        rollTradingDay();
        for (StrategySlot slot : slotsById.values()) {
            if (!slot.enabled) {
                continue;
            }
            startSlot(slot);
            Signal signal;
            try {
                signal = switch (event.kind()) {
                    case SESSION_OPEN -> slot.strategy.onSessionOpen(event.at(), slot);
                    case SESSION_CLOSE -> slot.strategy.onSessionClose(event.at(), slot);
                    case TIMER -> slot.strategy.onTimer(event.at(), slot);
                };
            } catch (RuntimeException ex) {
                metrics.onStrategyError(slot.id);
                log.error("engine {}: strategy {} failed on {} at {}", accountId, slot.id, event.kind(), event.at(), ex);
                continue;
            }
            if (signal != null) {
                processSignal(signal, slot, null);
            }
        }
    }

    private void rollTradingDay() {
        if (clock.now().toEpochMilli() >= nextDayStartMillis) {
            startTradingDay(null);
        }
    }

    /**
     * Starts the trading day the clock is in: its baseline is {@code recordedStart} when the journal
     * has one (a restart during the day), else the current equity, which is then journaled.
     */
    private void startTradingDay(BigDecimal recordedStart) {
        long now = clock.now().toEpochMilli();
        var day = Instant.ofEpochMilli(now).atZone(tradingZone).toLocalDate();
        nextDayStartMillis = day.plusDays(1).atStartOfDay(tradingZone).toInstant().toEpochMilli();
        if (recordedStart != null) {
            ledger.setDayStartEquity(recordedStart);
        } else {
            ledger.startNewDay();
            journal.recordDayStart(day, ledger.dayStartEquity());
        }
        if (reducingByGuard && ledger.tradingState() == TradingState.REDUCING) {
            reducingByGuard = false;
            setStateOnLoop(TradingState.ACTIVE, "new trading day " + day);
        }
    }

    private void applyGuards() {
        if (ledger.tradingState() != TradingState.ACTIVE) {
            return;
        }
        for (AccountGuard g : guards) {
            TradingState required = g.requiredState(ledger);
            if (required != TradingState.ACTIVE) {
                reducingByGuard = required == TradingState.REDUCING;
                setStateOnLoop(required, g.getClass().getSimpleName());
                return;
            }
        }
    }

    private void setStateOnLoop(TradingState state, String origin) {
        TradingState old = ledger.tradingState();
        if (old != state) {
            ledger.setTradingState(state);
            log.warn("engine {}: trading state {} -> {} ({})", accountId, old, state, origin);
        }
        if ("host".equals(origin)) {
            reducingByGuard = false;
            engineHaltCauses.clear();
        }
    }

    /** The venue halted trading or the market data ended: HALTED until the host says otherwise; nothing on the loop lifts it. */
    private void haltOnLoop(EngineHalt halt) {
        TradingState old = ledger.tradingState();
        if (old == TradingState.HALTED && engineHaltCauses.containsKey(halt.kind())) {
            log.debug("engine {}: already HALTED, reported again: {}", accountId, halt.what());
            return; // the same halt reported twice (in other words) is still one halt
        }
        engineHaltCauses.put(halt.kind(), halt.kind() == HaltKind.VENUE ? "the venue halted trading: " + halt.reason()
                : halt.reason());
        reducingByGuard = false;
        ledger.setTradingState(TradingState.HALTED);
        log.error("engine {}: {}; trading state {} -> HALTED, nothing but cancels until the host sets the trading"
                + " state", accountId, halt.what(), old);
        String reason = halt.reason();
        for (ListenerRegistration l : listeners) {
            l.delivery().execute(() -> safely(() -> l.listener().onTradingHalted(reason)));
        }
    }

    // ------------------------------------------------------------------ signals

    /**
     * The metrics recorder of a strategy id; remembers the last one (most engines run one or two
     * strategies). A malformed id (blank, absurdly long, control characters) never becomes a metrics
     * key: its signals count under {@link #INVALID_STRATEGY_ID}.
     */
    private TradingMetrics.StrategyRecorder recorder(String strategyId) {
        if (strategyId.equals(lastRecorderId)) {
            return lastRecorder;
        }
        TradingMetrics.StrategyRecorder r = metrics.strategy(SignalValidator.isWellFormedStrategyId(strategyId)
                ? strategyId : INVALID_STRATEGY_ID);
        lastRecorderId = strategyId;
        lastRecorder = r;
        return r;
    }


    private void processSignal(Signal signal, StrategySlot slot, CompletableFuture<SignalOutcome> future) {
        long t0 = System.nanoTime();
        String strategyId = signal.strategyId();
        recorder(strategyId).onSignal();
        RiskDecision.Denied invalid = validator.validate(signal);
        if (invalid != null) {
            // Bad input leaves no trace in the journal or the ledger: only the outcome, the log and the metrics.
            deny(signal, invalid.reason(), invalid.message(), future, false);
            return;
        }
        journal.recordSignal(signal);
        if (!readyOnLoop) {
            deny(signal, DenialReason.NOT_READY, "engine " + accountId + " has not reconciled with executor "
                    + executor.name() + " yet", future);
            return;
        }
        if (slot != null && !slot.enabled) {
            deny(signal, DenialReason.STRATEGY_DISABLED, "strategy " + strategyId + " is disabled", future);
            return;
        }
        String clientOrderId = ClientOrderIds.derive(strategyId, signal.id());
        TrackedOrder known = tracker.lookup(clientOrderId);
        if (known != null && !known.isRetired()) {
            // The same signal again: idempotent, never a second order.
            complete(future, new SignalOutcome.Submitted(signal.id(), known.intent().request()));
            return;
        }
        if (known != null) {
            deny(signal, DenialReason.DUPLICATE_SIGNAL, "signal " + signal.id() + " of " + strategyId
                    + " was already executed as order " + clientOrderId + ", finished long ago", future);
            return;
        }
        // The trading state is the engine's gate, whatever the risk rules in force: before sizing and the intent.
        RiskDecision.Denied gated = TradingStateGate.beforeSizing(signal, ledger, haltCause());
        if (gated != null) {
            deny(signal, gated.reason(), gated.message(), future);
            return;
        }
        BigDecimal price = signal.referencePrice();
        OrderSide side;
        BigDecimal quantity;
        if (signal.action() == SignalAction.CLOSE) {
            // Net of orders already working, so a second CLOSE cannot sell the same shares twice.
            BigDecimal net = ledger.quantity(signal.symbol()).add(ledger.openOrderQuantity(signal.symbol()));
            if (net.signum() == 0) {
                deny(signal, DenialReason.NO_POSITION, "no position in " + signal.symbol()
                        + " left to close (position " + ledger.quantity(signal.symbol()).toPlainString()
                        + ", open orders " + ledger.openOrderQuantity(signal.symbol()).toPlainString() + ")", future);
                return;
            }
            side = net.signum() > 0 ? OrderSide.SELL : OrderSide.BUY;
            quantity = net.abs();
        } else {
            side = signal.action() == SignalAction.BUY ? OrderSide.BUY : OrderSide.SELL;
            if (signal.quantity() != null) {
                quantity = signal.quantity();
            } else {
                try {
                    quantity = sizer.size(signal, price, ledger);
                } catch (RuntimeException ex) {
                    log.error("engine {}: position sizer failed on signal {} of {}", accountId, signal.id(), strategyId, ex);
                    RiskDecision.Denied failed = InternalFailure.denial("position sizer", ex);
                    deny(signal, failed.reason(), failed.message(), future);
                    return;
                }
                if (quantity == null) {
                    log.error("engine {}: position sizer answered null for signal {} of {}", accountId, signal.id(), strategyId);
                    RiskDecision.Denied failed = InternalFailure.nullAnswer("position sizer");
                    deny(signal, failed.reason(), failed.message(), future);
                    return;
                }
            }
            if (quantity.signum() <= 0) {
                deny(signal, DenialReason.ZERO_SIZE, "sized to zero: no edge or the caps leave nothing (confidence "
                        + signal.confidence() + ", expectedReturn " + signal.expectedReturn() + ", expectedLoss "
                        + signal.expectedLoss() + ")", future);
                return;
            }
        }
        OrderIntent intent;
        try {
            OrderRequest request = OrderRequest.market(clientOrderId, signal.symbol(), side, quantity, timeInForce);
            double riskFraction = signal.action() == SignalAction.CLOSE ? 0.0 : Math.abs(signal.expectedLoss());
            intent = new OrderIntent(request, signal.id(), strategyId, price, riskFraction, clock.now());
        } catch (IllegalArgumentException ex) {
            deny(signal, DenialReason.INVALID_SIGNAL, ex.getMessage(), future);
            return;
        }
        RiskDecision decision = TradingStateGate.check(intent, ledger, haltCause());
        if (decision == null) {
            try {
                decision = riskManager.check(intent, ledger);
            } catch (RuntimeException ex) {
                log.error("engine {}: risk manager failed on intent {}", accountId, clientOrderId, ex);
                decision = InternalFailure.denial("risk manager", ex);
            }
            if (decision == null) {
                log.error("engine {}: risk manager answered null for intent {}", accountId, clientOrderId);
                decision = InternalFailure.nullAnswer("risk manager");
            }
        }
        if (decision instanceof RiskDecision.Denied d) {
            deny(signal, d.reason(), d.message(), future);
            return;
        }
        refreshExposure(tracker.create(intent));
        riskManager.onSubmitted(intent);
        recorder(strategyId).onApproved();
        journal.recordDecision(new DecisionRecord(signal.id(), strategyId, signal.symbol(), true, null, null,
                intent.quantity(), intent.createdAt()));
        for (EngineObserver o : observers) {
            o.onDecision(signal, decision);
        }
        CompletableFuture<Void> durable;
        try {
            durable = journal.recordIntent(intent);
        } catch (RuntimeException ex) {
            durable = CompletableFuture.failedFuture(ex);
        }
        if (durable.isDone() && !durable.isCompletedExceptionally()) {
            send(intent, future, t0); // in-memory journal: no hop through the inbox
        } else {
            // Completed on the journal's thread; the send happens on the loop when the event arrives.
            pendingSubmits.put(clientOrderId, new PendingSubmit(intent, future, t0));
            durable.whenComplete((v, ex) -> enqueue(new IntentDurable(clientOrderId, ex)));
        }
    }

    /** What the gate adds to a HALTED denial: why the engine halted the account itself, if it did. */
    private String haltCause() {
        return engineHaltCauses.isEmpty() ? null : String.join("; ", engineHaltCauses.values());
    }

    private void onIntentDurable(IntentDurable d) {
        if (d.error() == null) {
            send(d.clientOrderId());
            return;
        }
        PendingSubmit p = pendingSubmits.remove(d.clientOrderId());
        if (p == null) {
            return;
        }
        tracker.transition(d.clientOrderId(), OrderStatus.DENIED, "journal could not record the intent");
        refreshExposure(tracker.get(d.clientOrderId()));
        log.error("engine {}: intent {} not durable, order not sent: {}", accountId, d.clientOrderId(), d.error().toString());
        complete(p.future(), new SignalOutcome.Denied(p.intent().signalId(), DenialReason.JOURNAL_UNAVAILABLE,
                "the journal could not record intent " + d.clientOrderId() + ": " + d.error().getMessage()));
        metrics.onDenied(p.intent().strategyId(), DenialReason.JOURNAL_UNAVAILABLE);
    }

    private void send(String clientOrderId) {
        PendingSubmit p = pendingSubmits.remove(clientOrderId);
        if (p != null) {
            send(p.intent(), p.future(), p.startNanos());
        }
    }

    private void send(OrderIntent intent, CompletableFuture<SignalOutcome> future, long startNanos) {
        String clientOrderId = intent.clientOrderId();
        if (ledger.tradingState() == TradingState.HALTED) {
            // Halted while the intent was being journaled.
            tracker.transition(clientOrderId, OrderStatus.DENIED, "halted before send");
            refreshExposure(tracker.get(clientOrderId));
            metrics.onDenied(intent.strategyId(), DenialReason.TRADING_HALTED);
            complete(future, new SignalOutcome.Denied(intent.signalId(), DenialReason.TRADING_HALTED,
                    "account " + accountId + " was halted before the order was sent"));
            return;
        }
        tracker.transition(clientOrderId, OrderStatus.SUBMITTED, sentTo);
        try {
            executor.submit(intent.request());
        } catch (RuntimeException ex) {
            // Per the Executor contract nothing was sent: a closed executor or a broken request.
            tracker.transition(clientOrderId, OrderStatus.UNKNOWN, "submit threw " + ex);
            log.error("engine {}: executor {} refused {}", accountId, executor.name(), clientOrderId, ex);
            resolveUnknown(clientOrderId, 0);
        }
        recorder(intent.strategyId()).onOrderSubmitted(System.nanoTime() - startNanos);
        SignalOutcome outcome = new SignalOutcome.Submitted(intent.signalId(), intent.request());
        complete(future, outcome);
        deliver(outcome);
    }

    private void deny(Signal signal, DenialReason reason, String message, CompletableFuture<SignalOutcome> future) {
        deny(signal, reason, message, future, true);
    }

    private void deny(Signal signal, DenialReason reason, String message, CompletableFuture<SignalOutcome> future,
                      boolean journaled) {
        recorder(signal.strategyId()).onDenied(reason);
        if (journaled) {
            journal.recordDecision(new DecisionRecord(signal.id(), signal.strategyId(), signal.symbol(), false, reason,
                    message, null, clock.now()));
        } else {
            // Ids of a rejected signal may be huge or hold control characters: shown cut and escaped.
            log.warn("engine {}: rejected signal {} of {}: {} {}", accountId, SafeText.shown(signal.id()),
                    SafeText.shown(signal.strategyId()), reason, message);
        }
        RiskDecision.Denied d = new RiskDecision.Denied(reason, message);
        for (EngineObserver o : observers) {
            o.onDecision(signal, d);
        }
        SignalOutcome outcome = new SignalOutcome.Denied(signal.id(), reason, message);
        complete(future, outcome);
        deliver(outcome);
        if (log.isDebugEnabled()) {
            log.debug("engine {}: signal {} of {} denied {}: {}", accountId, SafeText.shown(signal.id()),
                    SafeText.shown(signal.strategyId()), reason, message);
        }
    }

    private void complete(CompletableFuture<SignalOutcome> future, SignalOutcome outcome) {
        if (future instanceof CallbackFuture) {
            future.complete(outcome); // its continuations run on the callback executor, never here
        } else if (future != null) {
            future.completeAsync(() -> outcome, callbacks); // off the loop: a host's continuation must not run here
        }
    }

    // ------------------------------------------------------------------ order events

    private void handleOrderEvent(OrderEvent e) {
        handleOrderEvent(e, true);
    }

    private void handleOrderEvent(OrderEvent e, boolean mayFetchExecutions) {
        if (!readyOnLoop && recovery.parkUntilRecovered(e)) {
            return; // recovery has not adopted its order yet: it waits instead of being dropped
        }
        if (mayFetchExecutions) {
            TrackedOrder known = tracker.get(e.clientOrderId());
            if (known != null && recovery.shouldFetchExecutionsFirst(known, e)) {
                // Only a cumulative number says more filled: the broker's executions come first, so the
                // fills keep the broker's ids; this event follows them.
                recovery.fetchExecutionsThen(known, e);
                return;
            }
        }
        OrderTracker.EventResult r = tracker.onEvent(e);
        TrackedOrder order = r.order();
        if (order == null) {
            journal.recordOrderEvent(e);
            log.warn("engine {}: event {} for unknown order {} ignored", accountId, e.type(), e.clientOrderId());
            return;
        }
        OrderIntent intent = order.intent();
        refreshExposure(order);
        if (e.fill() != null && order.filledQuantity().compareTo(e.filledQuantity()) < 0
                && (order.intent().request().quantity() == null
                    || order.filledQuantity().compareTo(order.intent().request().quantity()) < 0)) {
            // The broker says more is filled than the executions that reached us: a message was lost.
            // Ask the broker for the order's executions, then the order; a late message that arrives
            // first closes the gap with its own execution id instead.
            recovery.fetchExecutionsThen(order, null);
        }
        // Fills before the event that carries them: a journal that writes in order and loses its tail
        // in a crash then never holds a final event without the fills before it. And only while they
        // cover a prefix of the order: fills above a lost one wait until the gap is closed, so the
        // journal never holds a hole that recovery would fill with a second copy of a fill.
        if (!r.newFills().isEmpty()) {
            if (order.hasGap()) {
                for (Fill fill : r.newFills()) {
                    order.holdUnjournaled(fill);
                }
            } else {
                for (Fill fill : order.takeUnjournaled()) {
                    journal.recordFill(fill);
                }
                for (Fill fill : r.newFills()) {
                    journal.recordFill(fill);
                }
            }
        }
        journal.recordOrderEvent(e);
        for (Fill fill : r.newFills()) {
            ledger.applyFill(fill, intent.riskFraction());
            attribution.apply(intent.strategyId(), fill);
            for (EngineObserver o : observers) {
                o.onFill(fill, ledger);
            }
        }
        if (!r.newFills().isEmpty()) {
            applyGuards();
        }
        if (r.statusChanged()) {
            switch (order.status()) {
                case FILLED -> recorder(intent.strategyId()).onOrderFilled();
                case REJECTED -> {
                    metrics.onOrderRejected(intent.strategyId());
                    log.warn("engine {}: order {} rejected: {}", accountId, e.clientOrderId(), e.reason());
                }
                case UNKNOWN -> resolveUnknown(e.clientOrderId(), 0);
                default -> { }
            }
        }
        StrategySlot slot = slotsById.get(intent.strategyId());
        if (slot != null) {
            try {
                slot.strategy.onOrderEvent(e, slot);
            } catch (RuntimeException ex) {
                metrics.onStrategyError(slot.id);
                log.error("engine {}: strategy {} failed on order event {}", accountId, slot.id, e.type(), ex);
            }
        }
        if (!listeners.isEmpty()) {
            for (ListenerRegistration l : listeners) {
                l.delivery().execute(() -> safely(() -> l.listener().onOrderEvent(e)));
            }
        }
    }

    /** Reports to the ledger how much of this order is still unfilled and working (zero once it is final). */
    private void refreshExposure(TrackedOrder o) {
        if (o == null) {
            return;
        }
        OrderIntent intent = o.intent();
        BigDecimal remaining = o.isTerminal() ? BigDecimal.ZERO : intent.quantity().subtract(o.filledQuantity());
        if (remaining.signum() < 0) {
            remaining = BigDecimal.ZERO;
        }
        boolean buy = intent.side() == OrderSide.BUY;
        BigDecimal signed = buy ? remaining : remaining.negate();
        BigDecimal buyNotional = buy ? remaining.multiply(intent.referencePrice()) : BigDecimal.ZERO;
        BigDecimal oldSigned = o.reportedOpenQuantity();
        BigDecimal oldBuy = o.reportedOpenBuyNotional();
        if (signed.compareTo(oldSigned) == 0 && buyNotional.compareTo(oldBuy) == 0) {
            return;
        }
        ledger.adjustOpenOrders(intent.symbol(), signed.subtract(oldSigned), buyNotional.subtract(oldBuy));
        o.reportedOpen(signed, buyNotional);
    }

    /** An ambiguous send is resolved by looking the order up, never by a blind re-send. */
    private void resolveUnknown(String clientOrderId, int attempt) {
        CompletableFuture<Optional<Order>> f;
        try {
            f = executor.lookup(clientOrderId);
        } catch (RuntimeException ex) {
            f = CompletableFuture.failedFuture(ex);
        }
        f.whenComplete((o, ex) -> enqueue(new LookupDone(clientOrderId, o, ex, attempt)));
    }

    private void onLookupDone(LookupDone l) {
        TrackedOrder order = tracker.get(l.clientOrderId());
        if (order == null || order.status() != OrderStatus.UNKNOWN) {
            return; // resolved meanwhile by the event stream
        }
        if (l.error() != null) {
            long delay = Math.min(30_000L, 250L << Math.min(l.attempt(), 7));
            log.warn("engine {}: lookup of {} failed (attempt {}), retrying in {} ms: {}", accountId, l.clientOrderId(),
                    l.attempt() + 1, delay, l.error().toString());
            CompletableFuture.runAsync(() -> enqueue(new RetryLookup(l.clientOrderId(), l.attempt() + 1)),
                    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
            return;
        }
        if (l.order() != null && l.order().isPresent()) {
            handleOrderEvent(OrderEvents.fromOrder(l.order().get(), "resolved by lookup"));
            return;
        }
        // The broker never received it: sending again under the same client order id is safe.
        int n = resubmits.merge(l.clientOrderId(), 1, Integer::sum);
        if (n > MAX_RESUBMITS_AFTER_NOT_FOUND) {
            log.error("engine {}: order {} still unknown to the broker after {} sends; leaving it UNKNOWN", accountId,
                    l.clientOrderId(), n - 1);
            return;
        }
        log.warn("engine {}: order {} not found at the broker; sending it again with the same client order id",
                accountId, l.clientOrderId());
        executor.submit(order.intent().request());
        resolveUnknown(l.clientOrderId(), 0);
    }

    private void deliver(SignalOutcome outcome) {
        for (ListenerRegistration l : listeners) {
            l.delivery().execute(() -> safely(() -> l.listener().onSignalOutcome(outcome)));
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ex) {
            log.warn("engine listener failed", ex);
        }
    }

    // ------------------------------------------------------------------ internal types

    private final class StrategySlot implements StrategyContext {
        final String id;
        final TradingStrategy strategy;
        final StrategyProvider provider;
        // Written on the loop only; volatile so a host's read of the current values is not stale.
        volatile boolean enabled;
        volatile Parameters parameters;
        /** Whether onStart was called (loop only). */
        boolean started;
        private long sequence;

        StrategySlot(String id, TradingStrategy strategy, boolean enabled, StrategyProvider provider, Parameters parameters) {
            this.id = id;
            this.strategy = strategy;
            this.enabled = enabled;
            this.provider = provider;
            this.parameters = parameters;
        }

        @Override
        public String strategyId() {
            return id;
        }

        @Override
        public PortfolioView portfolio() {
            return ledger;
        }

        @Override
        public TradingClock clock() {
            return clock;
        }

        @Override
        public Signal signal(String symbol, SignalAction action, double confidence, double expectedReturn,
                             double expectedLoss, BigDecimal referencePrice) {
            Instant now = clock.now();
            String signalId = symbol.replace('/', '-') + '-' + now.getEpochSecond() + '-' + (++sequence);
            return new Signal(signalId, id, symbol, action, confidence, expectedReturn, expectedLoss, referencePrice, null, now);
        }
    }

    private record PendingSubmit(OrderIntent intent, CompletableFuture<SignalOutcome> future, long startNanos) { }

    private record HostSignal(Signal signal, CompletableFuture<SignalOutcome> future) { }

    private record IntentDurable(String clientOrderId, Throwable error) { }

    private record LookupDone(String clientOrderId, Optional<Order> order, Throwable error, int attempt) { }

    private record RetryLookup(String clientOrderId, int attempt) { }

    private record SetState(TradingState state) { }

    /** The engine halts the account itself: {@code what} happened (the log line), {@code reason} for the listeners. */
    private record EngineHalt(HaltKind kind, String what, String reason) { }

    private enum HaltKind { VENUE, MARKET_DATA }

    private record ConfigCommand(List<ConfigUpdate> updates, String origin,
                                 CompletableFuture<List<ConfigChangeRecord>> future) { }

    private record Cancel(String clientOrderId) { }

    private record WarmUpBar(Bar bar) { }

    private enum StartStrategies { INSTANCE }

    private record CancelOpenOrders(CompletableFuture<List<String>> future) { }

    private record AttributionRequest(CompletableFuture<Map<String, Map<String, BigDecimal>>> future) { }

    private record SnapshotRequest(CompletableFuture<PortfolioSnapshot> future) { }

    private record ListenerRegistration(EngineListener listener, java.util.concurrent.Executor delivery) { }

    /**
     * A strategy instance as wired into the engine.
     *
     * @param provider   the provider that made it, or {@code null}; needed to change its parameters at runtime
     * @param parameters its current parameters, or {@code null} when {@code provider} is
     */
    public record StrategySpec(String id, Set<String> symbols, TradingStrategy strategy, boolean enabled,
                               StrategyProvider provider, Parameters parameters) {
        public StrategySpec {
            Objects.requireNonNull(id, "id");
            symbols = Set.copyOf(symbols);
            Objects.requireNonNull(strategy, "strategy");
            if (symbols.isEmpty()) {
                throw new IllegalArgumentException("strategy '" + id + "' has no symbols");
            }
            if ((provider == null) != (parameters == null)) {
                throw new IllegalArgumentException("strategy '" + id + "': give both provider and parameters, or neither");
            }
        }

        /** A strategy built in code, without a provider: its parameters cannot change at runtime. */
        public StrategySpec(String id, Set<String> symbols, TradingStrategy strategy, boolean enabled) {
            this(id, symbols, strategy, enabled, null, null);
        }
    }

    /** A risk rule with the provider and parameters it was made from, so its thresholds can change at runtime. */
    public record RuleSlot(String name, RiskRuleProvider provider, Parameters parameters, RiskRule rule) {
        public RuleSlot {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rule, "rule");
            if ((provider == null) != (parameters == null)) {
                throw new IllegalArgumentException("rule '" + name + "': give both provider and parameters, or neither");
            }
        }
    }

    /** Builds a {@link TradingEngine}. Not thread-safe; use from one thread. */
    public static final class Builder {
        private final String accountId;
        private BigDecimal initialCash = new BigDecimal("100000");
        private TradingClock clock = new MarketCalendarClock();
        private ZoneId tradingZone = MarketCalendarClock.NEW_YORK;
        private final List<StrategySpec> strategies = new ArrayList<>();
        private PositionSizer sizer;
        private RiskManager riskManager;
        private final List<AccountGuard> guards = new ArrayList<>();
        private final List<RuleSlot> ruleSlots = new ArrayList<>();
        private ProviderContext providerContext;
        private Executor executor;
        private TradeJournal journal;
        private TradingMetrics metrics;
        private TimeInForce timeInForce = TimeInForce.DAY;
        private Duration signalTimeTolerance = SignalValidator.DEFAULT_TIME_TOLERANCE;
        private final Set<String> tradableSymbols = new HashSet<>();
        private final List<EngineObserver> observers = new ArrayList<>();
        private final List<ListenerRegistration> listeners = new ArrayList<>();
        private java.util.concurrent.Executor callbackExecutor;
        private RecoveryPolicy recoveryPolicy = RecoveryPolicy.defaults();

        private Builder(String accountId) {
            Objects.requireNonNull(accountId, "accountId");
            if (!accountId.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("accountId must be 1 to 64 characters of [A-Za-z0-9._-], was '" + accountId + "'");
            }
            this.accountId = accountId;
        }

        /** Starting cash before the executor's snapshot is adopted; must not be negative. */
        public Builder initialCash(BigDecimal cash) {
            if (cash == null || cash.signum() < 0) {
                throw new IllegalArgumentException("initialCash must be zero or positive, was " + cash);
            }
            this.initialCash = cash;
            return this;
        }

        public Builder clock(TradingClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The zone whose midnight starts a new trading day (daily loss baseline); default America/New_York. */
        public Builder tradingZone(ZoneId zone) {
            this.tradingZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        public Builder strategy(String id, Set<String> symbols, TradingStrategy strategy) {
            return strategy(new StrategySpec(id, symbols, strategy, true));
        }

        public Builder strategy(StrategySpec spec) {
            strategies.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        public Builder sizer(PositionSizer sizer) {
            this.sizer = Objects.requireNonNull(sizer, "sizer");
            return this;
        }

        /** Uses a {@link RuleBasedRiskManager} over these rules; rules that are {@link AccountGuard}s also guard the account. */
        public Builder riskRules(List<RiskRule> rules) {
            ruleSlots.clear();
            for (RiskRule r : rules) {
                ruleSlots.add(new RuleSlot(r.name(), null, null, r));
            }
            this.riskManager = null;
            return this;
        }

        /**
         * Uses a {@link RuleBasedRiskManager} over rules made by providers; their thresholds can then be
         * changed at runtime with {@link TradingEngine#updateRiskRule}.
         */
        public Builder configuredRiskRules(List<RuleSlot> rules) {
            ruleSlots.clear();
            ruleSlots.addAll(rules);
            this.riskManager = null;
            return this;
        }

        /** What providers get when the engine re-creates a rule at runtime; defaults to the account, the clock and the environment. */
        public Builder providerContext(ProviderContext context) {
            this.providerContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** A custom risk manager; if it is also an {@link AccountGuard} it guards the account too. */
        public Builder riskManager(RiskManager riskManager) {
            this.riskManager = Objects.requireNonNull(riskManager, "riskManager");
            ruleSlots.clear();
            if (riskManager instanceof AccountGuard g) {
                guards.add(g);
            }
            return this;
        }

        public Builder guard(AccountGuard guard) {
            guards.add(Objects.requireNonNull(guard, "guard"));
            return this;
        }

        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The journal; an {@link InMemoryTradeJournal} when not set. */
        public Builder journal(TradeJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        public Builder metrics(TradingMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public Builder timeInForce(TimeInForce tif) {
            this.timeInForce = Objects.requireNonNull(tif, "tif");
            return this;
        }

        /**
         * How far (either way) a signal's time may be from {@link TradingClock#now()} of the engine's clock;
         * a signal outside is denied {@code INVALID_SIGNAL}. Default one hour; at most 36525 days.
         */
        public Builder signalTimeTolerance(Duration tolerance) {
            this.signalTimeTolerance = SignalValidator.checkTolerance(tolerance);
            return this;
        }

        /** Symbols the host may trade through {@link TradingEngine#execute} besides the strategies' symbols. */
        public Builder tradableSymbols(Set<String> symbols) {
            tradableSymbols.addAll(symbols);
            return this;
        }

        public Builder observer(EngineObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Where the futures returned to the host ({@link TradingEngine#execute}, configuration changes)
         * complete; default: one daemon thread of the engine's own.
         */
        public Builder callbackExecutor(java.util.concurrent.Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Builder listener(EngineListener listener, java.util.concurrent.Executor delivery) {
            listeners.add(new ListenerRegistration(Objects.requireNonNull(listener, "listener"),
                    Objects.requireNonNull(delivery, "delivery")));
            return this;
        }

        /** How recovery treats what it cannot simply adopt; {@link RecoveryPolicy#defaults()} unless set. */
        public Builder recoveryPolicy(RecoveryPolicy policy) {
            this.recoveryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @throws IllegalStateException naming the missing piece (executor, sizer or risk manager) */
        public TradingEngine build() {
            if (executor == null) {
                throw new IllegalStateException("engine " + accountId + ": no executor configured");
            }
            if (sizer == null) {
                throw new IllegalStateException("engine " + accountId + ": no position sizer configured");
            }
            if (riskManager == null && ruleSlots.isEmpty()) {
                throw new IllegalStateException("engine " + accountId + ": no risk manager or risk rules configured");
            }
            return new TradingEngine(this);
        }
    }
}
