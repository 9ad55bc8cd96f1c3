package io.tradingsdk.node;

import io.tradingsdk.alpaca.AlpacaExecutor;
import io.tradingsdk.alpaca.AlpacaTradingClock;
import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.Executor;
import io.tradingsdk.api.portfolio.TradingState;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.backtest.Backtest;
import io.tradingsdk.core.backtest.ConfiguredEngine;
import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.core.config.ConfigResolver;
import io.tradingsdk.core.config.ResolvedComponents;
import io.tradingsdk.core.config.ResolvedStrategy;
import io.tradingsdk.core.config.TradingConfig;
import io.tradingsdk.core.engine.ConfigFileWatcher;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.node.internal.LiveBarGate;
import io.tradingsdk.node.internal.ModeCheck;
import io.tradingsdk.node.internal.NodeClock;
import io.tradingsdk.node.internal.StopWatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paper or live trading node: the engine of one account wired to its executor (Alpaca, or the
 * paper executor), a live {@link MarketDataSource}, the journal, the trading clock and the market
 * calendar, with the engine's metrics, the trading file watcher and recovery at start. A host
 * builds one and calls {@link #start()} and {@link #stop()} (or {@link #close()}); {@link NodeMain}
 * runs one from a node file.
 *
 * <p><b>Mode.</b> Paper unless told twice: {@code account.mode: live} in the trading configuration
 * <em>and</em> {@code confirmLive: true} in the node file, with the Alpaca executor in mode live.
 * Any disagreement is refused when the node is built, with a {@link LiveTradingNotConfirmedException}
 * naming the key; nothing is created then. Each start logs the mode, the account and where orders go
 * (at WARN for live).
 *
 * <p><b>Start</b> ({@link #start()}): creates the components from the configuration, starts the
 * engine (whose recovery makes broker, journal and ledger agree), subscribes to live bars (held back
 * for now), feeds each strategy its {@link TradingStrategy#warmUpBars()} most recent bars from
 * history through {@link TradingEngine#warmUp} (no signal goes out), waits for recovery, calls the
 * strategies' {@code onStart}, and only then passes live bars (those newer than the warm-up) to the
 * engine and starts session callbacks, the timer, the end-of-day reconciliation and the file watcher.
 * A start that cannot finish within {@code startTimeout} undoes itself and throws.
 *
 * <p><b>Live data that ends.</b> A live feed that refuses the subscription at start (for Alpaca:
 * {@code AlpacaStreamException} with its code, e.g. auth failed or connection limit exceeded) fails
 * the start, which undoes itself; so does one that ends before the strategies start. One that ends
 * later ({@link io.tradingsdk.api.market.BarListener#onFailure}) halts the engine: no new order goes
 * out, cancels and the broker's fills still do, the listeners hear {@code onTradingHalted("the market
 * data feed ended: ...")} and it is logged at ERROR. The node keeps running halted (open orders stay
 * watched and journaled); a stop and a start subscribe again, and recovery brings the account up to date.
 *
 * <p><b>Stop</b> ({@link #stop()}, {@link #close()}, or the JVM shutdown hook on SIGTERM): live bars and
 * clock events stop reaching the strategies and the account is HALTED (no new order, cancels still
 * go out); open orders are cancelled (waiting up to {@code stopTimeout} for the broker's confirmation)
 * or left working, as {@code onStop} says; then the streams, the engine (which flushes the journal),
 * the executor and the clock close. A stopped node can start again: recovery adopts what the broker
 * did meanwhile, and the journal carries on (the same journal instance for the node's whole life).
 *
 * <p><b>Threads.</b> start, stop and close are for the host's threads and serialized; they block.
 * Strategies run on the engine's event loop only, including their session callbacks.
 */
public final class TradingNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TradingNode.class);

    /** Where a node is in its life. */
    public enum State { NEW, RUNNING, STOPPED, CLOSED }

    private final TradingConfig trading;
    private final NodeConfig node;
    private final String nodeSource;
    private final TradingMode mode;
    private final ProviderRegistry registry;
    private final Function<String, String> environment;
    private final Clock wallClock;
    private final SessionCalendar calendarOverride;
    private final MarketDataSource hostData;
    private final Timeframe hostTimeframe;
    private final List<Map.Entry<EngineListener, java.util.concurrent.Executor>> listeners;
    private final Thread shutdownHook;

    private State state = State.NEW;
    /** The journal, created at the first start and kept until close, so a restart carries it on. */
    private TradeJournal journal;
    private Run run;
    private volatile WarmUp.Report lastWarmUp;

    private TradingNode(Builder b, TradingMode mode) {
        this.trading = b.trading;
        this.node = b.node;
        this.nodeSource = b.nodeSource;
        this.mode = mode;
        this.registry = b.registry != null ? b.registry
                : ProviderRegistry.discover(Thread.currentThread().getContextClassLoader());
        this.environment = b.environment;
        this.wallClock = b.clock;
        this.calendarOverride = b.calendar;
        this.hostData = b.marketData;
        this.hostTimeframe = b.timeframe;
        this.listeners = List.copyOf(b.listeners);
        this.shutdownHook = node.shutdownHook() ? new Thread(this::closeFromHook, "trading-node-shutdown") : null;
    }

    /** A builder for a node over this trading configuration, run as {@code node} says. */
    public static Builder builder(TradingConfig trading, NodeConfig node) {
        return new Builder(trading, node);
    }

    /** Paper or live, as decided when the node was built. */
    public TradingMode mode() {
        return mode;
    }

    public synchronized State state() {
        return state;
    }

    /** The running engine; empty unless {@link State#RUNNING}. */
    public synchronized Optional<TradingEngine> engine() {
        return run == null ? Optional.empty() : Optional.of(run.engine);
    }

    /** What the last start's warm-up fed; empty before the first start. */
    public Optional<WarmUp.Report> warmUpReport() {
        return Optional.ofNullable(lastWarmUp);
    }

    /**
     * Starts trading (see the class notes). Blocks until the strategies have started and live bars
     * flow, or throws; a failed start leaves the node as it was (NEW or STOPPED).
     *
     * @throws ConfigException       a component the configuration names cannot be created, the data
     *                               section or its timeframe is missing
     * @throws NodeStartException    recovery or warm-up did not finish within {@code startTimeout}, or
     *                               the live data source has no live feed
     * @throws IllegalStateException the node is running or closed
     */
    public synchronized void start() {
        if (state == State.RUNNING || state == State.CLOSED) {
            throw new IllegalStateException("trading node for account '" + trading.account().id() + "' is "
                    + state.name().toLowerCase(java.util.Locale.ROOT) + "; start needs a new or stopped node");
        }
        Run r = new Run();
        try {
            r.begin();
        } catch (RuntimeException | Error e) {
            r.end(false);
            throw e;
        }
        run = r;
        if (shutdownHook != null && state == State.NEW) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        state = State.RUNNING;
    }

    /**
     * Stops trading cleanly (see the class notes); the node can start again. Does nothing unless running.
     */
    public synchronized void stop() {
        if (state != State.RUNNING) {
            return;
        }
        Run r = run;
        run = null;
        try {
            r.end(true);
        } finally {
            state = State.STOPPED;
        }
    }

    /** Stops (as {@link #stop()}) and closes the journal; final. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        try {
            stop();
        } finally {
            state = State.CLOSED;
            closeQuietly(journal, "journal");
            journal = null;
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException | IllegalArgumentException ignored) {
                    // the JVM is already shutting down, or the hook was never added
                }
            }
            notifyAll();
        }
    }

    /** Blocks until {@link #close()} has run (from any thread, or the shutdown hook). */
    public synchronized void awaitClosed() throws InterruptedException {
        while (state != State.CLOSED) {
            wait();
        }
    }

    private void closeFromHook() {
        log.warn("trading node for account '{}': the JVM is shutting down (SIGTERM or exit); stopping cleanly",
                trading.account().id());
        close();
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing the {} failed: {}", what, e.toString());
        }
    }

    /** The components of one start, torn down by one stop. */
    private final class Run {
        ResolvedComponents rc;
        TradeJournal createdJournal;
        AlpacaTradingClock alpacaClock;
        ConfiguredEngine configured;
        TradingEngine engine;
        StopWatcher watcher = new StopWatcher();
        /** Delivers the engine's reports to the node's watcher off the event loop (the watcher takes a lock). */
        final java.util.concurrent.ExecutorService watcherDelivery = java.util.concurrent.Executors
                .newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "trading-node-" + trading.account().id() + "-watch");
                    t.setDaemon(true);
                    return t;
                });
        LiveBarGate gate;
        AutoCloseable subscription;
        MarketDataSource ownedData;
        SessionScheduler scheduler;
        ConfigFileWatcher fileWatcher;

        void begin() {
            String account = trading.account().id();
            NodeClock clock = new NodeClock(wallClock);
            rc = ConfigResolver.resolve(trading, registry, new DefaultProviderContext(account, clock, environment));
            createdJournal = rc.journal().component();
            ownedData = rc.marketDataSource().orElse(null);
            Executor executor = rc.executor().component();
            ModeCheck.checkExecutor(mode, executor, trading.sourceName());
            MarketDataSource data = ownedData != null ? ownedData : hostData;
            if (data == null) {
                throw new ConfigException(trading.sourceName(), "data", null, "a trading node needs live market data:"
                        + " a data section naming a market data provider, or a source given to the node builder", null);
            }
            Timeframe timeframe = trading.dataConfig().map(d -> d.timeframe()).orElse(hostTimeframe);
            if (timeframe == null) {
                throw new ConfigException(trading.sourceName(), "data.timeframe", null,
                        "a trading node needs the bar timeframe it trades (e.g. 1Min, 1Day)", null);
            }
            SessionCalendar calendar = calendarOverride != null ? calendarOverride : SessionCalendar.weekdays();
            if (executor instanceof AlpacaExecutor alpaca) {
                alpacaClock = new AlpacaTradingClock(alpaca.connection(), wallClock);
                try {
                    alpacaClock.refresh().get(node.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NodeStartException("interrupted while reading Alpaca's market calendar", e);
                } catch (Exception e) {
                    // Fail closed: until it is read the market counts as closed; the refresh below retries.
                    log.warn("trading node '{}': Alpaca's market calendar could not be read yet ({}); the market counts"
                            + " as closed until it is", account, e.toString());
                }
                alpacaClock.startAutoRefresh(Duration.ofHours(1));
                clock.useHoursOf(alpacaClock);
                if (calendarOverride == null) {
                    calendar = SessionCalendar.of(alpacaClock);
                }
            }
            announce(executor);
            if (journal == null) {
                journal = createdJournal; // kept for the node's life
            } else {
                closeQuietly(createdJournal, "journal created for this start"); // the node's first one carries on
            }
            createdJournal = null;

            Set<String> symbols = new LinkedHashSet<>(trading.dataConfig().map(d -> d.symbols()).orElse(List.of()));
            boolean strategySymbols = symbols.isEmpty();
            Map<String, Map.Entry<List<String>, TradingStrategy>> strategies = new LinkedHashMap<>();
            for (ResolvedStrategy s : rc.strategies()) {
                if (strategySymbols) {
                    symbols.addAll(s.symbols());
                }
                if (s.enabled()) {
                    strategies.put(s.id(), new AbstractMap.SimpleImmutableEntry<>(s.symbols(), s.strategy()));
                }
            }
            Map<String, Integer> wanted = WarmUp.wanted(strategies);

            TradingEngine.Builder builder = Backtest.engineBuilder(rc, clock, environment)
                    .journal(journal)
                    .tradableSymbols(symbols)
                    .listener(watcher, watcherDelivery);
            for (Map.Entry<EngineListener, java.util.concurrent.Executor> l : listeners) {
                builder.listener(l.getKey(), l.getValue());
            }
            configured = ConfiguredEngine.build(rc, builder);
            engine = configured.engine();
            configured.start(); // recovery begins off the loop

            gate = new LiveBarGate(engine, executor instanceof BarListener venue ? venue : null);
            try {
                subscription = data.subscribe(symbols, timeframe, gate);
            } catch (UnsupportedOperationException e) {
                throw new NodeStartException("market data source '" + data.name() + "' has no live feed; a trading node"
                        + " needs one (data.provider)", e);
            }

            int most = wanted.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            Duration lookback = node.warmUpLookback() != null ? node.warmUpLookback()
                    : WarmUp.defaultLookback(most, timeframe);
            WarmUp.Report report = WarmUp.run(data, wanted, timeframe, wallClock.instant(), lookback, engine::warmUp);
            lastWarmUp = report;
            if (!report.shortfall().isEmpty()) {
                log.warn("trading node '{}': warm-up history was short for {} (bars missing per symbol; lookback {});"
                        + " those strategies start with indicators not fully ready", account, report.shortfall(), lookback);
            }
            log.info("trading node '{}': warm-up fed {} bar(s) per symbol {} (wanted {})", account, report.fed(),
                    report.fed().keySet(), report.wanted());
            try {
                if (!watcher.awaitRecovered(node.startTimeout().toMillis())) {
                    throw new NodeStartException("recovery with " + executor.name() + " did not finish within "
                            + node.startTimeout() + " (startTimeout); the node did not start trading", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeStartException("interrupted while waiting for recovery", e);
            }
            RuntimeException feedEnded = gate.failure();
            if (feedEnded != null) {
                throw new NodeStartException("the live market data of '" + data.name() + "' ended before the node"
                        + " started trading: " + io.tradingsdk.api.provider.SafeText.shown(feedEnded.getMessage()), feedEnded);
            }
            engine.startStrategies();
            gate.open(report.lastStart());
            scheduler = new SessionScheduler(calendar, wallClock, node.timerInterval(), node.endOfDayReconcileDelay(),
                    engine::onClockEvent, () -> engine.reconcile("end-of-day"));
            scheduler.start();
            if (node.watchConfig() && node.tradingFile() != null) {
                fileWatcher = new ConfigFileWatcher(node.tradingFile(), trading, engine, registry);
                try {
                    fileWatcher.start();
                } catch (java.io.IOException e) {
                    throw new NodeStartException("cannot watch " + node.tradingFile() + ": " + e, e);
                }
            }
            log.info("trading node '{}' is trading {} ({}): strategies {}, symbols {}, timeframe {}", account,
                    mode.name().toLowerCase(java.util.Locale.ROOT), executor.name(), strategies.keySet(), symbols,
                    timeframe);
        }

        private void announce(Executor executor) {
            String account = trading.account().id();
            if (executor instanceof AlpacaExecutor alpaca) {
                String where = alpaca.connection().config().tradingBaseUrl().toString();
                if (mode == TradingMode.LIVE) {
                    log.warn("*** LIVE TRADING WITH REAL MONEY *** account '{}' through Alpaca at {} (account.mode live,"
                            + " confirmLive true)", account, where);
                } else {
                    log.info("PAPER trading: account '{}' through Alpaca's paper account at {}", account, where);
                }
            } else {
                log.info("PAPER trading: account '{}' with executor '{}' (simulated fills, no broker)", account,
                        executor.name());
            }
        }

        /** Tears down in order; {@code clean} when stopping a running node (then open orders are handled). */
        void end(boolean clean) {
            String account = trading.account().id();
            if (gate != null) {
                gate.close(); // no new bar reaches a strategy from here on
            }
            closeQuietly(scheduler, "session scheduler");
            closeQuietly(fileWatcher, "configuration file watcher");
            if (engine != null) {
                engine.setTradingState(TradingState.HALTED); // nothing new goes out; cancels still do
                if (clean && node.onStop() == OpenOrdersOnStop.CANCEL) {
                    cancelOpenOrders(account);
                } else if (clean) {
                    log.info("trading node '{}': open orders left working (onStop: leave); the next start adopts them",
                            account);
                }
            }
            closeQuietly(subscription, "live data subscription");
            closeQuietly(ownedData, "market data source");
            closeQuietly(configured, "engine"); // flushes the journal
            if (rc != null) {
                closeQuietly(rc.executor().component(), "executor");
            }
            closeQuietly(alpacaClock, "trading clock");
            closeQuietly(createdJournal, "journal");
            watcherDelivery.shutdownNow();
            if (journal != null) {
                try {
                    journal.flush().get(node.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    log.warn("trading node '{}': journal flush did not complete: {}", account, e.toString());
                }
            }
            if (clean) {
                log.info("trading node '{}' stopped", account);
            }
        }

        private void cancelOpenOrders(String account) {
            try {
                List<String> ids = engine.cancelOpenOrders().get(node.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (ids.isEmpty()) {
                    return;
                }
                log.info("trading node '{}': cancelling {} open order(s) before stopping", account, ids.size());
                Set<String> still = watcher.awaitFinished(new ArrayList<>(ids), node.stopTimeout().toMillis());
                if (!still.isEmpty()) {
                    log.warn("trading node '{}': {} order(s) not confirmed cancelled within {} (stopTimeout): {};"
                            + " the next start brings them up to date", account, still.size(), node.stopTimeout(), still);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("trading node '{}': cancelling open orders failed: {}", account, e.toString());
            }
        }
    }

    /** Builds a {@link TradingNode}; the mode is decided by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final TradingConfig trading;
        private final NodeConfig node;
        private String nodeSource = "node configuration";
        private ProviderRegistry registry;
        private Function<String, String> environment = System::getenv;
        private Clock clock = Clock.systemUTC();
        private SessionCalendar calendar;
        private MarketDataSource marketData;
        private Timeframe timeframe;
        private final List<Map.Entry<EngineListener, java.util.concurrent.Executor>> listeners = new ArrayList<>();

        private Builder(TradingConfig trading, NodeConfig node) {
            this.trading = Objects.requireNonNull(trading, "trading");
            this.node = Objects.requireNonNull(node, "node");
        }

        /** The node file's name, for messages. */
        public Builder nodeSource(String name) {
            this.nodeSource = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Providers by name; default: discovered through ServiceLoader. */
        public Builder registry(ProviderRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Where {@code ${ENV}} references in provider parameters are resolved; default the process environment. */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Wall time; default UTC system time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The sessions for session callbacks; default Alpaca's calendar with the Alpaca executor, else weekdays. */
        public Builder sessionCalendar(SessionCalendar calendar) {
            this.calendar = Objects.requireNonNull(calendar, "calendar");
            return this;
        }

        /**
         * A live source the host owns (the node subscribes, never closes it), used when the trading
         * configuration has no {@code data} section; {@code timeframe} is the bars' timeframe.
         */
        public Builder marketData(MarketDataSource source, Timeframe timeframe) {
            this.marketData = Objects.requireNonNull(source, "source");
            this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
            return this;
        }

        /** An engine listener for every start; called on {@code delivery}. */
        public Builder listener(EngineListener listener, java.util.concurrent.Executor delivery) {
            listeners.add(new AbstractMap.SimpleImmutableEntry<>(Objects.requireNonNull(listener, "listener"),
                    Objects.requireNonNull(delivery, "delivery")));
            return this;
        }

        /**
         * Decides paper or live; creates nothing.
         *
         * @throws LiveTradingNotConfirmedException when the two files do not agree on live trading
         */
        public TradingNode build() {
            TradingMode mode = ModeCheck.decide(trading, node, nodeSource);
            return new TradingNode(this, mode);
        }
    }
}
