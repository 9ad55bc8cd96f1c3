package io.tradingsdk.livedemo;

import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.api.portfolio.Position;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.metrics.MetricsSnapshot;
import io.tradingsdk.core.provider.ProviderRegistry;
import io.tradingsdk.alpaca.AlpacaMarketDataSource;
import io.tradingsdk.node.TradingNode;
import io.tradingsdk.sandbox.SandboxConfig;
import io.tradingsdk.sandbox.SandboxServer;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The live path in one command. With {@code APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY} in the
 * environment it runs the demo node ({@link DemoNode}) on Alpaca's paper account for
 * {@code --minutes} (default 3); without them it starts the local Alpaca sandbox replaying the
 * shipped BTC/USD minute bars of 25 November 2013 (one minute every 50 ms) and runs the same node
 * against it until the replay ends. It prints orders, acknowledgements with their latency, fills
 * and positions as they happen, then a summary. Exit status 0 after a run, 1 when the node could
 * not start, 2 for a bad argument. The keys are never printed.
 */
public final class LiveDemo {
    /** Replayed in sandbox mode: 12 hours of minute bars, 50 ms each, about 36 seconds. */
    static final Duration SANDBOX_SPAN = Duration.ofHours(12);
    static final Duration SANDBOX_BAR_INTERVAL = Duration.ofMillis(50);
    /** The sandbox run ends at the latest after this, even if the replay has not. */
    static final Duration SANDBOX_LIMIT = Duration.ofMinutes(2);

    private LiveDemo() {
    }

