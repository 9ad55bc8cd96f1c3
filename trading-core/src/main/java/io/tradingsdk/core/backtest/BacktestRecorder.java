package io.tradingsdk.core.backtest;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.core.engine.EngineObserver;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what a backtest needs for its report, on the engine's event loop: the equity curve
 * (for drawdown), end-of-day equity (for the Sharpe ratio), round-trip trades and denials.
 *
 * <p>Equity samples are the ledger's {@code double} estimate: they feed statistics only. Money in
 * the report (final equity, P&amp;L) comes from the ledger's exact values.
 */
public final class BacktestRecorder implements EngineObserver {
    private final ZoneRules zoneRules;
    /** What the host expected to start from, or null: then the engine's reconciled equity alone decides. */
    private final BigDecimal expectedInitialEquity;
    private double initialEquity = Double.NaN;

    private long bars;
    private double peakEquity;
    private double maxDrawdown;
    private long currentDay = Long.MIN_VALUE;
    /** The local day of [dayFromSecond, dayUntilSecond), within which one zone offset holds. */
    private long cachedDay;
    private long dayFromSecond = Long.MAX_VALUE;
    private long dayUntilSecond = Long.MIN_VALUE;
    private double lastEquity;
    private final List<Double> dailyCloses = new ArrayList<>();
    private final Map<DenialReason, Long> denials = new EnumMap<>(DenialReason.class);
    private long signals;
    private long approvals;
    private long fills;
    private final Map<String, OpenTrade> openTrades = new HashMap<>();
    private final List<Trade> trades = new ArrayList<>();

    /**
     * A recorder whose baseline (for returns, drawdown and the Sharpe ratio) is the engine's equity
     * once it has reconciled with the venue, set by {@link BacktestRunner} before the first bar: the
     * one starting cash the engine trades with, never a second copy of it.
     *
     * @param tradingZone the zone whose midnight ends a trading day (end-of-day equity for the Sharpe ratio)
     */
    public BacktestRecorder(ZoneId tradingZone) {
        this.zoneRules = tradingZone.getRules();
        this.expectedInitialEquity = null;
    }

    /**
     * A recorder that also states the starting equity the host expects; {@link BacktestRunner}
     * refuses to run (IllegalStateException naming both amounts) when the engine's reconciled
     * equity differs, so the report never measures against another amount than was traded.
     *
     * @deprecated the starting equity comes from the engine; use {@link #BacktestRecorder(ZoneId)}
     */
    @Deprecated
    public BacktestRecorder(BigDecimal initialEquity, ZoneId tradingZone) {
        this.zoneRules = tradingZone.getRules();
        this.expectedInitialEquity = java.util.Objects.requireNonNull(initialEquity, "initialEquity");
    }

    /**
     * Sets the baseline to the engine's reconciled equity; called once by the runner, before the first bar.
     *
     * @throws IllegalStateException if the host stated another starting equity, or bars were recorded already
     */
    void begin(BigDecimal reconciledEquity) {
        if (bars > 0) {
            throw new IllegalStateException("this recorder has recorded " + bars + " bars of another run; use a new one");
        }
        if (expectedInitialEquity != null && expectedInitialEquity.compareTo(reconciledEquity) != 0) {
            throw new IllegalStateException("the recorder expects a starting equity of "
                    + expectedInitialEquity.toPlainString() + " but the engine reconciled with its venue at "
                    + reconciledEquity.toPlainString() + "; give the venue and the engine one starting cash");
        }
        initialEquity = reconciledEquity.doubleValue();
        peakEquity = initialEquity;
        lastEquity = initialEquity;
    }

    @Override
    public void onBarProcessed(Bar bar, PortfolioView portfolio) {
        bars++;
        double equity = portfolio instanceof io.tradingsdk.core.ledger.PortfolioLedger l ? l.equityEstimate()
                : portfolio.equity().doubleValue();
        Instant t = bar.start();
        long second = t.getEpochSecond();
        // Bars of one day share its offset: look the zone up only when a bar leaves the cached day.
        if (second < dayFromSecond || second >= dayUntilSecond) {
            cacheDayOf(t);
        }
        long day = cachedDay;
        if (day != currentDay) {
            if (currentDay != Long.MIN_VALUE) {
                dailyCloses.add(lastEquity);
            }
            currentDay = day;
        }
        lastEquity = equity;
        if (equity > peakEquity) {
            peakEquity = equity;
        } else if (peakEquity > 0) {
            double dd = (peakEquity - equity) / peakEquity;
            if (dd > maxDrawdown) {
                maxDrawdown = dd;
            }
        }
    }

    private void cacheDayOf(Instant t) {
        long second = t.getEpochSecond();
        int offset = zoneRules.getOffset(t).getTotalSeconds();
        cachedDay = Math.floorDiv(second + offset, 86_400L);
        // The day's span in UTC seconds under this offset, cut short at the next offset change.
        long from = cachedDay * 86_400L - offset;
        long until = from + 86_400L;
        java.time.zone.ZoneOffsetTransition next = zoneRules.nextTransition(t);
        if (next != null && next.toEpochSecond() < until) {
            until = next.toEpochSecond();
        }
        java.time.zone.ZoneOffsetTransition previous = zoneRules.previousTransition(t);
        if (previous != null && previous.toEpochSecond() > from) {
            from = previous.toEpochSecond();
        }
        dayFromSecond = from;
        dayUntilSecond = until;
    }

