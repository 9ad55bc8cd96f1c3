package io.tradingsdk.research;

import io.tradingsdk.core.backtest.BacktestRecorder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The statistics of one backtest. Ratios are {@code double} (statistics, never money); average win
 * and loss are exact. A figure that cannot be computed is {@code NaN} (say, Sortino without a losing
 * day); profit factor is {@code +Infinity} when trades won and none lost.
 *
 * @param totalReturn        (final equity - initial equity) / initial equity
 * @param cagr               compound annual growth rate over the time from the first to the last bar
 *                           (365.25-day years); NaN for a run shorter than a day. Short runs give
 *                           extreme values: a month's 2 % is 27 % a year
 * @param sharpe             annualized Sharpe ratio of daily returns (252 days, risk-free rate 0)
 * @param sortino            annualized mean daily return over the downside deviation (the root mean
 *                           square of the negative daily returns, over all days); NaN without a
 *                           losing day or with fewer than two days
 * @param maxDrawdown        largest fall of equity from a peak, as a fraction
 * @param calmar             CAGR over maximum drawdown; NaN without a drawdown
 * @param profitFactor       gross profit of winning trades over gross loss of losing trades
 * @param winRate            winning closed trades over closed trades; NaN without a closed trade
 * @param averageWin         mean profit of winning closed trades (zero when none)
 * @param averageLoss        mean loss of losing closed trades, negative (zero when none)
 * @param exposure           fraction of the bars after which a position was held (time in the market)
 * @param averageExposure    mean of gross exposure over equity after each bar
 * @param turnover           traded notional (every fill, buys and sells) over mean equity: how many
 *                           times the book turned over during the run
 * @param trades             closed round-trip trades
 */
public record PerformanceStatistics(double totalReturn, double cagr, double sharpe, double sortino, double maxDrawdown,
                                    double calmar, double profitFactor, double winRate, BigDecimal averageWin,
                                    BigDecimal averageLoss, double exposure, double averageExposure, double turnover,
                                    int trades) {

    private static final double SECONDS_PER_YEAR = 365.25 * 86_400;

    /**
     * @param dailyCloses       equity at the end of each trading day, in order
     * @param barsInMarket      bars after which gross exposure was above zero
     * @param exposureSum       sum over bars of gross exposure / equity
     * @param equitySum         sum over bars of equity
     * @param bars              bars counted in the three sums above
     * @param tradedNotional    sum of fill notionals
     */
    public static PerformanceStatistics compute(double initialEquity, double finalEquity, Instant first, Instant last,
                                                List<Double> dailyCloses, double sharpe, double maxDrawdown,
                                                List<BacktestRecorder.Trade> trades, long barsInMarket,
                                                double exposureSum, double equitySum, long bars, double tradedNotional) {
        double totalReturn = initialEquity == 0 ? 0.0 : (finalEquity - initialEquity) / initialEquity;
        double cagr = Double.NaN;
        if (first != null && last != null && initialEquity > 0) {
            double years = Duration.between(first, last).getSeconds() / SECONDS_PER_YEAR;
            if (years * 365.25 >= 1.0) {
                cagr = finalEquity <= 0 ? -1.0 : Math.pow(finalEquity / initialEquity, 1.0 / years) - 1.0;
            }
        }
        double calmar = maxDrawdown > 0 && !Double.isNaN(cagr) ? cagr / maxDrawdown : Double.NaN;

        BigDecimal wins = BigDecimal.ZERO;
        BigDecimal losses = BigDecimal.ZERO;
        int winCount = 0;
        int lossCount = 0;
        for (BacktestRecorder.Trade t : trades) {
            if (t.pnl().signum() > 0) {
                wins = wins.add(t.pnl());
                winCount++;
            } else if (t.pnl().signum() < 0) {
                losses = losses.add(t.pnl());
                lossCount++;
            }
        }
        double profitFactor;
        if (lossCount > 0) {
            profitFactor = wins.doubleValue() / -losses.doubleValue();
        } else {
            profitFactor = winCount > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        double winRate = trades.isEmpty() ? Double.NaN : (double) winCount / trades.size();
        BigDecimal averageWin = winCount == 0 ? BigDecimal.ZERO : wins.divide(BigDecimal.valueOf(winCount), MathContext.DECIMAL64);
        BigDecimal averageLoss = lossCount == 0 ? BigDecimal.ZERO
                : losses.divide(BigDecimal.valueOf(lossCount), MathContext.DECIMAL64);

        double exposure = bars == 0 ? 0.0 : (double) barsInMarket / bars;
        double averageExposure = bars == 0 ? 0.0 : exposureSum / bars;
        double meanEquity = bars == 0 ? initialEquity : equitySum / bars;
        double turnover = meanEquity > 0 ? tradedNotional / meanEquity : Double.NaN;
        return new PerformanceStatistics(totalReturn, cagr, sharpe, sortino(initialEquity, dailyCloses), maxDrawdown,
                calmar, profitFactor, winRate, averageWin, averageLoss, exposure, averageExposure, turnover, trades.size());
    }

    /** Annualized Sortino ratio of daily returns (target 0, 252 days a year). */
    static double sortino(double initialEquity, List<Double> dailyCloses) {
        int n = dailyCloses.size();
        if (n < 2) {
            return Double.NaN;
        }
        double prev = initialEquity;
        double sum = 0;
        double downside = 0;
        for (double c : dailyCloses) {
            double r = prev == 0 ? 0 : (c - prev) / prev;
            sum += r;
            if (r < 0) {
                downside += r * r;
            }
            prev = c;
        }
        if (downside == 0) {
            return Double.NaN;
        }
        return (sum / n) / Math.sqrt(downside / n) * Math.sqrt(252.0);
    }
}