    /**
     * Runs the demo. After a run it returns normally, so a Maven build that runs it ({@code -Dlive})
     * goes on with its other modules; otherwise it exits the JVM with the status.
     */
    public static void main(String[] args) {
        int status = run(args, System.getenv()::get, System.out);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, Function<String, String> environment, PrintStream out) {
        int minutes;
        try {
            minutes = minutes(args);
        } catch (IllegalArgumentException e) {
            out.println("live demo: " + e.getMessage());
            out.println("usage: LiveDemo [--minutes 1..60]");
            return 2;
        }
        try {
            if (Venue.hasKeys(environment)) {
                out.println("== live demo on the Alpaca PAPER account (keys from " + Venue.KEY_ID + "/" + Venue.SECRET_KEY
                        + "), " + DemoNode.SYMBOL + " one-minute bars, " + minutes + " minutes");
                Venue venue = Venue.alpacaPaper(environment);
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
                return trade(venue, () -> System.nanoTime() >= end, out);
            }
            out.println("== " + Venue.KEY_ID + " and " + Venue.SECRET_KEY + " are not both set: running against the local"
                    + " Alpaca sandbox, replaying " + DemoNode.SYMBOL + " minute bars from " + ShippedBars.FIRST_MINUTE
                    + " (one every " + SANDBOX_BAR_INTERVAL.toMillis() + " ms)");
            String secret = UUID.randomUUID().toString();
            SandboxConfig config = SandboxConfig.builder(ShippedBars.source(), ShippedBars.firstOf(SANDBOX_SPAN))
                    .barInterval(SANDBOX_BAR_INTERVAL)
                    .credentials("PKSANDBOX", secret)
                    .build();
            try (SandboxServer sandbox = SandboxServer.start(config)) {
                // The warm-up reads history from the sandbox: let it replay what the slow average needs first.
                await(() -> sandbox.barsReplayed() > DemoNode.SLOW + 1, Duration.ofSeconds(30));
                long end = System.nanoTime() + SANDBOX_LIMIT.toNanos();
                return trade(Venue.sandbox(sandbox, "PKSANDBOX", secret),
                        () -> sandbox.replayFinished() || System.nanoTime() >= end, out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("live demo: interrupted");
            return 1;
        } catch (RuntimeException e) {
            out.println("live demo: " + e.getMessage());
            return 1;
        }
    }

    private static int trade(Venue venue, BooleanSupplier done, PrintStream out) throws InterruptedException {
        ConsoleReport report = new ConsoleReport(out);
        ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "live-demo-report");
            t.setDaemon(true);
            return t;
        });
        ProviderRegistry registry = ProviderRegistry.discover(LiveDemo.class.getClassLoader());
        long started = System.nanoTime();
        try (AlpacaMarketDataSource alpaca = DemoNode.marketData(venue)) {
            ObservedMarketData data = new ObservedMarketData(alpaca);
            return trade(venue, registry, data, report, delivery, done, started, out);
        } finally {
            delivery.shutdown();
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static int trade(Venue venue, ProviderRegistry registry, ObservedMarketData data, ConsoleReport report,
                             ExecutorService delivery, BooleanSupplier done, long started, PrintStream out)
            throws InterruptedException {
        try (TradingNode node = DemoNode.node(venue, DemoNode.tradingYaml(venue, "", DemoNode.CROSSOVER), registry, data, report,
                delivery)) {
            node.start();
            TradingEngine engine = node.engine().orElseThrow();
            report.positionsFrom(engine);
            out.println("node trading on the " + venue.name() + "; warm-up: "
                    + node.warmUpReport().map(Object::toString).orElse("none"));
            while (!done.getAsBoolean()) {
                Thread.sleep(200);
            }
            // Orders in flight when the data ends: give them a moment to be confirmed, then stop (which cancels the rest).
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            PortfolioSnapshot last = snapshot(engine);
            while (last.openOrderQuantity(DemoNode.SYMBOL).signum() != 0 && System.nanoTime() < settle) {
                Thread.sleep(100);
                last = snapshot(engine);
            }
            MetricsSnapshot.Latency engineLatency = engine.metrics().overall().signalToOrderLatency();
            node.stop();
            summary(out, venue, report, data.delivered().size(), last, engineLatency,
                    Duration.ofNanos(System.nanoTime() - started));
            return 0;
        }
    }

    private static PortfolioSnapshot snapshot(TradingEngine engine) {
        return engine.portfolio().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static void summary(PrintStream out, Venue venue, ConsoleReport r, int bars, PortfolioSnapshot p,
                                MetricsSnapshot.Latency engineLatency, Duration took) {
        out.println("== summary (" + venue.name() + ", " + took.toSeconds() + " s)");
        out.printf("live bars %d%n", bars);
        out.printf("orders %d submitted, %d acknowledged, %d denied, %d canceled, %d rejected; fills %d%n",
                r.submitted(), r.acknowledged(), r.denied(), r.canceled(), r.rejected(), r.fills());
        for (Map.Entry<String, Position> e : p.positions().entrySet()) {
            Position pos = e.getValue();
            if (pos.quantity().signum() != 0) {
                out.printf("position %s %s @ %s%n", e.getKey(), plain(pos.quantity()), plain(pos.averagePrice()));
            }
        }
        if (p.positions().values().stream().allMatch(pos -> pos.quantity().signum() == 0)) {
            out.println("position none (flat)");
        }
        out.printf("cash %s, equity %s%n", plain(p.cash()), plain(p.equity()));
        out.printf("signal-to-ack latency p50 %.1f ms, p99 %.1f ms (%d orders); engine signal-to-order p50 %.0f us, p99 %.0f us%n",
                r.ackLatencyMillis(50), r.ackLatencyMillis(99), r.acknowledged(), engineLatency.p50Micros(),
                engineLatency.p99Micros());
    }

    static int minutes(String[] args) {
        int minutes = 3;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--minutes") || i + 1 == args.length) {
                throw new IllegalArgumentException("unknown argument " + shorten(args[i]));
            }
            String value = args[++i];
            try {
                minutes = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--minutes must be a whole number from 1 to 60, was " + shorten(value));
            }
            if (minutes < 1 || minutes > 60) {
                throw new IllegalArgumentException("--minutes must be from 1 to 60, was " + minutes);
            }
        }
        return minutes;
    }

    private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the sandbox did not replay the warm-up bars within " + limit);
            }
            Thread.sleep(20);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String plain(BigDecimal d) {
        return d == null ? "-" : d.stripTrailingZeros().toPlainString();
    }
}
