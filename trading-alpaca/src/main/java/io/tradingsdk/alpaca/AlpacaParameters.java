package io.tradingsdk.alpaca;

import io.tradingsdk.api.provider.InvalidParameterException;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.api.provider.Parameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The provider parameters shared by the Alpaca providers, and their translation to {@link AlpacaConfig}. */
final class AlpacaParameters {
    static final String KEY_ID = "keyId";
    static final String SECRET_KEY = "secretKey";
    static final String MODE = "mode";
    static final String TRADING_BASE_URL = "tradingBaseUrl";
    static final String DATA_BASE_URL = "dataBaseUrl";
    static final String REQUESTS_PER_MINUTE = "requestsPerMinute";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String READ_TIMEOUT = "readTimeout";
    static final String GET_MAX_ATTEMPTS = "getMaxAttempts";
    static final String RETRY_INITIAL_DELAY = "retryInitialDelay";
    static final String RETRY_MAX_DELAY = "retryMaxDelay";
    static final String CIRCUIT_FAILURE_RATE = "circuitFailureRatePercent";
    static final String CIRCUIT_WINDOW = "circuitWindowSize";
    static final String CIRCUIT_MIN_CALLS = "circuitMinimumCalls";
    static final String CIRCUIT_OPEN = "circuitOpenDuration";
    static final String UNKNOWN_INITIAL_DELAY = "unknownResolveInitialDelay";
    static final String UNKNOWN_MAX_DELAY = "unknownResolveMaxDelay";
    static final String UNKNOWN_LOOKUPS = "unknownNotFoundLookups";
    static final String UNKNOWN_MIN_AGE = "unknownNotFoundMinAge";
    static final String STREAM = "stream";
    static final String STREAM_RECONNECT_MAX = "streamReconnectMaxDelay";
    static final String STALE_ORDER_AGE = "staleOrderAge";
    static final String FEED = "feed";
    static final String ADJUSTMENT = "adjustment";
    static final String TIMEFRAME = "timeframe";
    static final String PAGE_LIMIT = "pageLimit";
    static final String STREAM_FEED = "streamFeed";
    static final String STREAM_BASE_URL = "streamBaseUrl";
    static final String SILENCE_TIMEOUT = "silenceTimeout";
    static final String BACKFILL = "backfill";

    private AlpacaParameters() {
    }

    /** Credentials, environment, limits and timeouts: what every Alpaca provider takes. */
    static List<ParameterSpec> connectionSpecs() {
        List<ParameterSpec> s = new ArrayList<>();
        s.add(ParameterSpec.secret(KEY_ID, "Alpaca API key id, as an environment reference such as ${APCA_API_KEY_ID}"));
        s.add(ParameterSpec.secret(SECRET_KEY, "Alpaca API secret key, as an environment reference such as"
                + " ${APCA_API_SECRET_KEY}"));
        s.add(ParameterSpec.string(MODE, "paper", Set.of("paper", "live"), "paper (default) or live; live trades real"
                + " money and must be named explicitly").asStatic());
        s.add(ParameterSpec.string(TRADING_BASE_URL, "", Set.of(), "trading API base URL; empty for the mode's"
                + " (https://paper-api.alpaca.markets or https://api.alpaca.markets)").asStatic());
        s.add(ParameterSpec.string(DATA_BASE_URL, AlpacaConfig.DEFAULT_DATA_BASE_URL, Set.of(), "market data API base URL")
                .asStatic());
        s.add(ParameterSpec.integer(REQUESTS_PER_MINUTE, 200L, 1, 10_000, "client-side request limit per minute and host"
                + " (Alpaca allows about 200 per account)").asStatic());
        s.add(ParameterSpec.duration(CONNECT_TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMinutes(1),
                "connect timeout of each HTTP attempt").asStatic());
        s.add(ParameterSpec.duration(READ_TIMEOUT, Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofMinutes(2),
                "read timeout of each HTTP attempt; an order POST that times out is UNKNOWN until looked up").asStatic());
        s.add(ParameterSpec.integer(GET_MAX_ATTEMPTS, 4L, 1, 10, "attempts of an idempotent GET (I/O error, 408, 429,"
                + " 5xx); order writes are sent once").asStatic());
        s.add(ParameterSpec.duration(RETRY_INITIAL_DELAY, Duration.ofMillis(250), Duration.ofMillis(1), Duration.ofMinutes(1),
                "first GET retry delay (exponential, jittered)").asStatic());
        s.add(ParameterSpec.duration(RETRY_MAX_DELAY, Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMinutes(5),
                "longest GET retry delay").asStatic());
        return s;
    }

