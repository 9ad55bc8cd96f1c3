package io.tradingsdk.benchmarks;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.metrics.MetricsSnapshot;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signal to approved order intent through the real engine: {@code engine.execute(signal)} and
 * {@code engine.runPendingEvents()} on the benchmark thread, which is the engine's event loop.
 *
 * <p><b>Included</b> in the measured time: handing the host signal and its future to the loop
 * (the loop-local queue: this thread is the loop), validation, the journal's signal record, sizing (Kelly, exact decimals), the
 * deterministic client order id, the order request and intent, the quick risk check (every
 * built-in rule at its defaults), the order tracker's CREATED entry and the SUBMITTED transition,
 * the open-order exposure in the ledger, the rules' rate and duplicate windows, metrics, the
 * journal's decision and intent records, the hand-over to the executor (a broker that returns at
 * once and answers with CANCELED, whose processing is included so that working orders do not use up
 * the position room), and completing the signal's future (on the loop; continuations a host
 * chains to it run on the engine's callback thread, and none are chained here).
 * <b>Not included</b>: making the {@link Signal} (done in an invocation-level setup, as a host
 * would before calling) and any broker round trip or fill.
 *
 * <p>Every signal has its own id (the engine would otherwise answer a repeated id with the
 * existing order). The simulated clock advances 61 s before each signal, so that the default
 * order-rate (100 per second) and duplicate-signal (60 s) windows let every signal through while
 * both rules still evaluate their windows; the signal comes from the host (strategy id {@code
 * host}) for one symbol whose last price the engine has from a bar.
 *
 * <p>The engine keeps every order it tracked (it must, to recognize a repeated signal id), so a
 * fresh engine replaces the old one every {@value #SIGNALS_PER_ENGINE} signals, outside the
 * measured time, to keep the heap steady. The invocation-level setup makes JMH time each call
 * separately; at about a microsecond per call that adds a few percent of timer overhead.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SignalToIntentBenchmark {

    static final int SIGNALS_PER_ENGINE = 20_000;
    static final String SYMBOL = "AAPL";
    static final BigDecimal PRICE = new BigDecimal("187.25");

    /** {@code memory}: the built-in in-memory journal; {@code none}: a journal that keeps nothing. */
    @Param({"memory", "none"})
    public String journal;

    private SimulatedClock clock;
    private Fixtures.DoNothingExecutor broker;
    private TradingEngine engine;
    private int used;
    private long sequence;
    private Signal next;
    private CompletableFuture<SignalOutcome> last;

    @Setup(Level.Trial)
    public void setupTrial() {
        newEngine();
    }

    private void newEngine() {
        if (engine != null) {
            verify();
            engine.close();
        }
        clock = new SimulatedClock(Instant.parse("2024-03-04T15:00:00Z"));
        // Cancels each order at once: otherwise working orders fill the position room and later signals size to zero.
        broker = new Fixtures.DoNothingExecutor(Fixtures.INITIAL_CASH, clock.now(), true);
        DefaultProviderContext context = DefaultProviderContext.of("bench", clock);
        engine = TradingEngine.builder("bench")
                .initialCash(Fixtures.INITIAL_CASH)
                .clock(clock)
                .tradingZone(ZoneOffset.UTC)
                .providerContext(context)
                .sizer(new KellySizer())
                .riskRules(RuleBasedRiskManager.defaultRules(context))
                .executor(broker)
                .journal(Fixtures.journal(journal))
                .tradableSymbols(Set.of(SYMBOL))
                .build();
        // Reconcile with the broker and give the engine a last price (the price collar needs one).
        engine.onBar(new Bar(SYMBOL, clock.now().minusSeconds(60), Timeframe.MINUTE_1, 187.0, 187.5, 186.9, 187.25, 1e4));
        engine.runPendingEvents();
        if (!engine.isReady()) {
            throw new IllegalStateException("engine did not reconcile with the do-nothing broker");
        }
        used = 0;
        last = null;
    }

    /** Every signal so far was approved and handed to the broker; throws otherwise. */
    private void verify() {
        if (last != null) {
            SignalOutcome outcome = last.join();
            if (!(outcome instanceof SignalOutcome.Submitted)) {
                throw new IllegalStateException("signals must be approved, the last one got " + outcome);
            }
        }
        MetricsSnapshot.Stats stats = engine.metrics().overall();
        if (stats.approvals() != used || broker.submitted() != used) {
            throw new IllegalStateException("of " + used + " signals " + stats.approvals() + " were approved and "
                    + broker.submitted() + " submitted; denials " + stats.denialsByReason());
        }
    }

    @Setup(Level.Invocation)
    public void nextSignal() {
        if (used == SIGNALS_PER_ENGINE) {
            newEngine();
        }
        clock.advanceTo(clock.now().plus(Duration.ofSeconds(61)));
        next = Signal.of("s-" + sequence++, "host", SYMBOL, SignalAction.BUY, 0.6, 0.04, 0.02, PRICE, clock.now());
        used++;
    }

    @Benchmark
    public CompletableFuture<SignalOutcome> signalToIntent() {
        CompletableFuture<SignalOutcome> f = engine.execute(next);
        engine.runPendingEvents();
        last = f;
        return f;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        verify();
        engine.close();
    }
}
