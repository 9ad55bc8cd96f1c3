package io.tradingsdk.research.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.core.metrics.LatencyHistogram;
import io.tradingsdk.research.BacktestRun;
import io.tradingsdk.research.MonthlyReturns;
import io.tradingsdk.research.RunSeries;
import io.tradingsdk.research.StrategyBreakdown;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The chart data of a report as JSON, read by the page's script: times in epoch seconds (uPlot's
 * time scale), values as numbers, {@code null} where a series has no point.
 */
public final class ReportData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportData() {
    }

    public static String json(BacktestRun run) {
        RunSeries s = run.series();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode t = root.putObject("equity").putArray("t");
        ArrayNode eq = ((ObjectNode) root.get("equity")).putArray("v");
        ObjectNode dd = root.putObject("drawdown");
        ArrayNode ddv = dd.putArray("v");
        ObjectNode ex = root.putObject("exposure");
        ArrayNode exv = ex.putArray("v");
        double peak = run.report().initialEquity().doubleValue();
        for (RunSeries.EquityPoint p : s.equity()) {
            t.add(seconds(p.time()));
            eq.add(round(p.equity(), 2));
            peak = Math.max(peak, p.equity());
            ddv.add(round(peak > 0 ? (p.equity() - peak) / peak * 100.0 : 0.0, 4));
            exv.add(round(p.exposureFraction() * 100.0, 4));
        }

        ObjectNode monthly = root.putObject("monthly");
        ArrayNode ml = monthly.putArray("labels");
        ArrayNode mv = monthly.putArray("v");
        for (var e : MonthlyReturns.of(run).entrySet()) {
            ml.add(e.getKey().toString());
            mv.add(round(e.getValue() * 100.0, 4));
        }

        ArrayNode prices = root.putArray("prices");
        for (var e : s.prices().entrySet()) {
            ObjectNode p = prices.addObject();
            p.put("symbol", e.getKey());
            ArrayNode pt = p.putArray("t");
            ArrayNode pc = p.putArray("close");
            for (RunSeries.PricePoint pp : e.getValue()) {
                pt.add(seconds(pp.time()));
                pc.add(pp.close());
            }
            ArrayNode fills = p.putArray("fills");
            for (RunSeries.FillRecord f : s.fills()) {
                if (f.symbol().equals(e.getKey())) {
                    ArrayNode a = fills.addArray();
                    a.add(seconds(f.time()));
                    a.add(f.price().doubleValue());
                    a.add(f.side() == OrderSide.BUY ? 1 : -1);
                }
            }
        }

        ObjectNode strategies = root.putObject("strategies");
        ArrayNode sl = strategies.putArray("labels");
        ArrayNode sa = strategies.putArray("approved");
        ArrayNode sd = strategies.putArray("denied");
        for (StrategyBreakdown b : run.strategies()) {
            sl.add(b.strategyId());
            sa.add(b.approvals());
            sd.add(b.denied());
        }

        ObjectNode denials = root.putObject("denials");
        ArrayNode dl = denials.putArray("labels");
        ArrayNode dv = denials.putArray("v");
        Map<DenialReason, Long> byReason = run.report().denials();
        for (DenialReason r : DenialReason.values()) {
            Long n = byReason.get(r);
            if (n != null && n > 0) {
                dl.add(r.name());
                dv.add(n);
            }
        }

        ObjectNode latency = root.putObject("latency");
        ArrayNode ll = latency.putArray("labels");
        ArrayNode lv = latency.putArray("v");
        List<LatencyHistogram.Bucket> buckets = run.latency().buckets();
        for (LatencyHistogram.Bucket b : buckets) {
            ll.add("≤ " + micros(b.upToMicros()));
            lv.add(b.count());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the report data", e);
        }
    }

    private static String micros(double us) {
        if (us >= 1_000_000) {
            return (long) (us / 1_000_000) + " s";
        }
        if (us >= 1000) {
            return (long) (us / 1000) + " ms";
        }
        return (long) us + " µs";
    }

    private static long seconds(Instant t) {
        return t.getEpochSecond();
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return 0.0;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
