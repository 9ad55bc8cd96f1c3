package io.tradingsdk.research.internal;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.core.backtest.BacktestRecorder;
import io.tradingsdk.core.backtest.BacktestReport;
import io.tradingsdk.core.metrics.MetricsSnapshot;
import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.PerformanceStatistics;
import io.tradingsdk.research.StrategyBreakdown;
import java.util.Locale;

/** The tables of the HTML report. */
public final class ReportTables {
    /** The page lists this many trades; the CSV file has all. */
    public static final int MAX_TRADES_SHOWN = 500;

    private ReportTables() {
    }

    public static void summary(StringBuilder sb, BacktestRun run) {
        BacktestReport r = run.report();
        PerformanceStatistics s = run.statistics();
        sb.append("<section><h2>Summary</h2><p class=\"note\">Account ").append(Html.escape(r.accountId())).append(", ")
                .append(r.bars()).append(" bars from ").append(r.firstBar()).append(" to ").append(r.lastBar())
                .append(".</p>\n<table class=\"stats\">\n");
        row(sb, "Initial equity", Format.money(r.initialEquity()));
        row(sb, "Final equity", Format.money(r.finalEquity()));
        row(sb, "Total return", Format.percent(s.totalReturn()));
        row(sb, "CAGR", Format.percent(s.cagr()));
        row(sb, "Sharpe ratio", Format.ratio(s.sharpe()));
        row(sb, "Sortino ratio", Format.ratio(s.sortino()));
        row(sb, "Max drawdown", Format.percent(s.maxDrawdown()));
        row(sb, "Calmar ratio", Format.ratio(s.calmar()));
        row(sb, "Closed trades", Integer.toString(s.trades()));
        row(sb, "Win rate", Format.percent(s.winRate()));
        row(sb, "Profit factor", Format.ratio(s.profitFactor()));
        row(sb, "Average win", Format.money(s.averageWin()));
        row(sb, "Average loss", Format.money(s.averageLoss()));
        row(sb, "Exposure (time in market)", Format.percent(s.exposure()));
        row(sb, "Average gross exposure", Format.percent(s.averageExposure()));
        row(sb, "Turnover (traded / mean equity)", Format.ratio(s.turnover()));
        row(sb, "Realized P&L", Format.money(r.realizedPnl()));
        row(sb, "Unrealized P&L", Format.money(r.unrealizedPnl()));
        row(sb, "Fees", Format.money(r.fees()));
        row(sb, "Signals / approved / fills", r.signals() + " / " + r.approvals() + " / " + r.fills());
        sb.append("</table></section>\n");
    }

    public static void strategies(StringBuilder sb, BacktestRun run) {
        sb.append("<table class=\"grid\"><thead><tr><th>strategy</th><th>signals</th><th>approved</th><th>denied</th>"
                + "<th>denials by reason</th><th>orders</th><th>fills</th><th>traded notional</th><th>fees</th>"
                + "</tr></thead><tbody>\n");
        for (StrategyBreakdown b : run.strategies()) {
            StringBuilder reasons = new StringBuilder();
            for (DenialReason reason : DenialReason.values()) {
                Long n = b.denials().get(reason);
                if (n != null) {
                    reasons.append(reasons.length() == 0 ? "" : ", ").append(reason.name()).append(' ').append(n);
                }
            }
            sb.append("<tr><td>").append(Html.escape(b.strategyId())).append("</td><td>").append(b.signals())
                    .append("</td><td>").append(b.approvals()).append("</td><td>").append(b.denied()).append("</td><td>")
                    .append(Html.escape(reasons.toString())).append("</td><td>").append(b.orders()).append("</td><td>")
                    .append(b.fills()).append("</td><td>").append(Format.money(b.tradedNotional())).append("</td><td>")
                    .append(Format.money(b.fees())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    public static void latency(StringBuilder sb, BacktestRun run) {
        MetricsSnapshot.Latency l = run.metrics() == null ? MetricsSnapshot.Latency.EMPTY
                : run.metrics().overall().signalToOrderLatency();
        sb.append("<p class=\"note\">").append(l.count()).append(" orders; ")
                .append(String.format(Locale.ROOT, "p50 %.1f µs, p95 %.1f µs, p99 %.1f µs, max %.1f µs", l.p50Micros(),
                        l.p95Micros(), l.p99Micros(), l.maxMicros()))
                .append(". Wall-clock time on this machine: it differs from run to run.</p>\n");
    }

    public static void trades(StringBuilder sb, BacktestRun run) {
        var trades = run.report().trades();
        sb.append("<section><h2>Closed trades</h2>");
        if (trades.size() > MAX_TRADES_SHOWN) {
            sb.append("<p class=\"note\">The first ").append(MAX_TRADES_SHOWN).append(" of ").append(trades.size())
                    .append("; trades.csv has all.</p>");
        }
        sb.append("<table class=\"grid\"><thead><tr><th>#</th><th>symbol</th><th>side</th><th>opened</th><th>closed</th>"
                + "<th>quantity</th><th>entry</th><th>exit</th><th>P&amp;L</th></tr></thead><tbody>\n");
        int i = 0;
        for (BacktestRecorder.Trade t : trades) {
            if (i == MAX_TRADES_SHOWN) {
                break;
            }
            i++;
            sb.append("<tr><td>").append(i).append("</td><td>").append(Html.escape(t.symbol())).append("</td><td>")
                    .append(t.direction()).append("</td><td>").append(t.opened()).append("</td><td>").append(t.closed())
                    .append("</td><td>").append(Format.plain(t.quantity())).append("</td><td>")
                    .append(Format.plain(t.entryPrice())).append("</td><td>").append(Format.plain(t.exitPrice()))
                    .append("</td><td class=\"").append(t.pnl().signum() < 0 ? "loss" : "win").append("\">")
                    .append(Format.money(t.pnl())).append("</td></tr>\n");
        }
        sb.append("</tbody></table></section>\n");
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }
}
