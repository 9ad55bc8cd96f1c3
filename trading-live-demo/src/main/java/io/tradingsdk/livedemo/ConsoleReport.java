package io.tradingsdk.livedemo;

import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.recovery.RecoveryReport;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints what the engine does as it happens (orders, acknowledgements, fills and the position after
 * them, denials) and keeps the counts for the summary. Until {@link #positionsFrom} is called the
 * position is the sum of the fills this listener saw. Signal-to-ack latency is the time from the
 * engine's {@code Submitted} outcome to the broker's first event for that order, both as this
 * listener receives them (one delivery thread, in the engine's order).
 *
 * <p>Register it with a single-threaded delivery executor; the summary methods may be called from
 * any thread.
 */
public final class ConsoleReport implements EngineListener {
    private final PrintStream out;
    private final LongSupplier nanos;
    private final Map<String, Long> submittedAt = new HashMap<>();
    private final Map<String, BigDecimal> filled = new HashMap<>();
    private final Map<String, BigDecimal> positionsFromFills = new TreeMap<>();
    private final List<Long> ackNanos = new ArrayList<>();
    private int submitted;
    private int denied;
    private int fills;
    private int canceled;
    private int rejected;
    private String recoveryLine = "";
    private volatile TradingEngine ledger;

    public ConsoleReport(PrintStream out) {
        this(out, System::nanoTime);
    }

    ConsoleReport(PrintStream out, LongSupplier nanos) {
        this.out = out;
        this.nanos = nanos;
    }

    /**
     * From now on positions printed after fills are the engine's ledger (which includes what the
     * account held before this run), read when the fill reaches this listener.
     */
    public void positionsFrom(TradingEngine engine) {
        this.ledger = engine;
    }

    @Override
    public synchronized void onSignalOutcome(SignalOutcome outcome) {
        if (outcome instanceof SignalOutcome.Submitted s) {
            OrderRequest o = s.order();
            submitted++;
            submittedAt.put(o.clientOrderId(), nanos.getAsLong());
            out.printf("order     %-4s %s %s %s%s  (%s)%n", o.side(), plain(o.quantity()), o.symbol(),
                    o.type().name().toLowerCase(), o.limitPrice() == null ? "" : " @ " + plain(o.limitPrice()),
                    o.clientOrderId());
        } else if (outcome instanceof SignalOutcome.Denied d) {
            denied++;
            out.printf("denied    %s: %s%n", d.reason(), d.message());
        }
    }

    @Override
    public synchronized void onOrderEvent(OrderEvent e) {
        Long sent = submittedAt.remove(e.clientOrderId());
        if (sent != null) {
            long latency = nanos.getAsLong() - sent;
            ackNanos.add(latency);
            out.printf("ack       %s %s after %.1f ms%n", e.type(), e.clientOrderId(), latency / 1e6);
        }
        BigDecimal before = filled.getOrDefault(e.clientOrderId(), BigDecimal.ZERO);
        if (e.filledQuantity().compareTo(before) > 0) {
            BigDecimal qty = e.filledQuantity().subtract(before);
            filled.put(e.clientOrderId(), e.filledQuantity());
            fills++;
            BigDecimal price = e.fill() != null ? e.fill().price() : e.averageFillPrice();
            BigDecimal position = positionsFromFills.merge(e.symbol(),
                    e.side().sign() > 0 ? qty : qty.negate(), BigDecimal::add);
            TradingEngine engine = ledger;
            if (engine != null) {
                try {
                    position = engine.portfolio().orTimeout(2, TimeUnit.SECONDS).join().quantity(e.symbol());
                } catch (RuntimeException stopped) {
                    // the engine stopped meanwhile: keep the sum of this run's fills
                }
            }
            out.printf("fill      %-4s %s %s @ %s  -> position %s %s%n", e.side(), plain(qty), e.symbol(),
                    price == null ? "?" : plain(price), e.symbol(), plain(position));
        }
        if (e.type() == OrderEventType.CANCELED) {
            canceled++;
            out.printf("canceled  %s%n", e.clientOrderId());
        } else if (e.type() == OrderEventType.REJECTED) {
            rejected++;
            out.printf("rejected  %s: %s%n", e.clientOrderId(), e.reason());
        }
    }

    @Override
    public synchronized void onRecovered(RecoveryReport report) {
        recoveryLine = "recovered: " + report.adopted().size() + " orders adopted, " + report.journaledFills()
                + " fills journaled, " + report.differences().size() + " differences";
        out.println(recoveryLine);
    }

    @Override
    public synchronized void onTradingHalted(String reason) {
        out.println("HALTED    " + reason);
    }

    public synchronized int submitted() {
        return submitted;
    }

    public synchronized int denied() {
        return denied;
    }

    public synchronized int fills() {
        return fills;
    }

    public synchronized int canceled() {
        return canceled;
    }

    public synchronized int rejected() {
        return rejected;
    }

    /** Signal-to-ack latency at a percentile (0..100) in milliseconds, or NaN when no order was acknowledged. */
    public synchronized double ackLatencyMillis(double percentile) {
        if (ackNanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(ackNanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    public synchronized int acknowledged() {
        return ackNanos.size();
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
