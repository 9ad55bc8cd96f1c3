package io.tradingsdk.benchmarks.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsdk.alpaca.AlpacaMarketDataSource;
import io.tradingsdk.alpaca.AlpacaStreamOptions;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.signal.SignalOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Bar on the market-data stream to order on the wire, over loopback, all in one JVM: the local
 * Alpaca publishes a one-minute BTC/USD bar on its crypto websocket, {@link AlpacaMarketDataSource}
 * (subscribed for the engine) delivers it to the started engine, a strategy that buys on every bar
 * ({@link EveryBarBuys}) signals, the engine sizes, checks, journals and hands the order to
 * {@code AlpacaExecutor}, which POSTs it to the sandbox.
 *
 * <p><b>What one sample is</b>: from the moment the sandbox's replay thread takes the bar that makes
 * it publish the previous one ({@link LoopbackAlpaca#takenAt}: the replay then stores, serializes and
 * sends that step's frame, so this is the start of the send, a few microseconds early) to the
 * {@code created_at} the sandbox's broker stamps on the order when it handles the POST (after Jetty
 * read the request and the broker parsed and checked the body, before the answer is written). Both
 * instants come from the system clock of this JVM, on the sandbox's threads; the order's time is
 * read back over REST after the run, outside the measured path. Not a timed method call: the
 * sandbox itself records both ends, and no hook was added to it.
 *
 * <p>Next to it, {@code barToAck}: from the same start to the engine's listener seeing the order's
 * acknowledgement (the POST's answer back through the executor and the engine's loop).
 *
 * <p>Between samples the harness waits {@value #PAUSE_MILLIS} ms (the sandbox's {@code new} event
 * and the fill at the next bar settle), so samples do not queue behind each other. Orders fill
 * at the next bar: the account buys 0.001 BTC a bar, far within its cash and the risk limits.
 *
 * <p>Arguments: {@code samples warmup resultFile [rawFile]}. Writes one line of {@code key=value}
 * figures (microseconds) to {@code resultFile}, read by {@code Summary}, and every sample to
 * {@code rawFile}.
 */
public final class BarToOrderLatency {
    static final long PAUSE_MILLIS = 10;

    private BarToOrderLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: BarToOrderLatency <samples> <warmup> <result-file> [raw-file]");
        }
        int samples = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        if (samples < 1 || warmup < 0) {
            throw new IllegalArgumentException("samples must be at least 1 and warmup at least 0, were " + samples + " and " + warmup);
        }
        Result r = run(samples, warmup);
        String line = r.line();
        System.out.println(line);
        Files.writeString(Path.of(args[2]), line + "\n");
        if (args.length > 3) {
            Files.write(Path.of(args[3]), r.raw());
        }
        System.exit(0); // the adapter's and Jetty's daemon threads need not hold the JVM
    }

    static Result run(int samples, int warmup) throws Exception {
        AlpacaMarketDataSource source = null;
        AutoCloseable subscription = null;
        try (LoopbackAlpaca live = new LoopbackAlpaca(b -> b.strategy("every-bar", Set.of(LoopbackAlpaca.SYMBOL),
                new EveryBarBuys(LoopbackAlpaca.QUANTITY)))) {
            // The subscription starts with the bar that is published first: the one the sandbox took at start.
            Bar first = live.lastPushed();
            source = AlpacaMarketDataSource.open(live.alpaca, Timeframe.MINUTE_1, AlpacaStreamOptions.builder()
                    .streamBaseUrl(live.sandbox.dataBaseUrl().toString()) // http on loopback; the adapter makes it ws
                    .clock(Clock.fixed(first.start(), ZoneOffset.UTC))
                    .build());
            subscription = source.subscribe(Set.of(LoopbackAlpaca.SYMBOL), Timeframe.MINUTE_1, live.engine);

            List<String> orders = new ArrayList<>();
            List<Instant> sent = new ArrayList<>();
            long[] barToAck = new long[samples];
            Bar published = first;
            for (int i = 0; i < warmup + samples; i++) {
                Bar next = live.nextBar();
                live.bars.push(next);  // the replay takes it and publishes 'published'
                SignalOutcome outcome = live.acks.outcome(EveryBarBuys.signalId(published)).get(10, TimeUnit.SECONDS);
                if (!(outcome instanceof SignalOutcome.Submitted s)) {
                    throw new IllegalStateException("the strategy's signal on bar " + published.start() + " was not submitted: "
                            + outcome);
                }
                String id = s.order().clientOrderId();
                live.acks.ack(id).get(10, TimeUnit.SECONDS);
                Instant acked = Instant.now();
                Instant start = live.takenAt(next.start());
                if (i >= warmup) {
                    orders.add(id);
                    sent.add(start);
                    barToAck[i - warmup] = micros(start, acked);
                }
                published = next;
                Thread.sleep(PAUSE_MILLIS);
            }

            long[] barToOrder = new long[samples];
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < samples; i++) {
                barToOrder[i] = micros(sent.get(i), createdAt(http, live, orders.get(i)));
            }
            return new Result(barToOrder, barToAck, warmup);
        } finally {
            if (subscription != null) {
                subscription.close();
            }
            if (source != null) {
                source.close();
            }
        }
    }

    /** The order's {@code created_at} as the sandbox recorded it. */
    private static Instant createdAt(HttpClient http, LoopbackAlpaca live, String clientOrderId)
            throws IOException, InterruptedException {
        URI uri = URI.create(live.sandbox.tradingBaseUrl() + "/v2/orders:by_client_order_id?client_order_id="
                + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(live.authorized(HttpRequest.newBuilder(uri)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the sandbox has no order " + clientOrderId + ": HTTP " + answer.statusCode());
        }
        JsonNode order = new ObjectMapper().readTree(answer.body());
        return Instant.parse(order.path("created_at").asText());
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1_000;
    }

    /** The samples in microseconds, with nearest-rank percentiles. */
    record Result(long[] barToOrder, long[] barToAck, int warmup) {
        String line() {
            long[] o = barToOrder.clone();
            long[] a = barToAck.clone();
            Arrays.sort(o);
            Arrays.sort(a);
            return String.format(Locale.ROOT, "samples=%d warmup=%d pauseMs=%d p50us=%d p99us=%d p999us=%d maxus=%d"
                            + " ackP50us=%d ackP99us=%d ackP999us=%d load=%s",
                    o.length, warmup, PAUSE_MILLIS, percentile(o, 50), percentile(o, 99), percentile(o, 99.9), o[o.length - 1],
                    percentile(a, 50), percentile(a, 99), percentile(a, 99.9), loadAverage());
        }

        List<String> raw() {
            List<String> lines = new ArrayList<>();
            lines.add("barToOrderUs,barToAckUs");
            for (int i = 0; i < barToOrder.length; i++) {
                lines.add(barToOrder[i] + "," + barToAck[i]);
            }
            return lines;
        }
    }

    /** Nearest rank: the smallest sample with at least p % of the samples at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
