package io.tradingsdk.core.backtest;

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
 * <p>Bars are replayed by a {@link BarReplay}, one slice per bar start: the clock moves to the
 * start and the simulated venue (the paper executor) sees every symbol's bar, filling orders from
 * earlier bars at its open; then the clock moves to the bars' end and the engine processes each bar
 * (its fills, mark to market, strategies, sizing, risk, orders). Every fill is stamped with its own
 * bar's start, whatever other symbols share the run. Only one slice (a bar per symbol) is held.
 *
 * <p>The report's baseline is the engine's equity once it has reconciled with the venue: the
 * starting cash the run trades with, so returns, drawdown and the Sharpe ratio are measured from
 * the amount actually traded.
 *
 * <p>Runs on the calling thread, which acts as the engine's event loop. Deterministic: no wall
 * clock and no randomness enter the engine or the report (see {@link BarReplay} for what that needs).
 */
public final class BacktestRunner {
    private final TradingEngine engine;
    private final BacktestRecorder recorder;
    private final BarReplay replay;

    /**
     * @param engine   an engine built with {@code clock}, the venue as its executor and {@code recorder} as an observer
     * @param venue    the simulated broker that must see each bar before the engine (usually the paper executor)
     */
    public BacktestRunner(TradingEngine engine, SimulatedClock clock, BarListener venue, BacktestRecorder recorder) {
        this(new BarReplay(engine, clock, venue), engine, recorder);
    }

    /**
     * A runner over a replay the host prepared (for instance with {@link BarReplay#afterEachSlice} tasks).
     *
     * @param replay   the replay of {@code engine}
     * @param engine   the engine {@code replay} drives, with {@code recorder} as an observer
     */
    public BacktestRunner(BarReplay replay, TradingEngine engine, BacktestRecorder recorder) {
        this.replay = Objects.requireNonNull(replay, "replay");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    public BacktestReport run(MarketDataSource source, BarQuery query) {
        try (BarCursor cursor = source.history(query)) {
            return run(cursor);
        }
    }

    /**
     * @throws IllegalStateException if the engine could not reconcile with the venue, bars come out of
     *                               order, or the recorder expects another starting equity than the
     *                               engine reconciled at
     */
    public BacktestReport run(BarCursor bars) {
        replay.begin();
        recorder.begin(snapshot(engine).equity());
        replay.replay(bars);
        replay.drain();
        return report(replay.firstStart(), replay.lastStart());
    }

    /** The engine's portfolio, read on the calling thread (the driven engine's event loop). */
    static PortfolioSnapshot snapshot(TradingEngine engine) {
        var future = engine.portfolio();
        engine.runPendingEvents();
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the portfolio", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the portfolio: " + e, e);
        }
    }

    private BacktestReport report(Instant first, Instant last) {
        PortfolioSnapshot p = snapshot(engine);
        try {
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
