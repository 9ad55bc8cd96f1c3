package io.tradingsdk.livedemo;

import io.tradingsdk.alpaca.AlpacaStreamOptions;
import io.tradingsdk.sandbox.SandboxServer;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a demo node trades: Alpaca's paper account, or a local sandbox. The keys are read through
 * {@code environment} under {@link #KEY_ID} and {@link #SECRET_KEY}, never printed.
 *
 * @param name           for people: "Alpaca paper" or "sandbox at http://127.0.0.1:PORT"
 * @param tradingBaseUrl the Trading API; empty for Alpaca's paper endpoint
 * @param dataBaseUrl    the Market Data API
 * @param streamBaseUrl  the market data streams' host as an http(s) URL (the adapter speaks ws(s) to it)
 * @param environment    where the trading configuration's {@code ${...}} references are read
 * @param clock          the market's clock (the replay clock for a sandbox)
 */
public record Venue(String name, String tradingBaseUrl, String dataBaseUrl, String streamBaseUrl,
                    Function<String, String> environment, Clock clock) {
    public static final String KEY_ID = "APCA_API_KEY_ID";
    public static final String SECRET_KEY = "APCA_API_SECRET_KEY";
    /** Alpaca's Market Data API. */
    public static final String ALPACA_DATA = "https://data.alpaca.markets";

    public Venue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tradingBaseUrl, "tradingBaseUrl");
        Objects.requireNonNull(dataBaseUrl, "dataBaseUrl");
        Objects.requireNonNull(streamBaseUrl, "streamBaseUrl");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(clock, "clock");
    }

    /** Whether both keys are set (non-blank) in {@code environment}. */
    public static boolean hasKeys(Function<String, String> environment) {
        return notBlank(environment.apply(KEY_ID)) && notBlank(environment.apply(SECRET_KEY));
    }

    /** Alpaca's paper endpoints with the keys of {@code environment}, on the wall clock. */
    public static Venue alpacaPaper(Function<String, String> environment) {
        return new Venue("Alpaca paper account", "", ALPACA_DATA, AlpacaStreamOptions.DEFAULT_STREAM_BASE_URL,
                environment, Clock.systemUTC());
    }

    /** A running sandbox with the key pair it accepts, on its replay clock. */
    public static Venue sandbox(SandboxServer sandbox, String keyId, String secretKey) {
        Map<String, String> keys = Map.of(KEY_ID, keyId, SECRET_KEY, secretKey);
        return new Venue("sandbox at " + sandbox.tradingBaseUrl(), sandbox.tradingBaseUrl().toString(),
                sandbox.dataBaseUrl().toString(), sandbox.dataBaseUrl().toString(), keys::get,
                new ReplayClock(sandbox::marketTime));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "Venue[" + name + "]";
    }
}
