package io.tradingsdk.core.config;

import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.core.config.internal.YamlConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole trading configuration, as loaded from YAML and validated: typed, immutable, with every
 * default filled in. Providers are named, never classes; their free-form {@code parameters} are
 * checked against the providers' schemas later, by {@link ConfigResolver}, which also creates the
 * components.
 *
 * <pre>
 * account:        # AccountConfig; optional
 * data:           # DataConfig; optional: without it the host supplies the market data source
 * strategies: []  # list of StrategyConfig; default []
 * sizer:          # ComponentConfig; default provider fixed-fractional
 * risk:           # RiskConfig; default: the built-in rules, no background risk analyzer
 * execution:      # ComponentConfig; default provider paper
 * journal:        # ComponentConfig; default provider memory
 * engine:         # EngineConfig; optional
 * </pre>
 * See {@link ConfigReference} for every key, its type, default and range.
 *
 * <p><b>Strictness.</b> Unknown keys at any level, wrong types (no silent coercion: {@code "10"}
 * quoted is text, not a number; a list is not a map), values out of range, duplicate keys in a map,
 * duplicate strategy ids and a second YAML document are all errors. Numbers with a fraction are read
 * as exact decimals. Every error is a {@link ConfigException} naming the source, the key path, the
 * rejected value (masked when secret) and the line.
 *
 * <p><b>Secrets</b> are written as {@code ${ENV_VAR}} references in provider parameters and resolved
 * by {@link ConfigResolver}; this object holds only the references. {@link #toString()} additionally
 * masks values under secret-looking keys ({@code apiKey}, {@code password}, {@code token}...).
 *
 * <p><b>Limits</b>, checked before anything is parsed, so that a wrong file costs milliseconds: a file
 * of at most {@link #MAX_DOCUMENT_BYTES} bytes (its size is read first), a text of at most
 * {@link #MAX_DOCUMENT_CHARS} characters, lines of at most {@link #MAX_LINE_CHARS} characters, keys
 * and values of at most {@link #MAX_SCALAR_CHARS} characters each, nesting at most 50 deep. YAML anchors ({@code &name}) and aliases ({@code *name})
 * are refused with the line and the alias named. Messages show at most 120 characters of a rejected
 * value, followed by its length.
 *
 * <p><b>Threads.</b> Loading happens on the caller's thread (it reads the file); the result is
 * immutable and may be shared.
 *
 * @param sourceName the file or source name used in messages
 * @param data       {@code null} when the document has no {@code data} section
 */
public record TradingConfig(String sourceName, AccountConfig account, DataConfig data, List<StrategyConfig> strategies,
                            ComponentConfig sizer, RiskConfig risk, ComponentConfig execution, ComponentConfig journal,
                            EngineConfig engine) {
    public static final String DEFAULT_SOURCE_NAME = "configuration";
    public static final String DEFAULT_SIZER = "fixed-fractional";
    public static final String DEFAULT_EXECUTION = "paper";
    public static final String DEFAULT_JOURNAL = "memory";
    /** The largest configuration file {@link #load} reads: 1 MiB. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    /** The longest configuration text {@link #parse} accepts: 1 Mi characters. */
    public static final int MAX_DOCUMENT_CHARS = 1 << 20;
    /** The longest key or value (YAML scalar) in a configuration: 16384 characters. */
    public static final int MAX_SCALAR_CHARS = 16_384;
    /** The longest line in a configuration: 32768 characters (a key, its value and indentation). */
    public static final int MAX_LINE_CHARS = 32_768;

    /**
     * Fills defaults for {@code null} sections and checks what spans entries (unique strategy ids).
     * The constructor throws {@link ConfigException} naming the key, e.g. {@code strategies[2].id}.
     */
    public TradingConfig {
        sourceName = sourceName == null || sourceName.isBlank() ? DEFAULT_SOURCE_NAME : sourceName;
        account = account == null ? AccountConfig.defaults() : account;
        strategies = strategies == null ? List.of() : strategies;
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < strategies.size(); i++) {
            StrategyConfig s = strategies.get(i);
            if (s == null) {
                throw new ConfigException(sourceName, "strategies[" + i + "]", null, "list entry has no value", null);
            }
            Integer before = ids.putIfAbsent(s.id(), i);
            if (before != null) {
                throw new ConfigException(sourceName, "strategies[" + i + "].id", s.id(),
                        "duplicate strategy id (also used by strategies[" + before + "]); ids must be unique", null);
            }
        }
        strategies = List.copyOf(strategies);
        sizer = sizer == null ? ComponentConfig.of(DEFAULT_SIZER) : sizer;
        risk = risk == null ? RiskConfig.defaults() : risk;
        execution = execution == null ? ComponentConfig.of(DEFAULT_EXECUTION) : execution;
        journal = journal == null ? ComponentConfig.of(DEFAULT_JOURNAL) : journal;
        engine = engine == null ? EngineConfig.defaults() : engine;
    }

    /**
     * Reads and validates a YAML file (UTF-8). The file name is the source name in messages. A file
     * larger than {@link #MAX_DOCUMENT_BYTES} is refused by its size, without being read.
     *
     * @throws ConfigException when the file cannot be read, is too large, is not UTF-8 or the
     *                         configuration is invalid
     */
    public static TradingConfig load(Path file) {
        String source = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_DOCUMENT_BYTES) {
                throw YamlConfigReader.tooLarge(source, size + " bytes");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1); // the size may have changed, or not be known (a pipe)
            }
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw YamlConfigReader.tooLarge(source, "more than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "", null, "configuration file not found", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, "", null, "the configuration file is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(source, "", null, "cannot read the configuration file: " + e, e);
        }
        return parse(source, text);
    }

    /**
     * Parses and validates YAML text.
     *
     * @param sourceName the name used in messages (a file name, a resource, "inline")
     * @throws ConfigException when the configuration is invalid
     */
    public static TradingConfig parse(String sourceName, String yaml) {
        return YamlConfigReader.read(sourceName == null ? DEFAULT_SOURCE_NAME : sourceName, yaml);
    }

    /**
     * Parses and validates YAML from a reader; the reader is not closed. At most
     * {@link #MAX_DOCUMENT_CHARS} + 1 characters are read from it.
     *
     * @throws ConfigException when the configuration is invalid or cannot be read
     */
    public static TradingConfig parse(String sourceName, Reader yaml) {
        return YamlConfigReader.read(sourceName == null ? DEFAULT_SOURCE_NAME : sourceName, yaml);
    }

    /** All defaults and no strategies. */
    public static TradingConfig defaults() {
        return new TradingConfig(null, null, null, null, null, null, null, null, null);
    }

    /** The strategy with this id, if configured. */
    public Optional<StrategyConfig> strategy(String id) {
        return strategies.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The {@code data} section, if present. */
    public Optional<DataConfig> dataConfig() {
        return Optional.ofNullable(data);
    }

    /** Every section; secrets masked as each section's {@code toString} does, and in the source name. */
    @Override
    public String toString() {
        return "TradingConfig[sourceName=" + SafeText.redact(sourceName) + ", account=" + account + ", data=" + data
                + ", strategies=" + strategies + ", sizer=" + sizer + ", risk=" + risk + ", execution=" + execution
                + ", journal=" + journal + ", engine=" + engine + "]";
    }
}
