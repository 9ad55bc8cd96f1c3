package io.tradingsdk.core.backtest;

import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.risk.DenialReason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a backtest. {@link #render()} is deterministic: the same bars and configuration
 * give a byte-identical text (no wall-clock values in it; latency figures are reported apart).
 *
 * @param sharpeRatio annualized from daily equity returns (252 periods a year); NaN with fewer than
 *                    two daily returns or no variance
 * @param maxDrawdown largest peak-to-trough fall of equity as a fraction (0.12 = 12 %)
 * @param winRate     winning closed trades / closed trades; NaN with no closed trade
 */
public record BacktestReport(String accountId, long bars, Instant firstBar, Instant lastBar, BigDecimal initialEquity,
                             BigDecimal finalEquity, BigDecimal cash, BigDecimal realizedPnl, BigDecimal unrealizedPnl,
                             BigDecimal fees, double maxDrawdown, double sharpeRatio, double winRate,
                             List<BacktestRecorder.Trade> trades, List<Position> openPositions, long signals,
                             long approvals, Map<DenialReason, Long> denials, long fills) {

    public BacktestReport {
        trades = List.copyOf(trades);
        openPositions = List.copyOf(openPositions);
        denials = Map.copyOf(denials);
    }

    /** (final - initial) / initial; zero when the initial equity is zero. */
    public BigDecimal totalReturn() {
        if (initialEquity.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return finalEquity.subtract(initialEquity).divide(initialEquity, 10, RoundingMode.HALF_EVEN);
    }

    /** A readable, deterministic text report. */
    public String render() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("Backtest report: account ").append(accountId).append('\n');
        sb.append("  bars processed      ").append(bars).append(" (").append(firstBar).append(" .. ").append(lastBar).append(")\n");
        sb.append("  initial equity      ").append(money(initialEquity)).append('\n');
        sb.append("  final equity        ").append(money(finalEquity)).append('\n');
        sb.append("  total return        ").append(pct(totalReturn().doubleValue())).append('\n');
        sb.append("  max drawdown        ").append(pct(maxDrawdown)).append('\n');
        sb.append("  Sharpe ratio        ").append(Double.isNaN(sharpeRatio) ? "n/a (fewer than 2 daily returns)"
                : String.format(Locale.ROOT, "%.3f", sharpeRatio)).append('\n');
        long wins = trades.stream().filter(t -> t.pnl().signum() > 0).count();
        sb.append("  closed trades       ").append(trades.size()).append(" (").append(wins).append(" won, win rate ")
                .append(Double.isNaN(winRate) ? "n/a" : pct(winRate)).append(")\n");
        sb.append("  realized P&L        ").append(money(realizedPnl)).append('\n');
        sb.append("  unrealized P&L      ").append(money(unrealizedPnl)).append('\n');
        sb.append("  fees                ").append(money(fees)).append('\n');
        sb.append("  cash                ").append(money(cash)).append('\n');
        sb.append("  signals             ").append(signals).append(" (").append(approvals).append(" approved, ")
                .append(signals - approvals).append(" denied), fills ").append(fills).append('\n');
        sb.append("  denials by reason\n");
        if (denials.isEmpty()) {
            sb.append("    (none)\n");
        }
        for (DenialReason r : DenialReason.values()) {
            Long n = denials.get(r);
            if (n != null) {
                sb.append(String.format(Locale.ROOT, "    %-26s %d%n", r, n));
            }
        }
        sb.append("  open positions\n");
        if (openPositions.isEmpty()) {
            sb.append("    (none)\n");
        }
        for (Position p : openPositions) {
            sb.append(String.format(Locale.ROOT, "    %-10s qty %s avg %s last %s unrealized %s%n", p.symbol(),
                    p.quantity().stripTrailingZeros().toPlainString(), price(p.averagePrice()), price(p.marketPrice()),
                    money(p.unrealizedPnl())));
        }
        sb.append("  trades\n");
        sb.append(String.format(Locale.ROOT, "    %-3s %-10s %-5s %-20s %-20s %14s %12s %12s %12s%n", "#", "symbol", "side",
                "opened", "closed", "quantity", "entry", "exit", "P&L"));
        int i = 1;
        for (BacktestRecorder.Trade t : trades) {
            sb.append(String.format(Locale.ROOT, "    %-3d %-10s %-5s %-20s %-20s %14s %12s %12s %12s%n", i++, t.symbol(),
                    t.direction(), t.opened(), t.closed(), t.quantity().stripTrailingZeros().toPlainString(),
                    price(t.entryPrice()), price(t.exitPrice()), money(t.pnl())));
        }
        return sb.toString();
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String price(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100.0);
    }
}
