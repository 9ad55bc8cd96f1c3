package io.tradingsdk.core.analysis;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.core.ledger.PortfolioLedger;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Known return series, bars, snapshots and intents for the analysis tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");
    private static final AtomicLong SEQ = new AtomicLong();

    /** Ten simple returns of A; mean 0.003. */
    static final double[] X = {0.02, -0.01, 0.03, -0.02, 0.01, -0.03, 0.015, 0.005, -0.01, 0.02};
    /** Ten simple returns of B; mean -0.001. */
    static final double[] Y = {0.01, -0.01, 0.02, -0.03, 0.02, -0.02, 0.00, 0.01, -0.02, 0.01};

    private Fixtures() {
    }

    /** Closes that start at {@code start} and move by the given simple returns (n + 1 closes). */
    static double[] closes(double start, double[] returns) {
        double[] c = new double[returns.length + 1];
        c[0] = start;
        for (int i = 0; i < returns.length; i++) {
            c[i + 1] = c[i] * (1 + returns[i]);
        }
        return c;
    }

    static double[] negated(double[] r) {
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = -r[i];
        }
        return out;
    }

    /** A one-minute bar starting {@code minute} minutes after T0 with every price at {@code close}. */
    static Bar bar(String symbol, int minute, double close) {
        return new Bar(symbol, T0.plus(Duration.ofMinutes(minute)), Timeframe.MINUTE_1, close, close, close, close, 100);
    }

    /** Feeds the closes as consecutive bars, as the event loop would. */
    static void feed(RiskAnalyzer analyzer, PortfolioLedger ledger, String symbol, double[] closes) {
        for (int i = 0; i < closes.length; i++) {
            analyzer.onBarProcessed(bar(symbol, i, closes[i]), ledger);
        }
    }

    /** A ledger holding the given positions, each bought and marked at its price, with the given cash. */
    static PortfolioLedger ledger(String cash, Object... symbolQuantityPrice) {
        PortfolioLedger ledger = new PortfolioLedger("acct", new BigDecimal(cash));
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < symbolQuantityPrice.length; i += 3) {
            BigDecimal price = new BigDecimal((String) symbolQuantityPrice[i + 2]);
            positions.add(new Position((String) symbolQuantityPrice[i], new BigDecimal((String) symbolQuantityPrice[i + 1]),
                    price, price, BigDecimal.ZERO));
        }
        ledger.restore(new BigDecimal(cash), positions);
        return ledger;
    }

    static OrderIntent intent(OrderSide side, String symbol, String quantity, String price, Instant at) {
        OrderRequest r = OrderRequest.market("a-" + SEQ.incrementAndGet(), symbol, side, new BigDecimal(quantity), TimeInForce.DAY);
        return new OrderIntent(r, "sig-" + r.clientOrderId(), "strat-1", new BigDecimal(price), 0.02, at);
    }

    /** Real AAPL daily closes (ta4j-examples' appleinc_bars_from_20130101_usd.csv), oldest first. */
    static double[] appleCloses() {
        try (java.io.InputStream in = Fixtures.class.getResourceAsStream("/appleinc_bars_from_20130101_usd.csv")) {
            if (in == null) {
                throw new IllegalStateException("appleinc_bars_from_20130101_usd.csv is not on the test classpath");
            }
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                    java.nio.charset.StandardCharsets.UTF_8));
            List<Double> closes = new ArrayList<>();
            String line = r.readLine(); // header: date,open,high,low,close,volume
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    closes.add(Double.parseDouble(line.split(",")[4]));
                }
            }
            return closes.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    /** An analyzer on a simulated clock, a private cache and a snapshot the test sets; schedule off. */
    static final class Harness implements AutoCloseable {
        final SimulatedClock clock = new SimulatedClock(T0);
        final RiskLimitsCache cache = new RiskLimitsCache();
        final AtomicReference<PortfolioSnapshot> snapshot = new AtomicReference<>();
        final AtomicLong snapshotCalls = new AtomicLong();
        final RiskAnalyzer analyzer;

        Harness(AnalyzerConfig config) {
            analyzer = RiskAnalyzer.builder("acct").clock(clock).cache(cache).config(config.withSchedulePeriod(Duration.ZERO))
                    .portfolio(() -> {
                        snapshotCalls.incrementAndGet();
                        return CompletableFuture.completedFuture(snapshot.get());
                    })
                    .build();
        }

        Harness snapshot(PortfolioLedger ledger) {
            snapshot.set(ledger.snapshot());
            return this;
        }

        RiskAnalysis refresh() {
            return await(analyzer.refresh());
        }

        @Override
        public void close() {
            analyzer.close();
        }
    }

    /** Ten returns per symbol: window 11, at least 5 observations, levels 0.7 / 0.8 / 0.9. */
    static AnalyzerConfig smallConfig() {
        return AnalyzerConfig.defaults().withMinObservations(5).withWindow(11)
                .withConfidenceLevels(List.of(0.9, 0.8, 0.7));
    }
}
