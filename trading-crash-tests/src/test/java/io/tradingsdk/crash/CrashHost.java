package io.tradingsdk.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.alpaca.AlpacaExecutor;
import io.tradingsdk.alpaca.CrashAlpacaServer;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.api.signal.SignalOutcome;
import io.tradingsdk.api.time.TradingClock;
import io.tradingsdk.core.engine.EngineListener;
import io.tradingsdk.core.engine.TradingEngine;
import io.tradingsdk.core.ledger.PortfolioSnapshot;
import io.tradingsdk.core.risk.RuleBasedRiskManager;
import io.tradingsdk.core.sizing.KellySizer;
import io.tradingsdk.postgres.PostgresJournalConfig;
import io.tradingsdk.postgres.PostgresTradeJournal;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host process of the crash test: the real engine with the Alpaca executor and the PostgreSQL
 * journal, sending a numbered sequence of signals ({@code crash:s-0}, {@code crash:s-1}, ...) over
 * three symbols and appending each outcome to a progress file, so that a restart after
 * {@code kill -9} resumes where the last one stopped.
 *
 * <p>Two behaviours:
 * <ul>
 *   <li>{@code engine}: what a host of this SDK does. After a restart it executes the signal it did
 *       not see an outcome for again, with the same signal id, and leaves the rest to the engine.</li>
 *   <li>{@code naive}: a host that does not trust the engine's recovery. After a restart it sends
 *       every signal whose order it did not see filled again, under a new signal id. The control of
 *       the crash test: it must make the checks fail.</li>
 * </ul>
 *
 * <p>With {@code --final} it also, after sending, waits for the file {@code finish} beside the
 * progress file, lets the engine's open orders finish (bounded), flushes the journal and writes the
 * engine's ledger to {@code ledger.json}, then exits 0.
 *
 * <p>Usage: {@code CrashHost <engine|naive> <alpaca-base-url> <jdbc-url> <schema> <work-dir> <signals> [--final]}.
 */
