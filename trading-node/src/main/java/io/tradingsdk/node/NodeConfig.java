package io.tradingsdk.node;

import io.tradingsdk.core.config.ConfigException;
import io.tradingsdk.node.internal.NodeFileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a {@link TradingNode} runs: the node file. The trading configuration (account, data,
 * strategies, sizer, risk, execution, journal) stays in its own file, which the node watches for
 * runtime changes; the node file names it.
 *
 * <pre>
 * trading: trading.yaml          # the trading configuration, relative to this file; required in a file
 * confirmLive: false             # must be true, together with account.mode: live, to trade real money
 * onStop: cancel                 # cancel | leave: the node's open orders when it stops
 * timerInterval: 1m              # optional: strategies' onTimer every interval; default none
 * warmUpLookback: 30d            # optional: how far back warm-up history is read; default from the bars needed
 * startTimeout: 60s              # recovery and warm-up must finish within it, or start fails; default 60s
 * stopTimeout: 10s               # how long a stop waits for cancels to be confirmed; default 10s
 * endOfDayReconcile: 5m          # reconcile broker, journal and ledger this long after each close; "off" for never
 * watchConfig: true              # apply runtime changes of the trading file (strategy parameters, risk limits)
 * shutdownHook: true             # stop cleanly when the JVM is asked to exit (SIGTERM, Ctrl-C)
 * </pre>
 * Durations: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT1M}).
 *
 * <p>Immutable; the constructor throws {@link ConfigException} naming the key and the rejected value.
 *
 * @param tradingFile           the trading configuration file, or {@code null} when the host builds the node from a
 *                              {@link io.tradingsdk.core.config.TradingConfig} in code (then nothing is watched)
 * @param timerInterval         {@code null} for no timer; otherwise at least 100 ms
 * @param warmUpLookback        {@code null} to derive it from the bars the strategies need and the timeframe
 * @param endOfDayReconcileDelay {@code null} for no end-of-day reconciliation
 */
