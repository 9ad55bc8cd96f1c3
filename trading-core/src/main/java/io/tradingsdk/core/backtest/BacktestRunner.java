package io.tradingsdk.core.backtest;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.market.BarListener;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.time.SimulatedClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives a {@link TradingEngine} through historical bars with a {@link SimulatedClock}: the same
 * engine as paper and live trading, only the data source, the executor and the clock differ.
 *
 * <p>For each bar, in start-time order: the clock moves to the bar's start and the simulated venue
 * (the paper executor) sees the bar, filling orders from earlier bars at its open; the engine
 * applies those fills; then the clock moves to the bar's end and the engine processes the bar
 * (mark to market, strategies, sizing, risk, orders). Bars stream through; none are kept.
 *
 * <p>Runs on the calling thread, which acts as the engine's event loop. Deterministic: no wall
 * clock and no randomness enter the engine or the report.
 */
public final class BacktestRunner {
    private final TradingEngine engine;
    private final SimulatedClock clock;
    private final BarListener venue;
    private final BacktestRecorder recorder;

    /**
     * @param engine   an engine built with {@code clock}, the venue as its executor and {@code recorder} as an observer
     * @param venue    the simulated broker that must see each bar before the engine (usually the paper executor)
     */
    public BacktestRunner(TradingEngine engine, SimulatedClock clock, BarListener venue, BacktestRecorder recorder) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    public BacktestReport run(MarketDataSource source, BarQuery query) {
        try (BarCursor cursor = source.history(query)) {
            return run(cursor);
        }
    }

    /**
     * @throws IllegalStateException if the engine could not reconcile with the venue, or bars come out of order
     */
    public BacktestReport run(BarCursor bars) {
        engine.runPendingEvents();
        if (!engine.isReady()) {
            throw new IllegalStateException("engine " + engine.accountId() + " did not reconcile with its executor");
        }
        Instant first = null;
        Instant last = null;
        while (bars.hasNext()) {
            Bar bar = bars.next();
            Instant start = bar.start();
            if (last != null && start.isBefore(last)) {
                throw new IllegalStateException("bars out of order: " + bar.symbol() + " at " + start + " after " + last);
            }
            if (first == null) {
                first = start;
            }
            last = start;
            clock.advanceTo(start);
            venue.onBar(bar);
            clock.advanceTo(bar.end());
            engine.runBar(bar); // runs the venue's fill events first, then the bar
        }
        engine.runPendingEvents();
        return report(first, last);
    }

    private BacktestReport report(Instant first, Instant last) {
        var future = engine.portfolio();
        engine.runPendingEvents();
        PortfolioSnapshot p;
        try {
            p = future.get(10, TimeUnit.SECONDS);
            engine.journal().flush().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing the backtest", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not finish the backtest: " + e, e);
        }
        List<Double> closes = recorder.dailyCloses();
        double sharpe = sharpe(recorder.initialEquity(), closes);
        var trades = recorder.trades();
        double winRate = trades.isEmpty() ? Double.NaN
                : (double) trades.stream().filter(t -> t.pnl().signum() > 0).count() / trades.size();
        var positions = new ArrayList<>(p.positions().values());
        positions.sort(Comparator.comparing(io.tradingsdk.api.portfolio.Position::symbol));
        return new BacktestReport(engine.accountId(), recorder.bars(), first, last, p.equity().subtract(p.realizedPnl())
                .subtract(p.unrealizedPnl()).add(p.fees()), p.equity(), p.cash(), p.realizedPnl(), p.unrealizedPnl(),
                p.fees(), recorder.maxDrawdown(), sharpe, winRate, trades, positions, recorder.signals(),
                recorder.approvals(), recorder.denials(), recorder.fills());
    }

    /** Annualized Sharpe ratio of daily returns (risk-free rate 0, 252 trading days). */
    static double sharpe(double initialEquity, List<Double> dailyCloses) {
        int n = dailyCloses.size();
        if (n < 2) {
            return Double.NaN;
        }
        double[] r = new double[n];
        double prev = initialEquity;
        for (int i = 0; i < n; i++) {
            double c = dailyCloses.get(i);
            r[i] = prev == 0 ? 0 : (c - prev) / prev;
            prev = c;
        }
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= n;
        double var = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
        }
        var /= (n - 1);
        double sd = Math.sqrt(var);
        return sd == 0 ? Double.NaN : mean / sd * Math.sqrt(252.0);
    }
}
