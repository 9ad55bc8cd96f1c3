package io.tradingsdk.node;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.strategy.StrategyContext;
import io.tradingsdk.api.strategy.TradingStrategy;
import io.tradingsdk.core.indicator.SimpleMovingAverage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A strategy that records what the engine called, in order, and on which thread. It keeps a simple
 * moving average and, once the average is ready, asks to buy on every bar.
 */
final class ProbeStrategy implements TradingStrategy {
    /** One call: what, the bar start (or clock time), the thread, and whether the average was ready. */
    record Call(String what, Instant at, String thread, boolean averageReady) {
    }

    final int warmUpBars;
    final SimpleMovingAverage average;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Instant> signalled = new CopyOnWriteArrayList<>();

    ProbeStrategy(int period, int warmUpBars) {
        this.average = new SimpleMovingAverage(period);
        this.warmUpBars = warmUpBars;
    }

    @Override
    public int warmUpBars() {
        return warmUpBars;
    }

    @Override
    public void onStart(StrategyContext context) {
        calls.add(new Call("start", context.clock().now(), Thread.currentThread().getName(), average.isReady()));
    }

    @Override
    public Signal onBar(Bar bar, StrategyContext context) {
        boolean readyBefore = average.isReady();
        average.update(bar.close());
        calls.add(new Call("bar", bar.start(), Thread.currentThread().getName(), readyBefore));
        if (!average.isReady()) {
            return null;
        }
        signalled.add(bar.start());
        return context.signal(bar.symbol(), SignalAction.BUY, 0.6, 0.05, 0.02, java.math.BigDecimal.valueOf(bar.close()));
    }

    @Override
    public Signal onSessionOpen(Instant open, StrategyContext context) {
        calls.add(new Call("open", open, Thread.currentThread().getName(), average.isReady()));
        return null;
    }

    @Override
    public Signal onSessionClose(Instant close, StrategyContext context) {
        calls.add(new Call("close", close, Thread.currentThread().getName(), average.isReady()));
        return null;
    }

    @Override
    public Signal onTimer(Instant at, StrategyContext context) {
        calls.add(new Call("timer", at, Thread.currentThread().getName(), average.isReady()));
        return null;
    }

    List<Call> calls(String what) {
        return calls.stream().filter(c -> c.what().equals(what)).toList();
    }

    int indexOf(String what) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).what().equals(what)) {
                return i;
            }
        }
        return -1;
    }
}
