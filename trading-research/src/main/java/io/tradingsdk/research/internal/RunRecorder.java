package io.tradingsdk.research.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.portfolio.PortfolioView;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.risk.RiskDecision;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.engine.EngineObserver;
import io.tradingsdk.research.RunSeries;
import io.tradingsdk.research.StrategyBreakdown;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records what the research report and statistics need, on the engine's event loop: as an observer
 * (bars, decisions, fills) and as a listener delivered directly on the loop (orders), so that the
 * order of events is the engine's and the recording repeats exactly.
 *
 * <p>Without series it keeps only sums and one equity value per day, so a sweep's memory does not
 * grow with the number of bars beyond that.
 */
public final class RunRecorder implements EngineObserver, EngineListener {
    private static final String HOST = "host";

    private final ZoneId zone;
    private final boolean keepSeries;

    private final List<LocalDate> days = new ArrayList<>();
    private final List<Double> dailyCloses = new ArrayList<>();
    private LocalDate currentDay;
    private double lastEquity;

    private long bars;
    private long barsInMarket;
    private double exposureSum;
    private double equitySum;
    private double tradedNotional;

    private final Map<String, StrategyCounts> strategies = new TreeMap<>();
    private final Map<String, String> strategyOfOrder = new HashMap<>();
    private Signal lastApproved;

    private final List<RunSeries.EquityPoint> equity = new ArrayList<>();
    private final Map<String, List<RunSeries.PricePoint>> prices = new TreeMap<>();
    private final List<RunSeries.FillRecord> fills = new ArrayList<>();
    private final Map<String, OrderState> orders = new LinkedHashMap<>();

    public RunRecorder(ZoneId zone, double initialEquity, boolean keepSeries) {
        this.zone = zone;
        this.keepSeries = keepSeries;
        this.lastEquity = initialEquity;
    }

    @Override
    public void onBarProcessed(Bar bar, PortfolioView portfolio) {
        double eq = portfolio.equityEstimate();
        double gross = portfolio.grossExposure().doubleValue();
        bars++;
        equitySum += eq;
        if (gross > 0) {
            barsInMarket++;
            if (eq > 0) {
                exposureSum += gross / eq;
            }
        }
        LocalDate day = LocalDate.ofInstant(bar.start(), zone);
        if (!day.equals(currentDay)) {
            if (currentDay != null) {
                days.add(currentDay);
                dailyCloses.add(lastEquity);
            }
            currentDay = day;
        }
        lastEquity = eq;
        if (keepSeries) {
            Instant t = bar.end();
            int last = equity.size() - 1;
            var point = new RunSeries.EquityPoint(t, eq, gross);
            if (last >= 0 && equity.get(last).time().equals(t)) {
                equity.set(last, point);
            } else {
                equity.add(point);
            }
            prices.computeIfAbsent(bar.symbol(), s -> new ArrayList<>())
                    .add(new RunSeries.PricePoint(t, bar.close()));
        }
    }

    @Override
    public void onDecision(Signal signal, RiskDecision decision) {
        StrategyCounts c = counts(signal.strategyId());
        c.signals++;
        if (decision instanceof RiskDecision.Denied d) {
            c.denials.merge(d.reason(), 1L, Long::sum);
        } else {
            c.approvals++;
            lastApproved = signal;
        }
    }

    @Override
    public void onSignalOutcome(SignalOutcome outcome) {
        if (outcome instanceof SignalOutcome.Submitted s) {
            String strategy = lastApproved != null && lastApproved.id().equals(s.signalId()) ? lastApproved.strategyId() : HOST;
            strategyOfOrder.put(s.clientOrderId(), strategy);
            counts(strategy).orders++;
            if (keepSeries) {
                OrderRequest r = s.order();
                Instant at = lastApproved != null ? lastApproved.time() : null;
                orders.put(s.clientOrderId(), new OrderState(at, strategy, r));
            }
        }
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (!keepSeries) {
            return;
        }
        OrderState o = orders.get(event.clientOrderId());
        if (o == null) {
            return;
        }
        OrderStatus status = event.type().resultingStatus();
        if (status != null) {
            o.status = status.name();
        }
        o.filled = event.filledQuantity();
        o.averagePrice = event.averageFillPrice();
        o.lastUpdate = event.time();
    }

    @Override
    public void onFill(Fill fill, PortfolioView portfolio) {
        String strategy = strategyOfOrder.getOrDefault(fill.clientOrderId(), HOST);
        StrategyCounts c = counts(strategy);
        c.fills++;
        BigDecimal notional = fill.notional();
        c.notional = c.notional.add(notional);
        c.fees = c.fees.add(fill.fee());
        tradedNotional += notional.doubleValue();
        if (keepSeries) {
            fills.add(new RunSeries.FillRecord(fill.time(), strategy, fill.clientOrderId(), fill.symbol(), fill.side(),
                    fill.quantity(), fill.price(), fill.fee()));
        }
    }

    private StrategyCounts counts(String strategyId) {
        return strategies.computeIfAbsent(strategyId, k -> new StrategyCounts());
    }

    /** End-of-day equity values, including the last (partial) day. */
    public List<Double> dailyCloses() {
        List<Double> all = new ArrayList<>(dailyCloses);
        if (currentDay != null) {
            all.add(lastEquity);
        }
        return all;
    }

    /** The days of {@link #dailyCloses()}, in the trading zone. */
    public List<LocalDate> days() {
        List<LocalDate> all = new ArrayList<>(days);
        if (currentDay != null) {
            all.add(currentDay);
        }
        return all;
    }

    public long bars() {
        return bars;
    }

    public long barsInMarket() {
        return barsInMarket;
    }

    public double exposureSum() {
        return exposureSum;
    }

    public double equitySum() {
        return equitySum;
    }

    public double tradedNotional() {
        return tradedNotional;
    }

    public List<StrategyBreakdown> breakdown() {
        List<StrategyBreakdown> out = new ArrayList<>();
        strategies.forEach((id, c) -> out.add(new StrategyBreakdown(id, c.signals, c.approvals, c.denials, c.orders,
                c.fills, c.notional, c.fees)));
        return out;
    }

    /** The series, or {@code null} when this recorder keeps none. */
    public RunSeries series() {
        if (!keepSeries) {
            return null;
        }
        List<RunSeries.OrderRecord> list = new ArrayList<>(orders.size());
        for (var e : orders.entrySet()) {
            OrderState o = e.getValue();
            OrderRequest r = o.request;
            list.add(new RunSeries.OrderRecord(o.submitted, o.strategy, e.getKey(), r.symbol(), r.side(), r.quantity(),
                    r.type().name(), o.status, o.filled, o.averagePrice, o.lastUpdate));
        }
        Map<String, List<RunSeries.PricePoint>> p = new TreeMap<>();
        prices.forEach((k, v) -> p.put(k, List.copyOf(v)));
        return new RunSeries(equity, p, fills, list);
    }

    private static final class StrategyCounts {
        long signals;
        long approvals;
        long orders;
        long fills;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        final Map<DenialReason, Long> denials = new EnumMap<>(DenialReason.class);
    }

    private static final class OrderState {
        final Instant submitted;
        final String strategy;
        final OrderRequest request;
        String status = OrderStatus.SUBMITTED.name();
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal averagePrice;
        Instant lastUpdate;

        OrderState(Instant submitted, String strategy, OrderRequest request) {
            this.submitted = submitted;
            this.strategy = strategy;
            this.request = request;
        }
    }
}