    /** Circuit breaker and order outcome settings: the executor's own. */
    static List<ParameterSpec> executorSpecs() {
        List<ParameterSpec> s = connectionSpecs();
        s.add(ParameterSpec.number(CIRCUIT_FAILURE_RATE, 50.0, 1, 100, "failure rate (percent) of recent calls that opens"
                + " an endpoint group's circuit").asStatic());
        s.add(ParameterSpec.integer(CIRCUIT_WINDOW, 20L, 1, 1000, "calls in the circuit breaker's window").asStatic());
        s.add(ParameterSpec.integer(CIRCUIT_MIN_CALLS, 10L, 1, 1000, "calls before the failure rate counts").asStatic());
        s.add(ParameterSpec.duration(CIRCUIT_OPEN, Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofMinutes(30),
                "how long an open circuit refuses calls before trying again").asStatic());
        s.add(ParameterSpec.duration(UNKNOWN_INITIAL_DELAY, Duration.ofMillis(500), Duration.ofMillis(1),
                Duration.ofMinutes(1), "first lookup of an order whose send had an ambiguous outcome").asStatic());
        s.add(ParameterSpec.duration(UNKNOWN_MAX_DELAY, Duration.ofSeconds(15), Duration.ofMillis(1), Duration.ofMinutes(10),
                "longest pause between lookups of an ambiguous order").asStatic());
        s.add(ParameterSpec.integer(UNKNOWN_LOOKUPS, 3L, 1, 100, "404 lookups before an ambiguous order counts as never"
                + " received").asStatic());
        s.add(ParameterSpec.duration(UNKNOWN_MIN_AGE, Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(30),
                "an ambiguous order counts as never received only this long after its send").asStatic());
        s.add(ParameterSpec.bool(STREAM, true, "listen to the trade_updates websocket (otherwise REST polling only)")
                .asStatic());
        s.add(ParameterSpec.duration(STREAM_RECONNECT_MAX, Duration.ofSeconds(30), Duration.ofMillis(10),
                Duration.ofMinutes(10), "longest pause between stream reconnects (jittered exponential backoff)").asStatic());
        s.add(ParameterSpec.duration(STALE_ORDER_AGE, Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofHours(1),
                "open orders without events this long are looked up over REST").asStatic());
        return s;
    }

    /** Bar settings: the market data source's own. */
    static List<ParameterSpec> marketDataSpecs() {
        List<ParameterSpec> s = connectionSpecs();
        s.add(ParameterSpec.string(FEED, "iex", AlpacaConfig.FEEDS, "stock bar feed (sent lower case)").asStatic());
        s.add(ParameterSpec.string(ADJUSTMENT, "raw", AlpacaConfig.ADJUSTMENTS, "corporate action adjustment of stock bars")
                .asStatic());
        s.add(ParameterSpec.string(TIMEFRAME, "1Day", Set.of(), "bar timeframe when a query names none, e.g. 1Min, 5Min,"
                + " 1Hour, 1Day").asStatic());
        s.add(ParameterSpec.integer(PAGE_LIMIT, 10_000L, 1, 10_000, "bars per page of the bars endpoint").asStatic());
        s.add(ParameterSpec.string(STREAM_FEED, "iex", AlpacaStreamOptions.STOCK_FEEDS, "stock feed of live bars: the"
                + " stream v2/<feed>").asStatic());
        s.add(ParameterSpec.string(STREAM_BASE_URL, AlpacaStreamOptions.DEFAULT_STREAM_BASE_URL, Set.of(),
                "market data stream host").asStatic());
        s.add(ParameterSpec.duration(SILENCE_TIMEOUT, Duration.ofMinutes(3), Duration.ofSeconds(1), Duration.ofHours(1),
                "a live stream silent this long is treated as dropped").asStatic());
        s.add(ParameterSpec.bool(BACKFILL, true, "fetch the minute bars missed while the live stream was down over REST")
                .asStatic());
        return s;
    }

