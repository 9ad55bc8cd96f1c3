package io.tradingsdk.benchmarks.live;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signal to broker acknowledgement over loopback: a host signal through a started engine until the
 * engine reports that the local Alpaca ({@link io.tradingsdk.sandbox.SandboxServer} on 127.0.0.1,
 * in the same JVM) accepted the order.
 *
 * <p><b>Measured</b>, per invocation: {@code engine.execute(signal)} for a fresh signal (its own id,
 * an explicit quantity of 0.001 BTC/USD, a market GTC buy), handing it to the engine's event loop,
 * validation, the quick risk check with every built-in rule, the in-memory journal's signal,
 * decision and intent records, {@code AlpacaExecutor.submit} (its I/O thread, the resilience
 * wrappers, alpaca-java and OkHttp), the HTTP POST /v2/orders over 127.0.0.1, the sandbox's Jetty and
 * broker, the 200 response back, the executor's ACCEPTED event, the engine's order state machine on
 * its loop, and the {@link io.tradingsdk.core.engine.EngineListener} that completes the order's
 * future ({@link AckTracker}); the benchmark thread waits for that future. The acknowledgement is
 * the first NEW or ACCEPTED event of the order (in practice the ACCEPTED of the POST's answer; the
 * sandbox sends {@code new} on the stream 5 ms later).
 *
 * <p><b>Not measured</b> (invocation setup): cancelling the previous order and waiting for its
 * CANCELED event, so the sandbox and the engine's exposure never accumulate working orders; and a
 * pause of twice the duplicate-signal window (1 ms) after the previous acknowledgement, so the rule
 * never takes one signal for a repeat of the one before. The
 * sandbox gets no bar after its first one, so no order fills. The engine, the sandbox and their
 * threads share the machine's cores with the benchmark thread: on a loaded machine the tail is the
 * scheduler's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class SignalToAckBenchmark {
    private static final long SIGNAL_SPACING_NANOS = 2 * LoopbackAlpaca.DUPLICATE_WINDOW.toNanos();

    private LoopbackAlpaca live;
    private long sequence;
    private String previous;
    private Signal next;

    @Setup(Level.Trial)
    public void start() {
        live = new LoopbackAlpaca(b -> { });
        live.engine.onBar(live.nextBar());
    }

    @Setup(Level.Invocation)
    public void nextSignal() throws Exception {
        // The previous signal was checked before its order was acknowledged, so before now: spacing
        // from here keeps the duplicate-signal rule's clocks apart however late that check ran.
        long due = System.nanoTime() + SIGNAL_SPACING_NANOS;
        if (previous != null) {
            live.engine.cancel(previous);
            live.acks.canceled(previous).get(10, TimeUnit.SECONDS);
            live.acks.forget(previous);
            previous = null;
        }
        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
        }
        next = new Signal("ack-" + sequence++, "host", LoopbackAlpaca.SYMBOL, SignalAction.BUY, 0.6, 0.04, 0.02,
                LoopbackAlpaca.PRICE, LoopbackAlpaca.QUANTITY, Instant.now());
    }

    @Benchmark
    public OrderEvent signalToAck() throws Exception {
        SignalOutcome outcome = live.engine.execute(next).get(10, TimeUnit.SECONDS);
        if (!(outcome instanceof SignalOutcome.Submitted submitted)) {
            throw new IllegalStateException("signal " + next.id() + " was not submitted: " + outcome);
        }
        previous = submitted.order().clientOrderId();
        return live.acks.ack(previous).get(10, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void stop() {
        live.close();
    }
}
