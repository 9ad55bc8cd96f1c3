package io.tradingsdk.research.report;

import io.tradingsdk.core.backtest.BacktestRecorder;
import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.PerformanceStatistics;
import io.tradingsdk.research.RunSeries;
import io.tradingsdk.research.internal.CsvWriter;
import io.tradingsdk.research.internal.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A backtest as CSV files for pandas or a spreadsheet, one header row each, times in ISO-8601 UTC,
 * money as exact decimals, NaN and inf spelled as pandas reads them:
 * <ul>
 *   <li>{@code trades.csv}: closed round trips (symbol, direction, opened, closed, quantity, entry, exit, pnl)</li>
 *   <li>{@code equity.csv}: per bar end time: equity, drawdown, gross exposure, exposure fraction</li>
 *   <li>{@code orders.csv}: every order sent: strategy, side, quantity, final status, filled quantity, average price</li>
 *   <li>{@code fills.csv}: every fill with the strategy whose order it was</li>
 *   <li>{@code statistics.csv}: one row per statistic</li>
 * </ul>
 * The files are deterministic: the same run gives the same bytes.
 */
public final class CsvExport {
    public static final List<String> FILES = List.of("trades.csv", "equity.csv", "orders.csv", "fills.csv", "statistics.csv");

    private CsvExport() {
    }

    /**
     * @throws IllegalArgumentException when the run kept no series
     * @throws UncheckedIOException     when a file cannot be written
     */
    public static void write(BacktestRun run, Path dir) {
        RunSeries s = run.series();
        if (s == null) {
            throw new IllegalArgumentException("the run kept no series; run it with RunOptions.report()");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir + ": " + e.getMessage(), e);
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("trades.csv"), "symbol", "direction", "opened", "closed", "quantity",
                "entry_price", "exit_price", "pnl")) {
            for (BacktestRecorder.Trade t : run.report().trades()) {
                w.row(t.symbol(), t.direction(), t.opened(), t.closed(), Format.plain(t.quantity()),
                        Format.plain(t.entryPrice()), Format.plain(t.exitPrice()), Format.plain(t.pnl()));
            }
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("equity.csv"), "time", "equity", "drawdown", "gross_exposure",
                "exposure_fraction")) {
            double peak = run.report().initialEquity().doubleValue();
            for (RunSeries.EquityPoint p : s.equity()) {
                peak = Math.max(peak, p.equity());
                double dd = peak > 0 ? (peak - p.equity()) / peak : 0.0;
                w.row(p.time(), Format.csvNumber(p.equity()), Format.csvNumber(dd), Format.csvNumber(p.grossExposure()),
                        Format.csvNumber(p.exposureFraction()));
            }
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("orders.csv"), "submitted", "strategy", "client_order_id", "symbol",
                "side", "quantity", "type", "status", "filled_quantity", "average_fill_price", "last_update")) {
            for (RunSeries.OrderRecord o : s.orders()) {
                w.row(o.submitted(), o.strategyId(), o.clientOrderId(), o.symbol(), o.side(), Format.plain(o.quantity()),
                        o.type(), o.status(), Format.plain(o.filledQuantity()), Format.plain(o.averageFillPrice()),
                        o.lastUpdate());
            }
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("fills.csv"), "time", "strategy", "client_order_id", "symbol", "side",
                "quantity", "price", "fee")) {
            for (RunSeries.FillRecord f : s.fills()) {
                w.row(f.time(), f.strategyId(), f.clientOrderId(), f.symbol(), f.side(), Format.plain(f.quantity()),
                        Format.plain(f.price()), Format.plain(f.fee()));
            }
        }
        PerformanceStatistics st = run.statistics();
        try (CsvWriter w = new CsvWriter(dir.resolve("statistics.csv"), "statistic", "value")) {
            w.row("initial_equity", Format.plain(run.report().initialEquity()));
            w.row("final_equity", Format.plain(run.report().finalEquity()));
            w.row("total_return", Format.csvNumber(st.totalReturn()));
            w.row("cagr", Format.csvNumber(st.cagr()));
            w.row("sharpe", Format.csvNumber(st.sharpe()));
            w.row("sortino", Format.csvNumber(st.sortino()));
            w.row("max_drawdown", Format.csvNumber(st.maxDrawdown()));
            w.row("calmar", Format.csvNumber(st.calmar()));
            w.row("profit_factor", Format.csvNumber(st.profitFactor()));
            w.row("win_rate", Format.csvNumber(st.winRate()));
            w.row("average_win", Format.plain(st.averageWin()));
            w.row("average_loss", Format.plain(st.averageLoss()));
            w.row("exposure", Format.csvNumber(st.exposure()));
            w.row("average_exposure", Format.csvNumber(st.averageExposure()));
            w.row("turnover", Format.csvNumber(st.turnover()));
            w.row("trades", st.trades());
        }
    }
}
