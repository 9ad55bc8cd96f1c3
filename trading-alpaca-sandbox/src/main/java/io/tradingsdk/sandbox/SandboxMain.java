package io.tradingsdk.sandbox;

import io.tradingsdk.api.market.BarQuery;
import io.tradingsdk.api.market.MarketDataSource;
import io.tradingsdk.api.market.MarketDataSourceProvider;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.ParameterType;
import io.tradingsdk.api.provider.Parameters;
import io.tradingsdk.api.provider.ProviderContext;
import io.tradingsdk.api.time.TradingClock;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Runs the sandbox standalone until interrupted, printing its URLs. The bars come from a
 * {@link MarketDataSourceProvider} found through ServiceLoader by name (by default {@code csv} with
 * the AAPL 2013 and Bitstamp BTC/USD files of ta4j-examples, which must then be on the class path).
 *
 * <pre>
 * --port N              port on 127.0.0.1 (default 0: a free one)
 * --bar-interval D      wall time per replayed step, e.g. 100ms, 2s or PT0.5S (default 100ms)
 * --cash AMOUNT         starting cash (default 100000)
 * --provider NAME       market data provider (default csv)
 * --param KEY=VALUE     a provider parameter; repeat a key for a list
 * --symbols A,B         symbols to replay (default: all the source knows)
 * --from T, --to T      replay window, RFC-3339 instants or dates (UTC)
 * --volume-share S      at most this share of a bar's volume fills (default: no limit)
 * </pre>
 *
 * <p>Keys: set APCA_SANDBOX_KEY_ID and APCA_SANDBOX_SECRET_KEY to accept only that pair; otherwise
 * any non-empty keys are accepted. Exit code 2 for bad arguments.
 */
public final class SandboxMain {
    private static final List<String> DEFAULT_SERIES = List.of(
            "AAPL=classpath:appleinc_bars_from_20130101_usd.csv@1Day",
            "BTC/USD=trades:classpath:bitstamp_trades_from_20131125_usd.csv@5Min");

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxConfig config;
        try {
            config = parse(args, System::getenv);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        SandboxServer server = SandboxServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "alpaca-sandbox-shutdown"));
        System.out.println("Alpaca sandbox running: " + config);
        System.out.println("  trading REST   " + server.tradingBaseUrl());
        System.out.println("  trade stream   " + server.tradeStreamUrl());
        System.out.println("  data REST      " + server.dataBaseUrl());
        System.out.println("  stock stream   " + server.stockDataStreamUrl("iex") + " (also /v2/sip, /v2/delayed_sip)");
        System.out.println("  crypto stream  " + server.cryptoDataStreamUrl());
        System.out.println("Ctrl-C stops it.");
        stopped.await();
    }

    /** Builds the configuration from the arguments; {@link IllegalArgumentException} names what is wrong. */
    static SandboxConfig parse(String[] args, Function<String, String> environment) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!Set.of("--port", "--bar-interval", "--cash", "--provider", "--param", "--symbols", "--from", "--to",
                    "--volume-share").contains(name)) {
                throw new IllegalArgumentException("unknown option " + shorten(name));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            if (name.equals("--param")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--param must be KEY=VALUE, was " + shorten(value));
                }
                params.computeIfAbsent(value.substring(0, eq), k -> new ArrayList<>()).add(value.substring(eq + 1));
            } else {
                options.put(name, value);
            }
        }
        String providerName = options.getOrDefault("--provider", "csv");
        if (!options.containsKey("--provider") && params.isEmpty()) {
            params.put("series", DEFAULT_SERIES);
        }
        MarketDataSource source = createSource(providerName, params, environment);
        Set<String> symbols = options.containsKey("--symbols")
                ? new LinkedHashSet<>(List.of(options.get("--symbols").split(","))) : source.knownSymbols();
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("--symbols is required: provider " + providerName + " does not list its symbols");
        }
        BarQuery query = new BarQuery(symbols, null, instant(options, "--from"), instant(options, "--to"));
        SandboxConfig.Builder b = SandboxConfig.builder(source, query);
        if (options.containsKey("--port")) {
            b.port(integer(options.get("--port"), "--port"));
        }
        if (options.containsKey("--bar-interval")) {
            b.barInterval(duration(options.get("--bar-interval")));
        }
        if (options.containsKey("--cash")) {
            b.initialCash(decimal(options.get("--cash"), "--cash"));
        }
        if (options.containsKey("--volume-share")) {
            b.volumeShare(decimal(options.get("--volume-share"), "--volume-share"));
        }
        String keyId = environment.apply("APCA_SANDBOX_KEY_ID");
        String secret = environment.apply("APCA_SANDBOX_SECRET_KEY");
        if (keyId != null || secret != null) {
            b.credentials(keyId, secret);
        }
        return b.build();
    }

    private static MarketDataSource createSource(String name, Map<String, List<String>> params,
                                                 Function<String, String> environment) {
        List<String> known = new ArrayList<>();
        for (MarketDataSourceProvider p : ServiceLoader.load(MarketDataSourceProvider.class)) {
            known.add(p.name());
            if (!p.name().equals(name)) {
                continue;
            }
            Map<String, Object> raw = new LinkedHashMap<>();
            params.forEach((key, values) -> {
                ParameterSpec spec = p.parameterSchema().spec(key);
                raw.put(key, spec != null && spec.type() == ParameterType.STRING_LIST ? values
                        : values.size() == 1 ? values.get(0) : values);
            });
            Parameters parameters = p.parameterSchema().validate(raw, environment);
            return p.create(parameters, context(environment));
        }
        throw new IllegalArgumentException("no market data provider named " + shorten(name) + " on the class path; found "
                + known);
    }

    private static ProviderContext context(Function<String, String> environment) {
        TradingClock clock = new TradingClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public boolean isMarketOpen(String symbol) {
                return true;
            }
        };
        return new ProviderContext() {
            @Override
            public String accountId() {
                return "sandbox";
            }

            @Override
            public TradingClock clock() {
                return clock;
            }

            @Override
            public Function<String, String> environment() {
                return environment;
            }
        };
    }

    private static Instant instant(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an RFC-3339 instant or a date, was " + shorten(v));
        }
    }

    static Duration duration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt")) {
                return Duration.parse(v);
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(new BigDecimal(s.substring(0, s.length() - 1)).movePointRight(3).longValueExact());
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException("--bar-interval must be like 100ms, 2s or PT0.5S, was " + shorten(v));
    }

    private static int integer(String v, String name) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was " + shorten(v));
        }
    }

    private static BigDecimal decimal(String v, String name) {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a decimal number, was " + shorten(v));
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    private static void usage(PrintStream out) {
        out.println("usage: SandboxMain [--port N] [--bar-interval 100ms] [--cash 100000] [--provider csv]"
                + " [--param KEY=VALUE]... [--symbols A,B] [--from T] [--to T] [--volume-share S]");
    }
}