public record NodeConfig(Path tradingFile, boolean confirmLive, OpenOrdersOnStop onStop, Duration timerInterval,
                         Duration warmUpLookback, Duration startTimeout, Duration stopTimeout,
                         Duration endOfDayReconcileDelay, boolean watchConfig, boolean shutdownHook) {
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_END_OF_DAY_DELAY = Duration.ofMinutes(5);
    public static final OpenOrdersOnStop DEFAULT_ON_STOP = OpenOrdersOnStop.CANCEL;
    static final Set<String> KEYS = Set.of("trading", "confirmLive", "onStop", "timerInterval", "warmUpLookback",
            "startTimeout", "stopTimeout", "endOfDayReconcile", "watchConfig", "shutdownHook");

    public NodeConfig {
        onStop = onStop == null ? DEFAULT_ON_STOP : onStop;
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        stopTimeout = stopTimeout == null ? DEFAULT_STOP_TIMEOUT : stopTimeout;
        if (timerInterval != null && timerInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw ConfigException.invalid("timerInterval", timerInterval, "must be at least 100ms");
        }
        if (timerInterval != null && timerInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw ConfigException.invalid("timerInterval", timerInterval, "must be at most 1d");
        }
        if (warmUpLookback != null && (warmUpLookback.isNegative() || warmUpLookback.isZero()
                || warmUpLookback.compareTo(Duration.ofDays(3660)) > 0)) {
            throw ConfigException.invalid("warmUpLookback", warmUpLookback, "must be more than 0 and at most 3660d");
        }
        positive("startTimeout", startTimeout, Duration.ofHours(1));
        positive("stopTimeout", stopTimeout, Duration.ofHours(1));
        if (endOfDayReconcileDelay != null && (endOfDayReconcileDelay.isNegative()
                || endOfDayReconcileDelay.compareTo(Duration.ofHours(12)) > 0)) {
            throw ConfigException.invalid("endOfDayReconcile", endOfDayReconcileDelay, "must be between 0 and 12h after the close");
        }
    }

    private static void positive(String key, Duration d, Duration max) {
        if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
            throw ConfigException.invalid(key, d, "must be more than 0 and at most " + max);
        }
    }

    /** Paper unless confirmed, cancel on stop, no timer, derived warm-up, 60s/10s timeouts, reconcile 5m after close, watch, hook. */
    public static NodeConfig defaults() {
        return new NodeConfig(null, false, null, null, null, null, null, DEFAULT_END_OF_DAY_DELAY, true, true);
    }

    /** A copy that confirms live trading (it still needs {@code account.mode: live} and a live executor). */
    public NodeConfig withConfirmLive(boolean confirm) {
        return new NodeConfig(tradingFile, confirm, onStop, timerInterval, warmUpLookback, startTimeout, stopTimeout,
                endOfDayReconcileDelay, watchConfig, shutdownHook);
    }

    public NodeConfig withOnStop(OpenOrdersOnStop value) {
        return new NodeConfig(tradingFile, confirmLive, value, timerInterval, warmUpLookback, startTimeout, stopTimeout,
                endOfDayReconcileDelay, watchConfig, shutdownHook);
    }

    public NodeConfig withTimerInterval(Duration value) {
        return new NodeConfig(tradingFile, confirmLive, onStop, value, warmUpLookback, startTimeout, stopTimeout,
                endOfDayReconcileDelay, watchConfig, shutdownHook);
    }

    public NodeConfig withShutdownHook(boolean value) {
        return new NodeConfig(tradingFile, confirmLive, onStop, timerInterval, warmUpLookback, startTimeout, stopTimeout,
                endOfDayReconcileDelay, watchConfig, value);
    }

    public NodeConfig withTradingFile(Path value) {
        return new NodeConfig(value, confirmLive, onStop, timerInterval, warmUpLookback, startTimeout, stopTimeout,
                endOfDayReconcileDelay, watchConfig, shutdownHook);
    }

    /**
     * Reads a node file (UTF-8). {@code trading} is required and resolved against the file's folder.
     *
     * @throws ConfigException naming the file, the key and the rejected value
     */
    public static NodeConfig load(Path file) {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > NodeFileReader.MAX_CHARS * 4L) {
                throw new ConfigException(source, "", null, "the node file is larger than "
                        + NodeFileReader.MAX_CHARS * 4 + " bytes", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "", null, "node file not found", e);
        } catch (IOException e) {
            throw new ConfigException(source, "", null, "cannot read the node file: " + e, e);
        }
        Path base = file.toAbsolutePath().getParent();
        NodeConfig c = parse(source, text, base);
        if (c.tradingFile() == null) {
            throw new ConfigException(source, "trading", null, "required: the trading configuration file", null);
        }
        return c;
    }

    /**
     * Parses node file text; {@code trading} is resolved against {@code baseDir} (or taken as is when
     * {@code null}) and may be absent.
     *
     * @throws ConfigException naming the source, the key and the rejected value
     */
    public static NodeConfig parse(String source, String yaml, Path baseDir) {
        Map<String, Object> m = NodeFileReader.read(source, yaml, KEYS);
        try {
            String trading = NodeFileReader.text(source, m, "trading");
            Path tradingFile = trading == null ? null : baseDir == null ? Path.of(trading) : baseDir.resolve(trading);
            String onStop = NodeFileReader.text(source, m, "onStop");
            OpenOrdersOnStop stop = null;
            if (onStop != null) {
                try {
                    stop = OpenOrdersOnStop.valueOf(onStop.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(source, "onStop", io.tradingsdk.node.internal.Text.shorten(onStop),
                            "must be cancel or leave", null);
                }
            }
            Duration eod = DEFAULT_END_OF_DAY_DELAY;
            Object eodValue = m.get("endOfDayReconcile");
            if ("off".equals(eodValue) || Boolean.FALSE.equals(eodValue)) {
                eod = null;
            } else if (eodValue != null) {
                eod = NodeFileReader.duration(source, m, "endOfDayReconcile");
            }
            return new NodeConfig(tradingFile, NodeFileReader.bool(source, m, "confirmLive", false), stop,
                    NodeFileReader.duration(source, m, "timerInterval"),
                    NodeFileReader.duration(source, m, "warmUpLookback"),
                    NodeFileReader.duration(source, m, "startTimeout"),
                    NodeFileReader.duration(source, m, "stopTimeout"), eod,
                    NodeFileReader.bool(source, m, "watchConfig", true),
                    NodeFileReader.bool(source, m, "shutdownHook", true));
        } catch (ConfigException e) {
            throw e.within(source, "");
        }
    }
}
