package io.tradingsdk.benchmarks;

import io.tradingsdk.api.journal.TradeJournal;
import io.tradingsdk.api.market.BarCursor;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.core.backtest.BacktestRecorder;
import io.tradingsdk.core.backtest.BacktestReport;
import io.tradingsdk.core.backtest.BacktestRunner;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.paper.PaperExecutor;
import io.tradingsdk.core.paper.PaperExecutorConfig;
import io.tradingsdk.core.provider.DefaultProviderContext;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.core.time.SimulatedClock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SDK side of the pipeline comparison: the real engine with the moving-average crossover, the
 * Kelly sizer, every built-in risk rule at its defaults, the paper executor (fills at the next
 * bar's open, no slippage or commission, cent tick) and the backtest recorder (mark to market and
 * equity statistics on every bar), driven by {@link BacktestRunner} on the calling thread.
 */
public final class SdkBacktest {

    private SdkBacktest() {
    }

    /** Builds everything afresh and runs the bars through it; the journal is closed afterwards. */
    public static BacktestReport run(BarCursor bars, TradeJournal journal) {
        SimulatedClock clock = new SimulatedClock(SyntheticBars.START);
        PaperExecutor venue = new PaperExecutor(PaperExecutorConfig.defaults().withInitialCash(Fixtures.INITIAL_CASH)
                .withSessionZone(ZoneOffset.UTC), clock);
        BacktestRecorder recorder = new BacktestRecorder(ZoneOffset.UTC);
        DefaultProviderContext context = DefaultProviderContext.of("bench", clock);
        TradingEngine engine = TradingEngine.builder("bench")
                .initialCash(Fixtures.INITIAL_CASH)
                .clock(clock)
                .tradingZone(ZoneOffset.UTC)
                .providerContext(context)
                .strategy("ma-crossover", Set.of(SyntheticBars.SYMBOL), Fixtures.crossover())
                .sizer(new KellySizer())
                .riskRules(RuleBasedRiskManager.defaultRules(context))
                .executor(venue)
                .journal(journal)
                // Around-the-clock bars: good-till-canceled, like a crypto venue.
                .timeInForce(TimeInForce.GTC)
                .observer(recorder)
                .build();
        try (bars; engine; venue; journal) {
            return new BacktestRunner(engine, clock, venue, recorder).run(bars);
        }
    }

    /** The report's closed trades as round trips (bar indices from the fill times). */
    public static List<RoundTrip> roundTrips(BacktestReport report) {
        List<RoundTrip> out = new ArrayList<>(report.trades().size());
        for (BacktestRecorder.Trade t : report.trades()) {
            if (!"LONG".equals(t.direction())) {
                throw new IllegalStateException("the crossover with CLOSE exits trades long only, got " + t);
            }
            out.add(new RoundTrip(SyntheticBars.indexOf(t.opened()), SyntheticBars.indexOf(t.closed()),
                    t.entryPrice().doubleValue(), t.exitPrice().doubleValue()));
        }
        return out;
    }
}
