package io.tradingsdk.examples;

import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.core.metrics.MetricsSnapshot;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders the engine's metrics snapshot as text for the job's console output. */
final class MetricsText {
    private MetricsText() {
    }

    static String render(MetricsSnapshot m) {
        StringBuilder sb = new StringBuilder();
        sb.append("  engine metrics (signal-to-order latency is wall-clock and varies per run)\n");
        sb.append(String.format(Locale.ROOT, "    %-14s %8s %8s %8s %8s %8s %8s %10s %10s %10s %10s%n", "strategy", "signals",
                "approved", "denied", "orders", "filled", "success", "p50 us", "p95 us", "p99 us", "max us"));
        line(sb, "(all)", m.overall());
        for (Map.Entry<String, MetricsSnapshot.Stats> e : new TreeMap<>(m.strategies()).entrySet()) {
            line(sb, e.getKey(), e.getValue());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, MetricsSnapshot.Stats s) {
        var l = s.signalToOrderLatency();
        sb.append(String.format(Locale.ROOT, "    %-14s %8d %8d %8d %8d %8d %8s %10.1f %10.1f %10.1f %10.1f%n", name, s.signals(),
                s.approvals(), s.denials(), s.ordersSubmitted(), s.ordersFilled(),
                Double.isNaN(s.successRate()) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", s.successRate() * 100),
                l.p50Micros(), l.p95Micros(), l.p99Micros(), l.maxMicros()));
        StringBuilder reasons = new StringBuilder();
        for (DenialReason r : DenialReason.values()) {
            long n = s.denials(r);
            if (n > 0) {
                reasons.append(reasons.length() == 0 ? "" : ", ").append(r).append('=').append(n);
            }
        }
        if (reasons.length() > 0) {
            sb.append("      denials: ").append(reasons).append('\n');
        }
    }
}