public final class CrashHost {
    static final String STRATEGY = "crash";
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "SPY");
    private static final Pattern SIGNAL = Pattern.compile("s-(\\d+)(-r\\d+)?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PACE = Duration.ofMillis(100);

    private final String mode;
    private final Path dir;
    private final Path progress;
    private final int signals;

    private CrashHost(String mode, Path dir, int signals) {
        this.mode = mode;
        this.dir = dir;
        this.progress = dir.resolve("progress.log");
        this.signals = signals;
    }

    /** The signal with number {@code n}: mostly buys of 1 to 5 shares, every fifth a sale of 1 or 2. */
    static Signal signal(int n, String id) {
        String symbol = SYMBOLS.get(n % SYMBOLS.size());
        boolean sell = n % 5 == 4;
        BigDecimal qty = BigDecimal.valueOf(sell ? 1 + n % 2 : 1 + (n * 7) % 5);
        return new Signal(id, STRATEGY, symbol, sell ? SignalAction.SELL : SignalAction.BUY, 0.6, 0.04, -0.02,
                CrashAlpacaServer.OPENING.get(symbol), qty, Instant.now());
    }

    /** The signal number of a client order id {@code crash:s-<n>} or {@code crash:s-<n>-r<k>}, or -1. */
    static int signalNumber(String clientOrderId) {
        if (!clientOrderId.startsWith(STRATEGY + ":")) {
            return -1;
        }
        Matcher m = SIGNAL.matcher(clientOrderId.substring(STRATEGY.length() + 1));
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: CrashHost <engine|naive> <alpaca-base-url> <jdbc-url> <schema> <work-dir> <signals> [--final]");
            System.exit(2);
        }
        boolean last = args.length > 6 && args[6].equals("--final");
        CrashHost host = new CrashHost(args[0], Paths.get(args[4]), Integer.parseInt(args[5]));
        host.run(args[1], args[2], args[3], last);
        System.exit(0);
    }

    private void run(String baseUrl, String jdbcUrl, String schema, boolean last) throws Exception {
        Progress before = Progress.read(progress);
        append("start " + ProcessHandle.current().pid());
        PostgresTradeJournal journal = openJournal(jdbcUrl, schema, dir.resolve("spill"));
        AlpacaExecutor executor = AlpacaExecutor.open(CrashAlpacaServer.hostConfig(baseUrl).build());
        executor.awaitStreamListening(Duration.ofSeconds(10));
        TradingClock clock = new TradingClock() { // wall time; the local market never closes
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public boolean isMarketOpen(String symbol) {
                return true;
            }
        };
        Set<String> filled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        TradingEngine engine = TradingEngine.builder(STRATEGY)
                .clock(clock)
                .sizer(new KellySizer())
                .riskManager(new RuleBasedRiskManager(List.of()))
                .executor(executor)
                .journal(journal)
                .tradableSymbols(new HashSet<>(SYMBOLS))
                .listener(new EngineListener() {
                    @Override
                    public void onOrderEvent(OrderEvent event) {
                        if (event.type() == OrderEventType.FILL && filled.add(event.clientOrderId())) {
                            appendQuietly("filled " + event.clientOrderId());
                        }
                    }
                }, Runnable::run)
                .build();
        engine.start();
        long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!engine.isReady()) {
            if (System.nanoTime() > readyBy) {
                throw new IllegalStateException("the engine did not become ready within 60 s");
            }
            Thread.sleep(10);
        }
        append("ready " + System.currentTimeMillis());
        if (mode.equals("naive")) {
            // Not trusting recovery: whatever was sent and not seen filled is sent again, as a new signal.
            for (Map.Entry<Integer, String> e : before.latestOrder.entrySet()) {
                if (!before.filled.contains(e.getValue())) {
                    int n = e.getKey();
                    execute(engine, signal(n, "s-" + n + "-r" + before.starts));
                }
            }
        } else if (before.next < signals && before.sent.contains(before.next)) {
            // Sent before the kill, outcome unknown: the same signal again; the engine must not send a second order.
            execute(engine, signal(before.next, "s-" + before.next));
        }
        for (int n = before.nextUnsent(); n < signals; n++) {
            execute(engine, signal(n, "s-" + n));
            Thread.sleep(PACE.toMillis());
        }
        append("all-sent");
        if (!last) {
            Thread.sleep(Long.MAX_VALUE); // until killed
        }
        Path finish = dir.resolve("finish");
        long finishBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(finish) && System.nanoTime() < finishBy) {
            Thread.sleep(20);
        }
        // The server has no open order any more: let the engine hear the last events (bounded).
        long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        PortfolioSnapshot snapshot = engine.portfolio().get(10, TimeUnit.SECONDS);
        while (!snapshot.openOrders().isEmpty() && System.nanoTime() < settleBy) {
            Thread.sleep(50);
            snapshot = engine.portfolio().get(10, TimeUnit.SECONDS);
        }
        journal.flush().get(30, TimeUnit.SECONDS);
        writeLedger(snapshot);
        append("final");
        engine.close();
        executor.close();
        journal.close();
    }

    private void execute(TradingEngine engine, Signal s) throws Exception {
        String cid = STRATEGY + ":" + s.id();
        append("sent " + signalNumber(cid) + " " + cid);
        SignalOutcome outcome = engine.execute(s).get(60, TimeUnit.SECONDS);
        if (outcome instanceof SignalOutcome.Denied d) {
            append("outcome " + signalNumber(cid) + " " + cid + " denied " + d.reason() + " " + d.message().replace('\n', ' '));
        } else {
            append("outcome " + signalNumber(cid) + " " + cid + " submitted");
        }
    }

    private static PostgresTradeJournal openJournal(String jdbcUrl, String schema, Path spill) throws InterruptedException {
        PostgresJournalConfig config = PostgresJournalConfig.builder()
                .jdbcUrl(jdbcUrl)
                .user("postgres")
                .schema(schema)
                .spillDirectory(spill) // what a killed host had not written yet is lost with it; a clean close leaves it here
                .connectTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .intentTimeout(Duration.ofSeconds(5))
                .retryBackoffMax(Duration.ofMillis(200))
                .closeTimeout(Duration.ofSeconds(10))
                .build();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return PostgresTradeJournal.open(config);
            } catch (RuntimeException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                System.err.println("journal not open yet (" + e.getMessage() + "); retrying");
                Thread.sleep(250);
            }
        }
    }

    private void writeLedger(PortfolioSnapshot s) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put("cash", s.cash().toPlainString());
        ObjectNode positions = out.putObject("positions");
        new TreeMap<>(s.heldPositions()).forEach((symbol, p) -> positions.put(symbol, p.quantity().toPlainString()));
        ObjectNode open = out.putObject("openOrders");
        s.openOrders().forEach((symbol, q) -> open.put(symbol, q.toPlainString()));
        out.put("tradingState", s.tradingState().name());
        Path tmp = dir.resolve("ledger.json.tmp");
        Files.writeString(tmp, out.toPrettyString(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("ledger.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private synchronized void append(String line) throws IOException {
        Files.writeString(progress, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void appendQuietly(String line) {
        try {
            append(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What earlier runs of the host wrote to the progress file. */
    static final class Progress {
        int starts;
        /** The lowest signal number without an outcome (signals are sent in order). */
        int next;
        final Set<Integer> sent = new HashSet<>();
        final Set<Integer> done = new HashSet<>();
        /** The last client order id sent for each signal number. */
        final Map<Integer, String> latestOrder = new TreeMap<>();
        final Set<String> filled = new HashSet<>();

        static Progress read(Path file) throws IOException {
            Progress p = new Progress();
            if (!Files.exists(file)) {
                return p;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "start" -> p.starts++;
                    case "sent" -> {
                        if (f.length >= 3) { // a line cut by the kill is ignored
                            p.sent.add(Integer.parseInt(f[1]));
                            p.latestOrder.put(Integer.parseInt(f[1]), f[2]);
                        }
                    }
                    case "outcome" -> {
                        if (f.length >= 4) {
                            p.done.add(Integer.parseInt(f[1]));
                        }
                    }
                    case "filled" -> {
                        if (f.length >= 2) {
                            p.filled.add(f[1]);
                        }
                    }
                    default -> {
                    }
                }
            }
            while (p.done.contains(p.next)) {
                p.next++;
            }
            return p;
        }

        /** The first signal number never sent. */
        int nextUnsent() {
            int n = next;
            while (sent.contains(n)) {
                n++;
            }
            return n;
        }
    }
}
