package io.tradingsdk.core.backtest;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.time.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * The deterministic way to drive an embedded engine from historical bars: the same bars give the
 * same orders and fills, byte for byte, run after run. {@link BacktestRunner} uses it; a host that
 * feeds bars itself (a notebook, a research loop, a test) uses it directly.
 *
 * <pre>{@code
 * SimulatedClock clock = new SimulatedClock(from);
 * PaperExecutor venue = new PaperExecutor(PaperExecutorConfig.defaults(), clock);
 * TradingEngine engine = TradingEngine.builder("acct").clock(clock).executor(venue)...build();
 * BarReplay replay = new BarReplay(engine, clock, venue);   // do NOT call engine.start()
 * replay.replay(List.of(aaplAt0930, msftAt0930));           // every bar that starts at 09:30
 * replay.replay(List.of(aaplAt0931, msftAt0931));
 * }</pre>
 *
 * <p><b>One slice per bar start.</b> {@link #replay(List)} takes the bars of every symbol that start
 * at one instant (a slice). The clock moves to that start and the venue sees each bar, filling
 * orders from earlier slices at the bar's open, so every fill is stamped with its own bar's start;
 * then the clock moves to the bars' end and the engine processes each bar in the given order
 * (fills first, then mark to market, strategies, sizing, risk, orders). The clock never goes back,
 * so a bar whose start the clock has already passed would be stamped late: a slice that starts at
 * or before the previous slice's start is refused, rather than stamped wrong. {@link #replay(Iterator)}
 * cuts a start-ordered stream into slices itself.
 *
 * <p><b>Why not a started engine.</b> Feeding bars to the venue on the host's thread while the
 * engine runs its own loop ({@link TradingEngine#start()}) races the two: whether an order reaches
 * the venue before its next bar depends on thread timing, so fills differ from run to run. Here
 * the calling thread is the engine's event loop ({@link TradingEngine#runPendingEvents()}), and
 * every event a bar causes is processed before the next slice, including orders waiting for a
 * durable journal to confirm their intents (the replay waits for it, up to 60 s per slice, then
 * fails with an {@link IllegalStateException}). An engine that was started is refused.
 *
 * <p><b>Determinism needs</b> strategies and rules without wall-clock reads or randomness, and the
 * engine built with {@code clock}.
 *
 * <p><b>Threads.</b> Not thread-safe: every call on one thread, which becomes the engine's event
 * loop, and which must be the only one driving it.
 */
public final class BarReplay {
    /** How long a slice waits for the journal to confirm its orders' intents before the replay fails. */
    private static final Duration JOURNAL_WAIT = Duration.ofSeconds(60);

    private final TradingEngine engine;
    private final SimulatedClock clock;
    private final BarListener venue;
    private final List<Runnable> beforeSlice = new ArrayList<>();
    private final List<Runnable> sliceListeners = new ArrayList<>();
    private boolean begun;
    private Instant first;
    private Instant last;
    private long bars;

    /**
     * @param engine an engine built with {@code clock} and {@code venue} as its executor; not started
     * @param clock  the engine's clock, moved only by this replay
     * @param venue  the simulated broker that must see each bar before the engine (usually the paper executor)
     */
    public BarReplay(TradingEngine engine, SimulatedClock clock, BarListener venue) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.venue = Objects.requireNonNull(venue, "venue");
    }

    /**
     * Runs {@code task} on the replay's thread at every bar boundary, before the engine processes
     * the slice's bars: the clock is at the bars' end and the fills the venue made at their open
     * have reached the engine's ledger. The place for work whose result the slice's decisions must
     * see, deterministically (the backtest's risk analysis). Register before the first slice.
     */
    public BarReplay beforeEachSlice(Runnable task) {
        beforeSlice.add(Objects.requireNonNull(task, "task"));
        return this;
    }

    /**
     * Runs {@code task} on the replay's thread after every slice, once the engine has processed all
     * of its bars and what they caused, with the clock at the slice's end: the place for work that
     * must see the same state on every run (the backtest's risk analysis, progress reports).
     * Register before the first slice.
     */
    public BarReplay afterEachSlice(Runnable task) {
        sliceListeners.add(Objects.requireNonNull(task, "task"));
        return this;
    }

    /**
     * Reconciles the engine with the venue, on the calling thread. Called by the first
     * {@link #replay} if the host has not.
     *
     * @throws IllegalStateException if the engine runs its own loop thread, or did not reconcile
     */
    public void begin() {
        if (begun) {
            return;
        }
        engine.runPendingEvents();
        if (!engine.isReady()) {
            throw new IllegalStateException("engine " + engine.accountId() + " did not reconcile with its executor");
        }
        begun = true;
    }

    /**
     * Replays one slice: the bars of every symbol that start at one instant.
     *
     * @throws IllegalArgumentException if {@code slice} is empty or its bars do not all start at the same instant
     * @throws IllegalStateException    if the slice does not start after the previous one (bars out of
     *                                  order, or bars of one start split over two calls), or the engine
     *                                  runs its own loop thread; nothing was replayed
     */
    public void replay(List<Bar> slice) {
        Objects.requireNonNull(slice, "slice");
        if (slice.isEmpty()) {
            throw new IllegalArgumentException("a slice needs at least one bar");
        }
        Instant start = slice.get(0).start();
        for (Bar bar : slice) {
            if (!bar.start().equals(start)) {
                throw new IllegalArgumentException("a slice holds bars of one start: " + bar.symbol() + " starts at "
                        + bar.start() + ", " + slice.get(0).symbol() + " at " + start);
            }
        }
        if (last != null && !start.isAfter(last)) {
            throw new IllegalStateException(start.equals(last)
                    ? "bars of " + start + " were already replayed; replay every symbol's bar of one start as one slice "
                            + "(the clock has moved past " + start + ", so " + slice.get(0).symbol() + " would be stamped late)"
                    : "bars out of order: " + slice.get(0).symbol() + " at " + start + " after " + last);
        }
        begin();
        if (first == null) {
            first = start;
        }
        last = start;
        clock.advanceTo(start);
        for (Bar bar : slice) {
            venue.onBar(bar);
        }
        if (!beforeSlice.isEmpty()) {
            clock.advanceTo(slice.get(0).end());
            engine.runPendingEvents(); // the fills at the open, as runBar would apply them first
            for (Runnable task : beforeSlice) {
                task.run();
            }
        }
        for (Bar bar : slice) {
            clock.advanceTo(bar.end());
            engine.runBar(bar); // the venue's fill events first, then the bar
        }
        awaitJournal(start);
        bars += slice.size();
        for (Runnable task : sliceListeners) {
            task.run();
        }
    }

    /**
     * Lets the orders of this slice go out before the next one: an order waits for its intent to be
     * durable, and a durable journal confirms on its own thread, so the engine's events are run
     * until none waits. Without this, whether an order reached the venue before the next bar would
     * depend on the journal's timing.
     */
    private void awaitJournal(Instant start) {
        if (engine.ordersAwaitingJournal() == 0) {
            return;
        }
        long deadline = System.nanoTime() + JOURNAL_WAIT.toNanos();
        while (engine.ordersAwaitingJournal() > 0) {
            if (engine.runPendingEvents() == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the journal did not confirm " + engine.ordersAwaitingJournal()
                            + " order intent(s) of the bars at " + start + " within " + JOURNAL_WAIT.toSeconds() + " s");
                }
                LockSupport.parkNanos(50_000L);
            }
        }
    }

    /** Replays one bar as a slice of its own; see {@link #replay(List)}. */
    public void replay(Bar bar) {
        replay(List.of(Objects.requireNonNull(bar, "bar")));
    }

    /**
     * Replays a stream ordered by start time, cutting it into slices of equal start. Holds one
     * slice (at most one bar per symbol) at a time.
     *
     * @return the number of bars replayed
     * @throws IllegalStateException if bars come out of order
     */
    public long replay(Iterator<Bar> bars) {
        Objects.requireNonNull(bars, "bars");
        long before = this.bars;
        List<Bar> slice = new ArrayList<>();
        while (bars.hasNext()) {
            Bar bar = bars.next();
            if (!slice.isEmpty() && !bar.start().equals(slice.get(0).start())) {
                replay(slice);
                slice.clear();
            }
            slice.add(bar);
        }
        if (!slice.isEmpty()) {
            replay(slice);
        }
        return this.bars - before;
    }

    /** Runs whatever is still queued (fills of the last slice), on the calling thread. */
    public void drain() {
        engine.runPendingEvents();
    }

    /** Bars replayed so far. */
    public long bars() {
        return bars;
    }

    /** The start of the first slice replayed, or {@code null}. */
    public Instant firstStart() {
        return first;
    }

    /** The start of the last slice replayed, or {@code null}. */
    public Instant lastStart() {
        return last;
    }
}
