package io.tradingsdk.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsdk.alpaca.internal.AccountReader;
import io.tradingsdk.alpaca.internal.AlpacaJava;
import io.tradingsdk.alpaca.internal.BrokerOrder;
import io.tradingsdk.alpaca.internal.Errors;
import io.tradingsdk.alpaca.internal.EventNormalizer;
import io.tradingsdk.alpaca.internal.EventNormalizer.Source;
import io.tradingsdk.alpaca.internal.ExecutionHistory;
import io.tradingsdk.alpaca.internal.Json;
import io.tradingsdk.alpaca.internal.OpenOrderClassifier;
import io.tradingsdk.alpaca.internal.OrderGateway;
import io.tradingsdk.alpaca.internal.OrderRules;
import io.tradingsdk.alpaca.internal.SendOutcome;
import io.tradingsdk.alpaca.internal.TradeUpdateStream;
import io.tradingsdk.alpaca.internal.Tracked;
import io.tradingsdk.alpaca.internal.Tracked.Phase;
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
import io.tradingsdk.api.order.OrderType;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.order.ReplaceRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Executor} for Alpaca (name {@code alpaca}), correct under network and broker faults.
 *
 * <p><b>Threads.</b> {@link #submit}, {@link #cancel} and {@link #replace} validate, hand the work
 * to the executor's I/O threads and return at once. Events are delivered to the subscribed
 * listener on the executor's single {@code alpaca-events} thread, in order per order.
 * {@link #lookup} and {@link #snapshot} complete on the I/O or events threads. Any thread may call
 * any method.
 *
 * <p><b>Orders.</b> Every submit carries the request's deterministic client order id. Alpaca's
 * answer decides: 2xx → the order's status; 403 (e.g. insufficient buying power) and 422 →
 * REJECTED with Alpaca's code and message; 401 → REJECTED and trading halts (configuration error,
 * {@link AlpacaConnection#haltReason()}); 429 → REJECTED (not processed by Alpaca, not re-sent);
 * a request refused locally (open circuit, rate limit wait, a crypto order with a time in force
 * Alpaca refuses for crypto: see {@link OrderRules}) → REJECTED "not sent".
 *
 * <p><b>Venue halt.</b> Once the connection halts, because Alpaca answered 401 to any request on it
 * (an order, a replace, the account snapshot, market data or the clock sharing the connection) or
 * the trade update stream refused the credentials, every later submit ends REJECTED and every
 * replace ORDER_REPLACE_REJECTED without being sent; cancels are still tried. The subscribed
 * listener hears it once through {@link OrderEventListener#onVenueHalted} with the connection's
 * {@link AlpacaConnection#haltReason()}, on the {@code alpaca-events} thread, and so does a
 * listener that subscribes after the halt. A halt is not lifted: fix the keys and open a new
 * connection.
 *
 * <p><b>Ambiguous outcomes.</b> A timeout, a reset, 408, 5xx, or a 2xx with an unreadable body may
 * or may not have created the order: the executor emits {@link OrderEventType#SUBMIT_UNKNOWN} and
 * resolves it with {@code GET /v2/orders:by_client_order_id} (and the trade stream), backing off,
 * never re-sending the POST. Found → the order's state. Absent after
 * {@link AlpacaConfig#unknownNotFoundLookups()} lookups and {@link AlpacaConfig#unknownNotFoundMinAge()}
 * → REJECTED "not received"; a later {@code submit} of the same request (same id) sends it again.
 * A lookup that cannot be made does not decide anything: it is retried until one answers.
 * {@link #lookup} of an order being resolved completes when the resolution does, after its event.
 * A 422 "client_order_id must be unique" is looked up the same way: it is not a success, and the
 * existing order is reported as it is (a canceled or rejected one is not a fill).
 *
 * <p><b>Events.</b> From the {@code trade_updates} stream (all Alpaca event types), the POST
 * answers, lookups and REST backfills after every (re)connect or unreadable stream message, and a
 * periodic check of orders without recent events. Fills come as cumulative {@code filledQuantity}
 * with the average price; a {@link Fill} is attached only when the stream names a real execution
 * (its {@code execution_id}, {@code qty} and {@code price}). See {@link EventNormalizer} for how
 * repeated and out-of-order reports become a consistent sequence.
 *
 * <p><b>Snapshot.</b> Account cash, positions and open orders, as Alpaca reports them; completes
 * exceptionally with an {@link AlpacaException} when any part cannot be read, never as flat. Open
 * orders of other applications that the SDK cannot represent are foreign orders, never a failure
 * and never canceled. Every open order a snapshot or a lookup reports is watched from then on like
 * the executor's own (stream, backfill after reconnects, stale-order check).
 *
 * <p><b>Executions.</b> {@link #executionsSince} reads Alpaca's FILL account activities; see
 * {@link ExecutionHistory}. Crypto symbols are spelled {@code BTC/USD} everywhere (Alpaca's
 * {@code BTCUSD} positions included); a crypto DAY order is sent as GTC, see {@link OrderRules}.
 */
public final class AlpacaExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(AlpacaExecutor.class);
    private static final int BACKFILL_MAX_PAGES = 10;
    /** Final orders are forgotten this long after they ended, to bound memory in long sessions. */
    private static final long FORGET_AFTER_NANOS = TimeUnit.HOURS.toNanos(6);

    private final AlpacaConnection connection;
    private final boolean ownsConnection;
    private final AlpacaConfig cfg;
    private final AlpacaJava alpaca;
    private final OrderGateway gateway;
    private final AccountReader accountReader;
    private final ExecutionHistory history;
    private final ExecutorService ioPool;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService events;
    private final EventNormalizer normalizer = new EventNormalizer();
    private final ConcurrentHashMap<String, Tracked> orders = new ConcurrentHashMap<>();
    private final AtomicReference<OrderEventListener> listener = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean backfillRunning = new AtomicBoolean();
    private final AtomicBoolean backfillAgain = new AtomicBoolean();
    private final TradeUpdateStream stream;
    private final AutoCloseable haltSubscription;
    /** The listener that has heard the connection's halt; touched on the events thread only. */
    private OrderEventListener toldOfHalt;

    /**
     * An executor on a shared connection (the host closes the connection after the executor).
     * Starts listening to the trade update stream at once (unless disabled in the configuration).
     */
    public AlpacaExecutor(AlpacaConnection connection) {
        this(connection, false);
    }

    /** An executor with its own connection, closed with it. */
    public static AlpacaExecutor open(AlpacaConfig config) {
        AlpacaConnection connection = AlpacaConnection.open(config);
        try {
            return new AlpacaExecutor(connection, true);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private AlpacaExecutor(AlpacaConnection connection, boolean ownsConnection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        if (connection.isClosed()) {
            throw new IllegalStateException("the Alpaca connection is closed");
        }
        this.ownsConnection = ownsConnection;
        this.cfg = connection.config();
        this.alpaca = new AlpacaJava(connection.api());
        this.gateway = new OrderGateway(connection.rest(), alpaca);
        this.accountReader = new AccountReader(alpaca, gateway);
        this.history = new ExecutionHistory(connection.rest(), gateway);
        this.ioPool = Executors.newFixedThreadPool(cfg.ioThreads(), daemon("alpaca-io"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("alpaca-scheduler"));
        this.events = Executors.newSingleThreadExecutor(daemon("alpaca-events"));
        // Before the stream starts, whose refused authorization halts the connection too.
        this.haltSubscription = connection.addStatusListener(new AlpacaStatusListener() {
            @Override
            public void onHalted(String reason) {
                reportHalt();
            }
        });
        if (cfg.streamEnabled()) {
            this.stream = new TradeUpdateStream(connection.http(), connection.endpoints(), cfg, connection.hub(),
                    connection.counters(), scheduler, new StreamSink());
            stream.start();
        } else {
            this.stream = null;
        }
        long every = cfg.staleOrderCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(guard("stale order check", this::checkStaleOrders), every, every,
                TimeUnit.MILLISECONDS);
        log.info("alpaca executor started ({} mode)", cfg.mode());
    }

    @Override
    public String name() {
        return "alpaca";
    }

    /** The connection this executor uses (health, circuit states, status listeners). */
    public AlpacaConnection connection() {
        return connection;
    }

    /**
     * Registers the listener (replacing any earlier one). If the connection is halted already, the
     * listener hears {@link OrderEventListener#onVenueHalted} soon after, on the events thread.
     */
    @Override
    public AutoCloseable subscribe(OrderEventListener l) {
        Objects.requireNonNull(l, "listener");
        listener.set(l);
        if (connection.haltReason().isPresent()) {
            reportHalt();
        }
        return () -> listener.compareAndSet(l, null);
    }

    /**
     * Tells the current listener, once, that the connection halted. On the events thread, so it is
     * ordered with the order events and never runs twice at once; both the hub's notification and a
     * subscribe after the halt lead here.
     */
    private void reportHalt() {
        try {
            events.execute(() -> {
                OrderEventListener l = listener.get();
                Optional<String> reason = connection.haltReason();
                if (l == null || reason.isEmpty() || l == toldOfHalt) {
                    return;
                }
                toldOfHalt = l;
                try {
                    l.onVenueHalted(reason.get());
                } catch (RuntimeException ex) {
                    log.warn("alpaca: order event listener failed on the venue halt", ex);
                }
            });
        } catch (RejectedExecutionException closedAlready) {
            log.debug("alpaca: executor closed; venue halt not reported");
        }
    }

    /**
     * Waits until the trade update stream listens, at most {@code timeout}; for hosts that want the
     * stream up before the first order (events missed before are backfilled anyway).
     *
     * @return whether it listens
     */
    public boolean awaitStreamListening(Duration timeout) {
        if (stream == null) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stream.isListening()) {
            if (System.nanoTime() >= deadline || closed.get()) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ submit

    /**
     * Sends a simple order; returns at once.
     *
     * @throws NullPointerException  if {@code request} is null
     * @throws IllegalStateException if the executor is closed
     */
    @Override
    public void submit(OrderRequest request) {
        submit(request, AlpacaOrderOptions.SIMPLE);
    }

    /**
     * Sends an order with Alpaca-specific options (bracket, OCO, OTO legs; extended hours); returns at
     * once. The legs' own events carry Alpaca's client order ids for them.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if extended hours is asked for other than a LIMIT DAY order
     * @throws IllegalStateException    if the executor is closed
     */
    public void submit(OrderRequest request, AlpacaOrderOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        if (options.extendedHours() && (request.type() != OrderType.LIMIT
                || request.timeInForce() != TimeInForce.DAY)) {
            throw new IllegalArgumentException("extendedHours needs a LIMIT DAY order, was " + request.type() + " "
                    + request.timeInForce());
        }
        ensureOpen();
        runIo("submit " + request.clientOrderId(), () -> doSubmit(request, options));
    }

    private void doSubmit(OrderRequest request, AlpacaOrderOptions options) {
        String id = request.clientOrderId();
        Tracked t = new Tracked(request, options);
        Tracked existing = orders.putIfAbsent(id, t);
        if (existing != null) {
            if (existing.phase() == Phase.NOT_RECEIVED && orders.replace(id, existing, t)) {
                log.info("alpaca: sending {} again with the same client order id (Alpaca never received it)", id);
            } else {
                log.info("alpaca: {} was submitted before; not sending it twice, reporting its state", id);
                reportExisting(existing);
                return;
            }
        }
        Optional<String> halt = connection.haltReason();
        if (halt.isPresent()) {
            t.toFinal(Phase.REFUSED);
            emitLocal(t, OrderEventType.REJECTED, "not sent: trading is halted: " + halt.get());
            completeAfterEvents(t, Optional.empty());
            return;
        }
        String rule = OrderRules.submitRefusal(request);
        if (rule != null) {
            refuse(t, Phase.REFUSED, "not sent: " + rule);
            return;
        }
        t.markSent();
        SendOutcome outcome = gateway.submit(request, options);
        handleSendOutcome(t, outcome, false);
    }

    /** Applies what a submit (or the replacement half of a replace) achieved. */
    private void handleSendOutcome(Tracked t, SendOutcome outcome, boolean replacement) {
        String id = t.id();
        if (outcome instanceof SendOutcome.Accepted a) {
            BrokerOrder o = a.order();
            t.toAtBroker(o);
            log.info("alpaca: {} accepted by Alpaca as {} ({})", id, o.id(), o.status().wireName());
            emitRest(o, null);
            completeAfterEvents(t, Optional.of(o));
        } else if (outcome instanceof SendOutcome.Refused r) {
            refuse(t, Phase.REFUSED, r.describe());
        } else if (outcome instanceof SendOutcome.Unauthorized u) {
            connection.hub().halt("Alpaca answered 401 unauthorized to an order: the key id or secret key is wrong"
                    + " (configuration error)");
            refuse(t, Phase.REFUSED, "HTTP 401 unauthorized " + u.error().describe()
                    + ": configuration error, trading halted");
        } else if (outcome instanceof SendOutcome.RateLimited r) {
            refuse(t, Phase.NOT_RECEIVED, "HTTP 429 rate limited by Alpaca (" + r.error().describe()
                    + "): not processed, not sent again automatically");
        } else if (outcome instanceof SendOutcome.NotSent n) {
            refuse(t, Phase.NOT_RECEIVED, "not sent: " + n.reason());
        } else if (outcome instanceof SendOutcome.Duplicate d) {
            t.toAmbiguous("Alpaca already has client_order_id " + id + " (" + d.error().describe() + ")");
            log.warn("alpaca: {}: {}; looking the existing order up", id, t.ambiguity());
            schedule(() -> resolveStep(t), 0);
        } else if (outcome instanceof SendOutcome.Ambiguous a) {
            if (t.toAmbiguous(a.reason())) {
                connection.counters().unknownOutcomes.increment();
                t.unknownReported(true);
                log.warn("alpaca: outcome of {} {} is UNKNOWN ({}); resolving by lookup, not re-sending",
                        replacement ? "replacement" : "order", id, a.reason());
                emitLocal(t, OrderEventType.SUBMIT_UNKNOWN, "outcome unknown: " + a.reason());
                schedule(() -> resolveStep(t), cfg.unknownResolveInitialDelay().toMillis());
            } else {
                log.info("alpaca: the answer to {} was ambiguous ({}), but the trade stream already reported the order",
                        id, a.reason());
            }
        }
    }

    private void refuse(Tracked t, Phase phase, String reason) {
        if (!t.toFinal(phase)) {
            return;
        }
        log.warn("alpaca: order {} rejected: {}", t.id(), reason);
        emitLocal(t, OrderEventType.REJECTED, reason);
        completeAfterEvents(t, Optional.empty());
    }

    /** A repeated submit: report the known state (a lookup) instead of sending again. */
    private void reportExisting(Tracked existing) {
        if (existing.isPending()) {
            return; // its resolution reports the outcome
        }
        if (existing.phase() != Phase.AT_BROKER) {
            return; // refused: that answer was reported already
        }
        try {
            gateway.byClientOrderId(existing.id()).ifPresent(o -> emitRest(o, "state of the order already submitted"));
        } catch (AlpacaException e) {
            log.warn("alpaca: could not look up {} after a repeated submit: {}", existing.id(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ resolution of ambiguous sends

    private void resolveStep(Tracked t) {
        if (closed.get() || t.phase() != Phase.AMBIGUOUS) {
            return;
        }
        Optional<BrokerOrder> found;
        try {
            found = gateway.byClientOrderId(t.id());
        } catch (AlpacaException e) {
            reportUnknownOnce(t);
            long delay = resolveDelay(t, true);
            log.warn("alpaca: lookup of {} (outcome unknown) failed: {}; next lookup in {} ms", t.id(), e.getMessage(), delay);
            schedule(() -> resolveStep(t), delay);
            return;
        }
        if (found.isPresent()) {
            BrokerOrder o = found.get();
            Phase left = t.toAtBroker(o);
            if (left == Phase.AMBIGUOUS) {
                if (t.unknownReported()) {
                    connection.counters().unknownResolved.increment();
                }
                log.info("alpaca: {} resolved by lookup: Alpaca has it as {} ({}, filled {})", t.id(), o.id(),
                        o.status().wireName(), o.filledQuantity().toPlainString());
                emitRest(o, "resolved by lookup after: " + t.ambiguity());
                completeAfterEvents(t, Optional.of(o));
            }
            return;
        }
        int notFound = t.incrementNotFound();
        long age = System.nanoTime() - t.sentNanos();
        if (notFound >= cfg.unknownNotFoundLookups() && age >= cfg.unknownNotFoundMinAge().toNanos()) {
            if (t.toFinal(Phase.NOT_RECEIVED)) {
                if (t.unknownReported()) {
                    connection.counters().unknownResolved.increment();
                }
                String reason = "not received by Alpaca (" + t.ambiguity() + "; " + notFound + " lookups found no order"
                        + " with this client_order_id); not sent again: submitting the same request again retries it safely";
                log.warn("alpaca: {} {}", t.id(), reason);
                emitLocal(t, OrderEventType.REJECTED, reason);
                completeAfterEvents(t, Optional.empty());
            }
            return;
        }
        reportUnknownOnce(t);
        schedule(() -> resolveStep(t), resolveDelay(t, false));
    }

    /** A duplicate-id answer is not reported UNKNOWN unless the first lookup does not settle it. */
    private void reportUnknownOnce(Tracked t) {
        if (!t.unknownReported()) {
            t.unknownReported(true);
            connection.counters().unknownOutcomes.increment();
            emitLocal(t, OrderEventType.SUBMIT_UNKNOWN, "outcome unknown: " + t.ambiguity());
        }
    }

    private long resolveDelay(Tracked t, boolean failed) {
        long initial = cfg.unknownResolveInitialDelay().toMillis();
        long max = cfg.unknownResolveMaxDelay().toMillis();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t.sentNanos());
        long base = Math.min(max, Math.max(initial, failed ? elapsed : elapsed / 2));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    // ------------------------------------------------------------------ cancel and replace

    /**
     * Requests cancellation; returns at once. The outcome arrives as events: CANCELED from the stream,
     * or ORDER_CANCEL_REJECTED with a reason (unknown id, order already final, Alpaca's 422).
     *
     * @throws IllegalStateException if the executor is closed
     */
    @Override
    public void cancel(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        ensureOpen();
        runIo("cancel " + clientOrderId, () -> doCancel(clientOrderId, 1));
    }

    private void doCancel(String id, int attempt) {
        Tracked t = orders.get(id);
        if (t != null && t.isPending()) {
            // Cancel once it is known whether Alpaca has the order.
            t.resolution().whenComplete((o, e) -> runIoQuietly(() -> doCancel(id, attempt)));
            return;
        }
        String brokerId = t != null && t.phase() == Phase.AT_BROKER ? t.brokerOrderId() : null;
        if (brokerId == null) {
            Optional<BrokerOrder> found;
            try {
                found = gateway.byClientOrderId(id);
            } catch (AlpacaException e) {
                refusal(id, t, null, OrderEventType.ORDER_CANCEL_REJECTED, "cancel not sent: the order could not be"
                        + " looked up: " + e.getMessage());
                return;
            }
            if (found.isEmpty()) {
                refusal(id, t, null, OrderEventType.ORDER_CANCEL_REJECTED, "unknown clientOrderId " + id);
                return;
            }
            BrokerOrder o = found.get();
            if (o.isTerminal()) {
                emitRest(o, null);
                refusal(id, t, o, OrderEventType.ORDER_CANCEL_REJECTED, "order is already " + o.status());
                return;
            }
            brokerId = o.id();
        }
        try {
            gateway.cancel(brokerId);
            log.info("alpaca: cancel of {} accepted by Alpaca", id);
            if (stream == null || !stream.isListening()) {
                scheduleBackfill("cancel sent while the stream is not listening", cfg.retryInitialDelay().toMillis());
            }
        } catch (AlpacaApiException e) {
            if (!e.isServerError() && e.httpStatus() != 429) {
                // 422 not cancelable, 404 unknown: Alpaca's definitive answer.
                BrokerOrder known = null;
                try {
                    known = gateway.byClientOrderId(id).orElse(null);
                    if (known != null) {
                        emitRest(known, null);
                    }
                } catch (AlpacaException ignored) {
                    // the refusal below is reported anyway
                }
                refusal(id, t, known, OrderEventType.ORDER_CANCEL_REJECTED, "Alpaca refused the cancel: HTTP "
                        + e.httpStatus() + " " + (e.apiCode() != null ? e.apiCode() + ": " : "") + e.apiMessage());
                return;
            }
            retryCancel(id, t, attempt, e);
        } catch (AlpacaException e) {
            retryCancel(id, t, attempt, e);
        }
    }

    /** DELETE is idempotent at Alpaca: a failed one may be sent again (a few times). */
    private void retryCancel(String id, Tracked t, int attempt, AlpacaException e) {
        if (attempt < cfg.getMaxAttempts() && !closed.get()) {
            long delay = Math.min(cfg.retryMaxDelay().toMillis(), cfg.retryInitialDelay().toMillis() << (attempt - 1));
            log.warn("alpaca: cancel of {} failed ({}); trying again in {} ms", id, e.getMessage(), delay);
            schedule(() -> runIoQuietly(() -> doCancel(id, attempt + 1)), delay);
            return;
        }
        refusal(id, t, null, OrderEventType.ORDER_CANCEL_REJECTED, "cancel could not be confirmed: " + e.getMessage());
        scheduleBackfill("cancel outcome unknown", cfg.retryInitialDelay().toMillis());
    }

    /**
     * Requests a replacement; returns at once. The replacement gets {@code request.newClientOrderId()};
     * the old order ends REPLACED (from the stream) and the new one starts under its id.
     * ORDER_REPLACE_REJECTED with a reason when the order is unknown or final, the new id is taken,
     * the new terms are invalid, or Alpaca refuses; without sending anything when Alpaca's replace
     * rules forbid it ({@link OrderRules}: a fractional new quantity, a new quantity for a fractional
     * equity order, any replace of a notional order, a crypto time in force other than gtc or ioc).
     *
     * @throws IllegalStateException if the executor is closed
     */
    @Override
    public void replace(String clientOrderId, ReplaceRequest request) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(request, "request");
        ensureOpen();
        runIo("replace " + clientOrderId, () -> doReplace(clientOrderId, request));
    }

    private void doReplace(String id, ReplaceRequest rr) {
        Tracked old = orders.get(id);
        if (old != null && old.isPending()) {
            old.resolution().whenComplete((o, e) -> runIoQuietly(() -> doReplace(id, rr)));
            return;
        }
        Optional<String> halt = connection.haltReason();
        if (halt.isPresent()) {
            refusal(id, old, null, OrderEventType.ORDER_REPLACE_REJECTED, "replace not sent: trading is halted: "
                    + halt.get());
            return;
        }
        BrokerOrder current;
        try {
            current = gateway.byClientOrderId(id).orElse(null);
        } catch (AlpacaException e) {
            refusal(id, old, null, OrderEventType.ORDER_REPLACE_REJECTED, "replace not sent: the order could not be"
                    + " looked up: " + e.getMessage());
            return;
        }
        if (current == null) {
            refusal(id, old, null, OrderEventType.ORDER_REPLACE_REJECTED, "unknown clientOrderId " + id);
            return;
        }
        if (current.isTerminal()) {
            emitRest(current, null);
            refusal(id, old, current, OrderEventType.ORDER_REPLACE_REJECTED, "order is already " + current.status());
            return;
        }
        String rule = OrderRules.replaceRefusal(current, rr);
        if (rule != null) {
            refusal(id, old, current, OrderEventType.ORDER_REPLACE_REJECTED, "replace not sent: " + rule);
            return;
        }
        OrderRequest next;
        try {
            OrderRequest was = old != null ? old.request() : current.toOrder().request();
            // Null fields keep the old order's requested values: a PATCH without qty keeps Alpaca's qty,
            // the requested quantity, not the unfilled rest (ReplaceRequest says so for every executor).
            next = new OrderRequest(rr.newClientOrderId(), was.symbol(), was.side(),
                    rr.quantity() != null ? rr.quantity() : was.quantity(),
                    rr.quantity() != null ? null : was.notional(), was.type(),
                    rr.limitPrice() != null ? rr.limitPrice() : was.limitPrice(),
                    rr.stopPrice() != null ? rr.stopPrice() : was.stopPrice(),
                    rr.timeInForce() != null ? rr.timeInForce() : was.timeInForce());
        } catch (IllegalArgumentException e) {
            refusal(id, old, current, OrderEventType.ORDER_REPLACE_REJECTED, "invalid replacement: " + e.getMessage());
            return;
        }
        Tracked fresh = new Tracked(next, AlpacaOrderOptions.SIMPLE);
        if (orders.putIfAbsent(next.clientOrderId(), fresh) != null) {
            refusal(id, old, current, OrderEventType.ORDER_REPLACE_REJECTED, "newClientOrderId " + next.clientOrderId()
                    + " is already used");
            return;
        }
        fresh.markSent();
        SendOutcome outcome = gateway.replace(current.id(), OrderRules.forWire(current.symbol(), rr));
        if (outcome instanceof SendOutcome.Accepted || outcome instanceof SendOutcome.Ambiguous) {
            handleSendOutcome(fresh, outcome, true);
            if (stream == null || !stream.isListening()) {
                scheduleBackfill("replace sent while the stream is not listening", cfg.retryInitialDelay().toMillis());
            }
            return;
        }
        orders.remove(next.clientOrderId(), fresh);
        String reason;
        if (outcome instanceof SendOutcome.Refused r) {
            reason = "Alpaca refused the replace: " + r.describe();
        } else if (outcome instanceof SendOutcome.Duplicate d) {
            reason = "newClientOrderId " + next.clientOrderId() + " is already used (" + d.error().describe() + ")";
        } else if (outcome instanceof SendOutcome.Unauthorized) {
            connection.hub().halt("Alpaca answered 401 unauthorized to a replace (configuration error)");
            reason = "HTTP 401 unauthorized: configuration error, trading halted";
        } else if (outcome instanceof SendOutcome.RateLimited) {
            reason = "HTTP 429 rate limited by Alpaca: replace not processed";
        } else if (outcome instanceof SendOutcome.NotSent n) {
            reason = "replace not sent: " + n.reason();
        } else {
            reason = "replace failed: " + outcome;
        }
        refusal(id, old, current, OrderEventType.ORDER_REPLACE_REJECTED, reason);
    }

    // ------------------------------------------------------------------ lookup and snapshot

    /**
     * Looks the order up at Alpaca by client order id. Empty on 404 (and for an order this executor
     * proved Alpaca never received); exceptionally with an {@link AlpacaException} when Alpaca
     * could not be asked. For an order whose send is still being resolved, completes once resolved.
     * An open order found this way is watched from then on like the executor's own.
     */
    @Override
    public CompletableFuture<Optional<Order>> lookup(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Alpaca executor is closed"));
        }
        Tracked t = orders.get(clientOrderId);
        if (t != null && t.phase() != Phase.AT_BROKER) {
            // Being resolved, or proven absent: answer through the resolution, which completes only after
            // its event (e.g. REJECTED "not received") was delivered, so a caller that re-sends on "not
            // found" always sees that event first.
            return t.resolution().thenApply(o -> o.map(AlpacaExecutor::toOrder));
        }
        return supplyIo(() -> gateway.byClientOrderId(clientOrderId).map(o -> {
            Order order = toOrder(o);
            watch(o);
            return order;
        }));
    }

    /**
     * The account as Alpaca reports it: cash, positions (signed quantities, crypto as {@code BTC/USD})
     * and open orders; the open orders the SDK cannot represent are {@link AccountSnapshot#foreignOrders()}.
     * Completes exceptionally with an {@link AlpacaException} when any part cannot be read. Its open
     * orders are watched from then on like the executor's own.
     */
    @Override
    public CompletableFuture<AccountSnapshot> snapshot() {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Alpaca executor is closed"));
        }
        return supplyIo(() -> {
            AccountReader.Read read = accountReader.read();
            read.openOrders().forEach(this::watch);
            return read.snapshot();
        });
    }

    /**
     * The account's executions from Alpaca's FILL activities at or after {@code since}, oldest first
     * (see {@link ExecutionHistory}); exceptionally with an {@link AlpacaException} when Alpaca cannot
     * be asked or the history is longer than {@link ExecutionHistory#MAX_PAGES} pages.
     */
    @Override
    public CompletableFuture<List<OrderEvent>> executionsSince(Instant since) {
        Objects.requireNonNull(since, "since");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Alpaca executor is closed"));
        }
        return supplyIo(() -> history.since(since, orders.values()));
    }

    /**
     * Watches an open order Alpaca reported (snapshot, lookup) like one this executor sent, starting
     * from the state reported: the stream, backfills and the stale-order check cover it.
     */
    private void watch(BrokerOrder o) {
        if (o.isTerminal() || orders.containsKey(o.clientOrderId())) {
            return;
        }
        if (orders.putIfAbsent(o.clientOrderId(), Tracked.watching(o)) == null) {
            log.info("alpaca: watching open order {} ({}, {}) reported by Alpaca", o.clientOrderId(), o.id(),
                    o.status().wireName());
            OrderEvent state = o.toEvent(o.eventType(), null, o.updatedAt(), null);
            try {
                events.execute(() -> normalizer.seed(state));
            } catch (RejectedExecutionException closedAlready) {
                log.debug("alpaca: executor closed; not watching {}", o.clientOrderId());
            }
        }
    }

    private static Order toOrder(BrokerOrder o) {
        try {
            return o.toOrder();
        } catch (IllegalArgumentException e) {
            throw Errors.malformed(AlpacaEndpointGroup.ORDERS, "order " + o.clientOrderId(), e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ the stream, backfill, stale orders

    private final class StreamSink implements TradeUpdateStream.Sink {
        @Override
        public void onListening(boolean reconnected) {
            scheduleBackfill(reconnected ? "stream reconnected" : "stream started", 0);
            if (reconnected) {
                tellEventsMayHaveBeenMissed("the trade update stream reconnected");
            }
        }

        @Override
        public void onTradeUpdate(JsonNode data) {
            applyTradeUpdate(data);
        }

        @Override
        public void onStreamProblem(String why) {
            scheduleBackfill(why, 0);
            tellEventsMayHaveBeenMissed(why);
        }
    }

    /** On the events thread, in order with the events: the listener brings its open orders up to date. */
    private void tellEventsMayHaveBeenMissed(String why) {
        try {
            events.execute(() -> {
                OrderEventListener l = listener.get();
                if (l != null) {
                    try {
                        l.onEventsMayHaveBeenMissed(why);
                    } catch (RuntimeException ex) {
                        log.warn("alpaca: order event listener failed on a stream interruption", ex);
                    }
                }
            });
        } catch (RejectedExecutionException closedAlready) {
            log.debug("alpaca: executor closed; no resync for {}", why);
        }
    }

    private void applyTradeUpdate(JsonNode data) {
        String event = Json.text(data, "event");
        JsonNode raw = data.get("order");
        OpenOrderClassifier.Classified c = OpenOrderClassifier.classify(raw);
        if (c.order() == null && !orders.containsKey(String.valueOf(Json.text(raw, "client_order_id")))) {
            log.debug("alpaca stream: '{}' of another application's order {} ignored ({})", Json.abbreviate(event),
                    c.foreign().brokerOrderId(), c.foreign().description());
            return;
        }
        BrokerOrder o = c.order() != null ? c.order() : BrokerOrder.fromJson(raw);
        OrderEventType type = streamEventType(event);
        Instant time = Json.instant(data, "timestamp");
        Tracked t = orders.get(o.clientOrderId());
        if (t != null) {
            t.touch();
            Phase left = t.toAtBroker(o);
            if (left == Phase.AMBIGUOUS || left == Phase.SENDING) {
                if (t.unknownReported()) {
                    connection.counters().unknownResolved.increment();
                }
                if (left == Phase.AMBIGUOUS) {
                    log.info("alpaca: {} resolved by the trade stream ({} {})", t.id(), event, o.status().wireName());
                }
                // The stream event itself is delivered below; the resolution completes after it.
                publish(eventFor(o, type, data, time), Source.STREAM);
                completeAfterEvents(t, Optional.of(o));
                return;
            }
        }
        if (type == OrderEventType.REPLACED && o.status() != OrderStatus.REPLACED) {
            // Defensive: should a "replaced" message carry the new order, report that one as it is.
            publish(o.toEvent(o.eventType(), null, time, null), Source.REST);
            return;
        }
        if (type == null) {
            log.warn("alpaca stream: unknown event '{}' for {}; using the order's status {}", Json.abbreviate(event),
                    o.clientOrderId(), o.status().wireName());
            publish(o.toEvent(o.eventType(), null, time, null), Source.REST);
            return;
        }
        publish(eventFor(o, type, data, time), Source.STREAM);
    }

    private static OrderEvent eventFor(BrokerOrder o, OrderEventType type, JsonNode data, Instant time) {
        if (type == null) {
            return o.toEvent(o.eventType(), null, time, null);
        }
        Fill fill = null;
        if (type == OrderEventType.FILL || type == OrderEventType.PARTIAL_FILL) {
            String execution = Json.text(data, "execution_id");
            BigDecimal qty = Json.decimal(data, "qty");
            BigDecimal price = Json.decimal(data, "price");
            if (execution != null && !execution.isEmpty() && qty != null && qty.signum() > 0 && price != null
                    && price.signum() > 0) {
                fill = new Fill(execution, o.clientOrderId(), o.symbol(), o.side(), qty, price, BigDecimal.ZERO,
                        time != null ? time : Instant.now());
            }
        }
        String reason = switch (type) {
            case REJECTED, ORDER_CANCEL_REJECTED, ORDER_REPLACE_REJECTED -> {
                String r = Json.text(data, "reason");
                yield r != null ? Json.abbreviate(r) : "Alpaca: " + type.name().toLowerCase(Locale.ROOT);
            }
            default -> null;
        };
        return o.toEvent(type, fill, time, reason);
    }

    /** Alpaca's trade update event names; {@code null} for one this adapter does not know. */
    static OrderEventType streamEventType(String event) {
        if (event == null) {
            return null;
        }
        return switch (event) {
            case "new" -> OrderEventType.NEW;
            case "accepted" -> OrderEventType.ACCEPTED;
            case "pending_new" -> OrderEventType.PENDING_NEW;
            case "accepted_for_bidding" -> OrderEventType.ACCEPTED_FOR_BIDDING;
            case "partial_fill" -> OrderEventType.PARTIAL_FILL;
            case "fill" -> OrderEventType.FILL;
            case "canceled" -> OrderEventType.CANCELED;
            case "expired" -> OrderEventType.EXPIRED;
            case "done_for_day" -> OrderEventType.DONE_FOR_DAY;
            case "replaced" -> OrderEventType.REPLACED;
            case "rejected" -> OrderEventType.REJECTED;
            case "stopped" -> OrderEventType.STOPPED;
            case "pending_cancel" -> OrderEventType.PENDING_CANCEL;
            case "pending_replace" -> OrderEventType.PENDING_REPLACE;
            case "calculated" -> OrderEventType.CALCULATED;
            case "suspended" -> OrderEventType.SUSPENDED;
            case "held" -> OrderEventType.HELD;
            case "order_cancel_rejected" -> OrderEventType.ORDER_CANCEL_REJECTED;
            case "order_replace_rejected" -> OrderEventType.ORDER_REPLACE_REJECTED;
            default -> null;
        };
    }

    /** Runs a REST backfill soon; one at a time, coalescing requests that arrive meanwhile. */
    private void scheduleBackfill(String why, long delayMillis) {
        if (closed.get()) {
            return;
        }
        schedule(() -> {
            if (!backfillRunning.compareAndSet(false, true)) {
                backfillAgain.set(true);
                return;
            }
            runIoQuietly(() -> {
                try {
                    do {
                        backfillAgain.set(false);
                        backfillOnce(why);
                    } while (backfillAgain.get() && !closed.get());
                } finally {
                    backfillRunning.set(false);
                }
                if (backfillAgain.getAndSet(false)) {
                    scheduleBackfill(why + " (again)", 0); // asked for while this one was finishing
                }
            });
        }, delayMillis);
    }

    /**
     * Brings every order that may have changed since the last event up to date over REST: the
     * orders this executor has at Alpaca that are not final. One paged list of orders submitted since
     * the earliest of them, then single lookups for any not in it.
     */
    private void backfillOnce(String why) {
        List<Tracked> open = new ArrayList<>();
        for (Tracked t : orders.values()) {
            if (t.phase() == Phase.AT_BROKER && !t.terminal()) {
                open.add(t);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        connection.counters().backfills.increment();
        log.info("alpaca: backfilling {} open order(s) over REST ({})", open.size(), why);
        Set<String> seen = new HashSet<>();
        try {
            Instant since = null;
            for (Tracked t : open) {
                Instant s = t.brokerSubmittedAt() != null ? t.brokerSubmittedAt().minusSeconds(1)
                        : t.createdAt().minus(Duration.ofMinutes(5)); // local clock: allow for skew
                since = since == null || s.isBefore(since) ? s : since;
            }
            for (BrokerOrder o : gateway.submittedSince(since, BACKFILL_MAX_PAGES)) {
                if (orders.containsKey(o.clientOrderId())) {
                    seen.add(o.clientOrderId());
                    emitSnapshot(o, "backfill");
                }
            }
        } catch (AlpacaException e) {
            log.warn("alpaca: backfill list failed ({}); looking orders up one by one", e.getMessage());
        }
        boolean failed = false;
        for (Tracked t : open) {
            if (seen.contains(t.id()) || closed.get()) {
                continue;
            }
            try {
                Optional<BrokerOrder> o = gateway.byClientOrderId(t.id());
                if (o.isPresent()) {
                    emitSnapshot(o.get(), "backfill");
                } else {
                    log.error("alpaca: order {} ({}) is no longer known to Alpaca", t.id(), t.brokerOrderId());
                }
            } catch (AlpacaException e) {
                failed = true;
                log.warn("alpaca: backfill lookup of {} failed: {}", t.id(), e.getMessage());
            }
        }
        if (failed) {
            scheduleBackfill("earlier backfill incomplete", cfg.retryMaxDelay().toMillis());
        }
    }

    private void emitSnapshot(BrokerOrder o, String why) {
        Tracked t = orders.get(o.clientOrderId());
        if (t != null) {
            t.touch();
        }
        emitRest(o, why);
    }

    /** Heartbeats are not proof that events flow: look up open orders that have been quiet too long. */
    private void checkStaleOrders() {
        long now = System.nanoTime();
        long staleNanos = cfg.staleOrderAge().toNanos();
        boolean stale = false;
        List<String> forget = new ArrayList<>();
        for (Tracked t : orders.values()) {
            if (t.phase() == Phase.AT_BROKER && !t.terminal() && now - t.lastEventNanos() > staleNanos) {
                stale = true;
            }
            boolean ended = t.terminal() || t.phase() == Phase.REFUSED || t.phase() == Phase.NOT_RECEIVED;
            if (ended && t.terminal() && now - t.terminalNanos() > FORGET_AFTER_NANOS) {
                forget.add(t.id());
            }
        }
        if (stale) {
            scheduleBackfill("open orders without events for " + cfg.staleOrderAge(), 0);
        }
        for (String id : forget) {
            orders.remove(id);
            events.execute(() -> normalizer.forget(id));
        }
    }

    // ------------------------------------------------------------------ emitting events

    private void emitRest(BrokerOrder o, String reason) {
        publish(o.toEvent(o.eventType(), null, o.updatedAt(), reason), Source.REST);
    }

    private void emitLocal(Tracked t, OrderEventType type, String reason) {
        OrderRequest r = t.request();
        publish(new OrderEvent(type, t.id(), t.brokerOrderId(), r.symbol(), r.side(), BigDecimal.ZERO, null, null,
                Instant.now(), reason), Source.LOCAL);
    }

    /** A refusal of a cancel or replace; the symbol and side come from what is known about the order. */
    private void refusal(String id, Tracked t, BrokerOrder o, OrderEventType type, String reason) {
        log.info("alpaca: {} of {}: {}", type, id, reason);
        String symbol = o != null ? o.symbol() : t != null ? t.request().symbol() : "";
        OrderSide side = o != null ? o.side() : t != null ? t.request().side() : OrderSide.BUY;
        String brokerId = o != null ? o.id() : t != null ? t.brokerOrderId() : null;
        BigDecimal filled = o != null ? o.filledQuantity() : BigDecimal.ZERO;
        BigDecimal avg = o != null ? o.toEvent(type, null, null, null).averageFillPrice() : null;
        publish(new OrderEvent(type, id, brokerId, symbol, side, filled, avg, null, Instant.now(), reason), Source.LOCAL);
    }

    private void publish(OrderEvent e, Source source) {
        try {
            events.execute(() -> {
                OrderEvent out = normalizer.accept(e, source);
                if (out == null) {
                    return;
                }
                if (normalizer.isTerminal(out.clientOrderId())) {
                    Tracked t = orders.get(out.clientOrderId());
                    if (t != null) {
                        t.markTerminal();
                    }
                }
                OrderEventListener l = listener.get();
                if (l != null) {
                    try {
                        l.onOrderEvent(out);
                    } catch (RuntimeException ex) {
                        log.warn("alpaca: order event listener failed on {} of {}", out.type(), out.clientOrderId(), ex);
                    }
                }
            });
        } catch (RejectedExecutionException closedAlready) {
            log.debug("alpaca: executor closed; dropped {} of {}", e.type(), e.clientOrderId());
        }
    }

    /** Completes the order's resolution after every event published so far has been delivered. */
    private void completeAfterEvents(Tracked t, Optional<BrokerOrder> value) {
        try {
            events.execute(() -> t.resolution().complete(value));
        } catch (RejectedExecutionException closedAlready) {
            t.resolution().complete(value);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the Alpaca executor is closed");
        }
    }

    private void runIo(String what, Runnable r) {
        try {
            ioPool.execute(guard(what, r));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the Alpaca executor is closed");
        }
    }

    private void runIoQuietly(Runnable r) {
        try {
            ioPool.execute(guard("background task", r));
        } catch (RejectedExecutionException e) {
            log.debug("alpaca: executor closed; task dropped");
        }
    }

    private <T> CompletableFuture<T> supplyIo(Supplier<T> s) {
        try {
            return CompletableFuture.supplyAsync(s, ioPool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Alpaca executor is closed"));
        }
    }

    private void schedule(Runnable r, long delayMillis) {
        try {
            scheduler.schedule(guard("scheduled task", () -> runIoQuietly(r)), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("alpaca: executor closed; not scheduling");
        }
    }

    private static Runnable guard(String what, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.error("alpaca: {} failed", what, e);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Stops the stream, fails pending lookups with {@link IllegalStateException} and releases the
     * threads (and the connection, if this executor opened it). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.set(null); // no events after close
        try {
            haltSubscription.close();
        } catch (Exception e) {
            log.debug("alpaca: removing the halt listener failed", e);
        }
        if (stream != null) {
            stream.close();
        }
        IllegalStateException gone = new IllegalStateException("the Alpaca executor closed before the order's outcome"
                + " was known");
        for (Tracked t : orders.values()) {
            t.resolution().completeExceptionally(gone);
        }
        scheduler.shutdownNow();
        ioPool.shutdownNow();
        events.shutdown();
        try {
            if (!events.awaitTermination(2, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
            ioPool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsConnection) {
            connection.close();
        }
        log.info("alpaca executor closed");
    }

    @Override
    public String toString() {
        return "AlpacaExecutor[" + cfg.mode() + ", " + orders.size() + " orders tracked]";
    }
}
