package io.tradingsdk.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tradingsdk.api.order.TimeInForce;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The {@code engine} section: the engine settings that belong to no provider. The host (or
 * {@code Backtest}) passes them to {@code TradingEngine.Builder#timeInForce} and
 * {@code TradingEngine.Builder#tradingZone}.
 *
 * <pre>
 * engine:
 *   timeInForce: day               # day | gtc | opg | cls | ioc | fok; default day
 *   tradingZone: America/New_York  # time zone id; default America/New_York (UTC for crypto)
 * </pre>
 *
 * A missing key (or {@code null} here) takes its default. Immutable. In YAML a value that is not one
 * of the allowed time-in-force names or not a known time zone is a {@link ConfigException} naming
 * {@code engine.timeInForce} or {@code engine.tradingZone} and the rejected value.
 *
 * @param timeInForce time in force of every order the engine sends
 * @param tradingZone the time zone whose midnight starts a new trading day: the daily loss baseline
 *                    is reset and the day rolls over then
 */
public record EngineConfig(TimeInForce timeInForce, ZoneId tradingZone) {
    public static final TimeInForce DEFAULT_TIME_IN_FORCE = TimeInForce.DAY;
    /** US equities: the trading day starts at midnight New York time. */
    public static final ZoneId DEFAULT_TRADING_ZONE = ZoneId.of("America/New_York");
    /** The YAML spellings of {@link TimeInForce}, in declaration order: day, gtc, opg, cls, ioc, fok. */
    public static final List<String> TIME_IN_FORCE_NAMES = timeInForceNames();

    public EngineConfig {
        timeInForce = timeInForce == null ? DEFAULT_TIME_IN_FORCE : timeInForce;
        tradingZone = tradingZone == null ? DEFAULT_TRADING_ZONE : tradingZone;
    }

    /** All defaults: {@code day} orders, trading day in America/New_York. */
    public static EngineConfig defaults() {
        return new EngineConfig(null, null);
    }

    /** The YAML spelling of a time in force: its name in lower case, e.g. {@code gtc}. */
    public static String yamlName(TimeInForce timeInForce) {
        return timeInForce.name().toLowerCase(Locale.ROOT);
    }

    // The values are converted by YamlConfigReader's deserializers, which name the key and value on error.
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    private static EngineConfig fromYaml(@JsonProperty("timeInForce") TimeInForce timeInForce,
                                         @JsonProperty("tradingZone") ZoneId tradingZone) {
        return new EngineConfig(timeInForce, tradingZone);
    }

    private static List<String> timeInForceNames() {
        List<String> names = new ArrayList<>();
        for (TimeInForce t : TimeInForce.values()) {
            names.add(yamlName(t));
        }
        return Collections.unmodifiableList(names);
    }
}