    /** Live stream settings of the market data provider; refusals name the parameter. */
    static AlpacaStreamOptions streamOptions(Parameters p) {
        AlpacaStreamOptions.Builder b = AlpacaStreamOptions.builder();
        try {
            b.stockFeed(p.getString(STREAM_FEED));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(STREAM_FEED, p.getString(STREAM_FEED), e.getMessage());
        }
        try {
            b.streamBaseUrl(p.getString(STREAM_BASE_URL));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(STREAM_BASE_URL, p.getString(STREAM_BASE_URL), e.getMessage());
        }
        return b.silenceTimeout(p.getDuration(SILENCE_TIMEOUT)).backfill(p.getBoolean(BACKFILL)).build();
    }

    /** Builds the configuration; refusals become {@link InvalidParameterException}s naming the parameter. */
    static AlpacaConfig config(Parameters p) {
        try {
            AlpacaConfig.Builder b = AlpacaConfig.builder(p.getSecret(KEY_ID), p.getSecret(SECRET_KEY))
                    .mode(AlpacaMode.parse(p.getString(MODE)))
                    .tradingBaseUrl(p.getString(TRADING_BASE_URL))
                    .dataBaseUrl(p.getString(DATA_BASE_URL))
                    .rateLimit(p.getInt(REQUESTS_PER_MINUTE), Duration.ofMinutes(1))
                    .timeouts(p.getDuration(CONNECT_TIMEOUT), p.getDuration(READ_TIMEOUT), p.getDuration(READ_TIMEOUT))
                    .getRetries(p.getInt(GET_MAX_ATTEMPTS), p.getDuration(RETRY_INITIAL_DELAY), p.getDuration(RETRY_MAX_DELAY));
            if (p.schema().spec(CIRCUIT_FAILURE_RATE) != null) {
                b.circuitBreaker((float) p.getDouble(CIRCUIT_FAILURE_RATE), p.getInt(CIRCUIT_WINDOW),
                                p.getInt(CIRCUIT_MIN_CALLS), p.getDuration(CIRCUIT_OPEN))
                        .unknownResolution(p.getDuration(UNKNOWN_INITIAL_DELAY), p.getDuration(UNKNOWN_MAX_DELAY),
                                p.getInt(UNKNOWN_LOOKUPS), p.getDuration(UNKNOWN_MIN_AGE))
                        .streamEnabled(p.getBoolean(STREAM))
                        .staleOrderCheck(half(p.getDuration(STALE_ORDER_AGE)), p.getDuration(STALE_ORDER_AGE));
                Duration max = p.getDuration(STREAM_RECONNECT_MAX);
                Duration min = max.compareTo(Duration.ofMillis(500)) < 0 ? max : Duration.ofMillis(500);
                b.stream(min, max, Duration.ofSeconds(15), Duration.ofSeconds(10));
            }
            if (p.schema().spec(FEED) != null) {
                b.feed(p.getString(FEED)).adjustment(p.getString(ADJUSTMENT)).barPageLimit(p.getInt(PAGE_LIMIT));
            }
            return b.build();
        } catch (InvalidParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "invalid Alpaca configuration" : e.getMessage();
            String param = msg.split("[ :]", 2)[0];
            if (p.schema().spec(param) == null) {
                param = MODE;
            }
            Object value = p.schema().spec(param).type() == io.tradingsdk.api.provider.ParameterType.SECRET ? "****"
                    : p.asMap().get(param);
            throw new InvalidParameterException(param, value, msg);
        }
    }

    private static Duration half(Duration d) {
        Duration h = d.dividedBy(2);
        return h.isZero() ? d : h;
    }
}
