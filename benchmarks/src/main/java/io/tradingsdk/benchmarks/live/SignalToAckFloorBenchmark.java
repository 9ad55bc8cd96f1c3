package io.tradingsdk.benchmarks.live;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.sandbox.PushedBars;
import io.tradingsdk.sandbox.SandboxConfig;
import io.tradingsdk.sandbox.SandboxServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@link SignalToAckBenchmark}: the same order POSTed to the same local Alpaca
 * (same JVM, same settings) by a bare OkHttp client, the HTTP client the adapter runs on
 * (HTTP/1.1, one kept-alive connection, a synchronous call on the benchmark thread), until its 200
 * answer is read: no engine, journal, risk check, adapter or thread hand-off. What signal-to-ack
 * takes beyond this is the SDK's share. (The JDK's {@code java.net.http.HttpClient} was slower than
 * the whole SDK path here, about 2 ms at p50 on the loaded machine, so it is no floor.)
 *
 * <p>Not measured (invocation setup): a DELETE of the previous order, so working orders never
 * accumulate in the sandbox.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class SignalToAckFloorBenchmark {
    private static final String KEY = "PKBENCH";
    private static final String SECRET = "bench-secret";

    private SandboxServer sandbox;
    private static final MediaType JSON = MediaType.get("application/json");

    private OkHttpClient http;
    private long sequence;
    private String previousOrderId;
    private Request next;

    @Setup(Level.Trial)
    public void start() {
        PushedBars bars = new PushedBars();
        double p = LoopbackAlpaca.PRICE.doubleValue();
        bars.push(new Bar(LoopbackAlpaca.SYMBOL, Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)),
                Timeframe.MINUTE_1, p, p, p, p, 1e6));
        sandbox = SandboxServer.start(SandboxConfig.builder(bars, new BarQuery(Set.of(LoopbackAlpaca.SYMBOL), null, null, null))
                .barInterval(Duration.ofMillis(1)).initialCash(LoopbackAlpaca.CASH).credentials(KEY, SECRET).build());
        LoopbackAlpaca.await("the sandbox takes its first bar", () -> sandbox.barsReplayed() >= 1);
        http = new OkHttpClient();
    }

    @Setup(Level.Invocation)
    public void nextOrder() throws Exception {
        if (previousOrderId != null) {
            try (Response answer = http.newCall(request("/v2/orders/" + previousOrderId).delete().build()).execute()) {
                if (answer.code() != 204) {
                    throw new IllegalStateException("cancel of " + previousOrderId + " answered " + answer.code());
                }
            }
            previousOrderId = null;
        }
        String body = "{\"symbol\":\"" + LoopbackAlpaca.SYMBOL + "\",\"qty\":\"" + LoopbackAlpaca.QUANTITY.toPlainString()
                + "\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"gtc\",\"client_order_id\":\"post-"
                + sequence++ + "\"}";
        next = request("/v2/orders").post(RequestBody.create(body, JSON)).build();
    }

    @Benchmark
    public String postToAnswer() throws IOException {
        String b;
        try (Response answer = http.newCall(next).execute()) {
            b = answer.body().string();
            if (answer.code() != 200) {
                throw new IllegalStateException("the sandbox refused the order: " + answer.code() + " " + b);
            }
        }
        int at = b.indexOf("\"id\":\"") + 6;
        previousOrderId = b.substring(at, b.indexOf('"', at));
        return previousOrderId;
    }

    private Request.Builder request(String path) {
        return new Request.Builder().url(sandbox.tradingBaseUrl() + path)
                .header("APCA-API-KEY-ID", KEY).header("APCA-API-SECRET-KEY", SECRET);
    }

    @TearDown(Level.Trial)
    public void stop() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        sandbox.close();
    }
}