    @Override
    public void onDecision(Signal signal, RiskDecision decision) {
        signals++;
        if (decision instanceof RiskDecision.Denied d) {
            denials.merge(d.reason(), 1L, Long::sum);
        } else {
            approvals++;
        }
    }

    @Override
    public void onFill(Fill fill, PortfolioView portfolio) {
        fills++;
        BigDecimal after;
        BigDecimal realizedAfter;
        if (portfolio instanceof io.tradingsdk.core.ledger.PortfolioLedger ledger) {
            // The engine's own ledger: read the two numbers without making a Position.
            after = ledger.quantity(fill.symbol());
            realizedAfter = ledger.realizedPnl(fill.symbol());
        } else {
            Position p = portfolio.position(fill.symbol());
            after = p == null ? BigDecimal.ZERO : p.quantity();
            realizedAfter = p == null ? BigDecimal.ZERO : p.realizedPnl();
        }
        BigDecimal signed = fill.side() == OrderSide.BUY ? fill.quantity() : fill.quantity().negate();
        BigDecimal before = after.subtract(signed);
        OpenTrade open = openTrades.get(fill.symbol());
        if (open == null) {
            // Flat before this fill: a new trade starts.
            open = new OpenTrade(fill.symbol(), fill.side() == OrderSide.BUY ? "LONG" : "SHORT", fill.time(),
                    realizedAfter);
            openTrades.put(fill.symbol(), open);
        }
        open.fees = open.fees.add(fill.fee());
        boolean increases = before.signum() == 0 || before.signum() == signed.signum();
        if (increases) {
            open.entryQty = open.entryQty.add(fill.quantity());
            open.entryNotional = open.entryNotional.add(fill.notional());
        } else {
            BigDecimal closing = fill.quantity().min(before.abs());
            open.exitQty = open.exitQty.add(closing);
            open.exitNotional = open.exitNotional.add(closing.multiply(fill.price()));
        }
        if (after.signum() == 0 || (before.signum() != 0 && after.signum() != before.signum())) {
            BigDecimal pnl = realizedAfter.subtract(open.realizedAtOpen).subtract(open.fees);
            trades.add(new Trade(open.symbol, open.direction, open.opened, fill.time(), open.entryQty,
                    avg(open.entryNotional, open.entryQty), avg(open.exitNotional, open.exitQty), pnl));
            openTrades.remove(fill.symbol());
            if (after.signum() != 0) {
                // Crossed through zero: the remainder opens a new trade at this fill's price.
                OpenTrade next = new OpenTrade(fill.symbol(), after.signum() > 0 ? "LONG" : "SHORT", fill.time(), realizedAfter);
                next.entryQty = after.abs();
                next.entryNotional = after.abs().multiply(fill.price());
                openTrades.put(fill.symbol(), next);
            }
        }
    }

    private static BigDecimal avg(BigDecimal notional, BigDecimal qty) {
        return qty.signum() == 0 ? BigDecimal.ZERO : notional.divide(qty, MathContext.DECIMAL64);
    }

    long bars() {
        return bars;
    }

    double maxDrawdown() {
        return maxDrawdown;
    }

    /** The baseline set by {@link #begin}; NaN before. */
    double initialEquity() {
        return initialEquity;
    }

    /** End-of-day equity values, including the last (partial) day. */
    List<Double> dailyCloses() {
        List<Double> all = new ArrayList<>(dailyCloses);
        if (currentDay != Long.MIN_VALUE) {
            all.add(lastEquity);
        }
        return all;
    }

    Map<DenialReason, Long> denials() {
        return new EnumMap<>(denials); // an EnumMap copies even when empty
    }

    long signals() {
        return signals;
    }

    long approvals() {
        return approvals;
    }

    long fills() {
        return fills;
    }

    List<Trade> trades() {
        return List.copyOf(trades);
    }

    int openTradeCount() {
        return openTrades.size();
    }

    private static final class OpenTrade {
        final String symbol;
        final String direction;
        final Instant opened;
        final BigDecimal realizedAtOpen;
        BigDecimal entryQty = BigDecimal.ZERO;
        BigDecimal entryNotional = BigDecimal.ZERO;
        BigDecimal exitQty = BigDecimal.ZERO;
        BigDecimal exitNotional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;

        OpenTrade(String symbol, String direction, Instant opened, BigDecimal realizedAtOpen) {
            this.symbol = symbol;
            this.direction = direction;
            this.opened = opened;
            this.realizedAtOpen = realizedAtOpen;
        }
    }

    /** A closed round trip in one symbol: from flat back to flat (or through zero). */
    public record Trade(String symbol, String direction, Instant opened, Instant closed, BigDecimal quantity,
                        BigDecimal entryPrice, BigDecimal exitPrice, BigDecimal pnl) {
    }
}
