package io.tradingsdk.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.provider.ParameterSchema;
import io.tradingsdk.api.provider.ParameterSpec;
import io.tradingsdk.core.recovery.RecoveryPolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code engine} section: the engine settings that belong to no provider. The host (or
 * {@code Backtest}, or a trading node) passes them to {@code TradingEngine.Builder#timeInForce},
 * {@code #tradingZone}, {@code #signalTimeTolerance} and {@code #recoveryPolicy}.
 *
 * <pre>
 * engine:
 *   timeInForce: day               # day | gtc | opg | cls | ioc | fok; default day
 *   tradingZone: America/New_York  # time zone id; default America/New_York (UTC for crypto)
 *   signalTimeTolerance: 1h        # a signal stamped further from the engine's clock is INVALID_SIGNAL
 *   recovery:                      # what recovery does with what it cannot simply adopt
 *     neverSent: cancel            # cancel | resend
 *     resendWithin: 5m
 *     notFoundMinAge: 5s
 *     notFoundLookups: 2
 *     executionsLookback: 10m
 * </pre>
 *
 * A missing key (or {@code null} here) takes its default. Immutable. In YAML a value that is not
 * allowed is a {@link ConfigException} naming the key (e.g. {@code engine.recovery.neverSent}) and
 * the rejected value; nothing is built then.
 *
 * @param timeInForce         time in force of every order the engine sends
 * @param tradingZone         the time zone whose midnight starts a new trading day: the daily loss
 *                            baseline is reset and the day rolls over then
 * @param signalTimeTolerance how far a signal's time may be from the engine's clock, either way
 * @param recovery            how recovery treats never-sent intents and how far back it reads executions
 */
public record EngineConfig(TimeInForce timeInForce, ZoneId tradingZone, Duration signalTimeTolerance,
                           RecoveryPolicy recovery) {
    public static final TimeInForce DEFAULT_TIME_IN_FORCE = TimeInForce.DAY;
    /** US equities: the trading day starts at midnight New York time. */
    public static final ZoneId DEFAULT_TRADING_ZONE = ZoneId.of("America/New_York");
    /** The YAML spellings of {@link TimeInForce}, in declaration order: day, gtc, opg, cls, ioc, fok. */
    public static final List<String> TIME_IN_FORCE_NAMES = timeInForceNames();
    /** A signal stamped more than this away from the engine's clock is refused. */
    public static final Duration DEFAULT_SIGNAL_TIME_TOLERANCE = Duration.ofHours(1);
    /** The key of the recovery subsection. */
    public static final String RECOVERY = "recovery";

    private static final ParameterSchema SCHEMA = ParameterSchema.of(
            ParameterSpec.duration("signalTimeTolerance", DEFAULT_SIGNAL_TIME_TOLERANCE, Duration.ofMillis(1), Duration.ofDays(36_525),
                    "how far a signal's time may be from the engine's clock, either way; further is INVALID_SIGNAL"
                            + " (a stale or future-dated signal is not traded)").asStatic());

    public EngineConfig {
        timeInForce = timeInForce == null ? DEFAULT_TIME_IN_FORCE : timeInForce;
        tradingZone = tradingZone == null ? DEFAULT_TRADING_ZONE : tradingZone;
        signalTimeTolerance = signalTimeTolerance == null ? DEFAULT_SIGNAL_TIME_TOLERANCE : signalTimeTolerance;
        recovery = recovery == null ? RecoveryPolicy.defaults() : recovery;
    }

    /** The time in force and trading zone given, the rest at its default. */
    public EngineConfig(TimeInForce timeInForce, ZoneId tradingZone) {
        this(timeInForce, tradingZone, null, null);
    }

    /** All defaults: {@code day} orders, trading day in America/New_York, 1 h signal tolerance, default recovery. */
    public static EngineConfig defaults() {
        return new EngineConfig(null, null, null, null);
    }

    /** The section's scalar settings beside timeInForce and tradingZone (names, defaults, ranges). */
    public static ParameterSchema parameterSchema() {
        return SCHEMA;
    }

    /** The YAML spelling of a time in force: its name in lower case, e.g. {@code gtc}. */
    public static String yamlName(TimeInForce timeInForce) {
        return timeInForce.name().toLowerCase(Locale.ROOT);
    }

    // timeInForce and tradingZone are converted by YamlConfigReader's deserializers, which name the key
    // and value on error; the durations and the recovery map go through their schemas (Object, so
    // that a bare number gets the schema's "a duration such as 30s" message).
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    private static EngineConfig fromYaml(@JsonProperty("timeInForce") TimeInForce timeInForce,
                                         @JsonProperty("tradingZone") ZoneId tradingZone,
                                         @JsonProperty("signalTimeTolerance") Object signalTimeTolerance,
                                         @JsonProperty(RECOVERY) Map<String, Object> recovery) {
        Map<String, Object> raw = new HashMap<>();
        if (signalTimeTolerance != null) {
            raw.put("signalTimeTolerance", signalTimeTolerance);
        }
        Duration tolerance = SchemaSections.read(SCHEMA, raw, "", p -> p.getDuration("signalTimeTolerance"));
        RecoveryPolicy policy = recovery == null ? null
                : SchemaSections.read(RecoveryPolicy.parameterSchema(), recovery, RECOVERY + ".", RecoveryPolicy::fromParameters);
        return new EngineConfig(timeInForce, tradingZone, tolerance, policy);
    }

    private static List<String> timeInForceNames() {
        List<String> names = new ArrayList<>();
        for (TimeInForce t : TimeInForce.values()) {
            names.add(yamlName(t));
        }
        return Collections.unmodifiableList(names);
    }
}
