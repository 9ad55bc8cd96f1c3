package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.order.TimeInForce;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user relies on when writing a configuration file: a valid file loads with exact values and
 * defaults filled in; any mistake (unknown key, wrong type, value out of range, duplicate) is refused
 * with a message naming the file, the key path and the rejected value.
 */
class ConfigLoadTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigLoadTest.class.getResource("/config/" + name).toURI());
    }

    private static ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> TradingConfig.parse("trading.yaml", yaml));
    }

    private static final String STRATEGY = "strategies:\n  - id: sma-aapl\n    provider: moving-average-crossover\n    symbols: [AAPL]\n";

    @Test
    void aFullFileLoadsWithExactValues() throws Exception {
        TradingConfig c = TradingConfig.load(resource("full.yaml"));

        assertThat(c.sourceName()).endsWith("full.yaml");
        assertThat(c.account()).isEqualTo(new AccountConfig("paper-1", new BigDecimal("100000.50"), AccountMode.PAPER));
        // Money stays exact: the decimal as written, not a binary double.
        assertThat(c.account().initialCash().toPlainString()).isEqualTo("100000.50");
        DataConfig d = c.data();
        assertThat(d.provider()).isEqualTo("csv");
        assertThat(d.parameters()).containsEntry("resource", "appleinc_bars_from_20130101_usd.csv");
        assertThat(d.symbols()).containsExactly("AAPL");
        assertThat(d.timeframe()).isEqualTo(Timeframe.DAY_1);
        assertThat(d.from()).isEqualTo(Instant.parse("2013-01-01T00:00:00Z"));
        assertThat(d.to()).isEqualTo(Instant.parse("2014-01-01T00:00:00Z"));

        assertThat(c.strategies()).hasSize(2);
        StrategyConfig sma = c.strategies().get(0);
        assertThat(sma.id()).isEqualTo("sma-aapl");
        assertThat(sma.provider()).isEqualTo("moving-average-crossover");
        assertThat(sma.parameters()).containsEntry("fastPeriod", 10).containsEntry("slowPeriod", 30);
        StrategyConfig rsi = c.strategy("rsi-aapl").orElseThrow();
        assertThat(rsi.enabled()).isFalse();
        assertThat(rsi.parameters().get("oversold")).isEqualTo(new BigDecimal("30.5"));

        assertThat(c.sizer()).isEqualTo(new ComponentConfig("kelly", Map.of("maxFraction", new BigDecimal("0.25"))));
        assertThat(c.risk().useDefaults()).isTrue();
        assertThat(c.risk().rules()).containsExactly(
                new RiskRuleConfig("max-order-notional", true, Map.of("maxNotional", 50000)),
                new RiskRuleConfig("market-hours", false, Map.of()));
        assertThat(c.execution()).isEqualTo(ComponentConfig.of("paper"));
        assertThat(c.journal()).isEqualTo(ComponentConfig.of("memory"));
        assertThat(c.engine()).isEqualTo(new EngineConfig(TimeInForce.GTC, ZoneId.of("America/Chicago")));
    }

    @Test
    void omittedKeysAndSectionsTakeTheirDocumentedDefaults() throws Exception {
        TradingConfig c = TradingConfig.load(resource("minimal.yaml"));

        assertThat(c.account()).isEqualTo(new AccountConfig("default", new BigDecimal("100000"), AccountMode.BACKTEST));
        assertThat(c.data()).isNull();
        assertThat(c.dataConfig()).isEmpty();
        StrategyConfig s = c.strategies().get(0);
        assertThat(s.enabled()).isTrue();
        assertThat(s.parameters()).isEmpty();
        assertThat(c.sizer()).isEqualTo(ComponentConfig.of("fixed-fractional"));
        assertThat(c.risk()).isEqualTo(new RiskConfig(true, List.of()));
        assertThat(c.risk().effectiveRules()).extracting(RiskRuleConfig::provider).containsExactlyElementsOf(RiskConfig.DEFAULT_RULES);
        assertThat(c.execution()).isEqualTo(ComponentConfig.of("paper"));
        assertThat(c.journal()).isEqualTo(ComponentConfig.of("memory"));
        assertThat(c.engine()).isEqualTo(new EngineConfig(TimeInForce.DAY, ZoneId.of("America/New_York")))
                .isEqualTo(EngineConfig.defaults());
        assertThat(TradingConfig.parse("inline", STRATEGY)).isEqualTo(
                new TradingConfig("inline", null, null, List.of(c.strategies().get(0)), null, null, null, null, null));
    }

    @Test
    void liveModeIsNeverADefaultButCanBeWrittenOut() {
        assertThat(TradingConfig.parse("t", STRATEGY).account().mode()).isEqualTo(AccountMode.BACKTEST);
        assertThat(TradingConfig.parse("t", "account: {mode: live}\n" + STRATEGY).account().mode()).isEqualTo(AccountMode.LIVE);
    }

    static Stream<Arguments> engineSettings() {
        return Stream.of(
                Arguments.of("timeInForce: day", TimeInForce.DAY, EngineConfig.DEFAULT_TRADING_ZONE),
                Arguments.of("timeInForce: gtc", TimeInForce.GTC, EngineConfig.DEFAULT_TRADING_ZONE),
                Arguments.of("timeInForce: opg", TimeInForce.OPG, EngineConfig.DEFAULT_TRADING_ZONE),
                Arguments.of("timeInForce: cls", TimeInForce.CLS, EngineConfig.DEFAULT_TRADING_ZONE),
                Arguments.of("timeInForce: ioc", TimeInForce.IOC, EngineConfig.DEFAULT_TRADING_ZONE),
                Arguments.of("timeInForce: fok", TimeInForce.FOK, EngineConfig.DEFAULT_TRADING_ZONE),
                Arguments.of("tradingZone: UTC", TimeInForce.DAY, ZoneId.of("UTC")),
                Arguments.of("tradingZone: Europe/London", TimeInForce.DAY, ZoneId.of("Europe/London")),
                Arguments.of("tradingZone: '+01:00'", TimeInForce.DAY, ZoneOffset.ofHours(1)),
                Arguments.of("timeInForce: ioc, tradingZone: Asia/Tokyo", TimeInForce.IOC, ZoneId.of("Asia/Tokyo")),
                Arguments.of("timeInForce: ~, tradingZone: ~", TimeInForce.DAY, EngineConfig.DEFAULT_TRADING_ZONE),
                Arguments.of("", TimeInForce.DAY, EngineConfig.DEFAULT_TRADING_ZONE));
    }

    @ParameterizedTest(name = "[{index}] engine: '{'{0}'}'")
    @MethodSource("engineSettings")
    void engineSettingsMapToTheEnginesTypesAndOmittedOnesTakeDefaults(String keys, TimeInForce tif, ZoneId zone) {
        TradingConfig c = TradingConfig.parse("t", STRATEGY + "engine: {" + keys + "}\n");

        assertThat(c.engine().timeInForce()).isEqualTo(tif);
        assertThat(c.engine().tradingZone()).isEqualTo(zone);
    }

    @Test
    void engineSettingsBuiltInCodeTakeDefaultsForNull() {
        assertThat(new EngineConfig(null, null)).isEqualTo(EngineConfig.defaults());
        assertThat(new EngineConfig(TimeInForce.GTC, null).tradingZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(new EngineConfig(null, ZoneOffset.UTC).timeInForce()).isEqualTo(TimeInForce.DAY);
        assertThat(EngineConfig.TIME_IN_FORCE_NAMES).containsExactly("day", "gtc", "opg", "cls", "ioc", "fok");
    }

    @Test
    void aWrongEngineValueIsReportedWithItsLine() {
        ConfigException e = error(STRATEGY + "engine:\n  timeInForce: day\n  tradingZone: Wall/Street\n");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.getMessage()).startsWith("trading.yaml: engine.tradingZone: unknown time zone")
                .contains("rejected value: 'Wall/Street'");
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                // unknown keys, at the top and nested, with a suggestion
                Arguments.of("strateges: []\n", "strateges", null, "unknown key 'strateges'", "did you mean 'strategies'?"),
                Arguments.of(STRATEGY + "    paramters: {fastPeriod: 5}\n", "strategies[0].paramters", null,
                        "unknown key 'paramters'; known keys here: [enabled, id, parameters, provider, symbols]",
                        "did you mean 'parameters'?"),
                Arguments.of("account: {id: a, cash: 5}\n", "account.cash", null, "unknown key 'cash'", "initialCash"),
                Arguments.of("risk:\n  rules:\n    - provider: market-hours\n      enable: false\n", "risk.rules[0].enable",
                        null, "unknown key 'enable'", "did you mean 'enabled'?"),
                // wrong types: no silent coercion
                Arguments.of("account: {initialCash: abc}\n", "account.initialCash", "abc",
                        "expected a decimal number, got text", "rejected value: 'abc'"),
                Arguments.of("account: {initialCash: '100000'}\n", "account.initialCash", "100000",
                        "quoted values are text; remove the quotes", "'100000'"),
                Arguments.of("account: {id: 123}\n", "account.id", 123, "expected text, got a whole number",
                        "put it in quotes"),
                Arguments.of(STRATEGY + "    parameters: [1, 2]\n", "strategies[0].parameters", null,
                        "expected a map of key: value, got a list", "(line 5"),
                Arguments.of("strategies:\n  - {id: a, provider: rsi, symbols: AAPL}\n", "strategies[0].symbols", "AAPL",
                        "expected a list", "got text"),
                Arguments.of(STRATEGY + "    enabled: 'true'\n", "strategies[0].enabled", "true", "expected true or false",
                        "remove the quotes"),
                Arguments.of("engine: {timeInForce: 1}\n", "engine.timeInForce", new BigDecimal("1"),
                        "expected one of [day, gtc, opg, cls, ioc, fok], got a whole number", "rejected value: 1"),
                Arguments.of("engine: {timeInForce: [day]}\n", "engine.timeInForce", null,
                        "expected one of [day, gtc, opg, cls, ioc, fok], got a list", "(line 1"),
                Arguments.of("engine: {tradingZone: 5}\n", "engine.tradingZone", new BigDecimal("5"),
                        "expected a time zone such as America/New_York, Europe/London or UTC, got a whole number",
                        "rejected value: 5"),
                Arguments.of("engine: {tradingZone: {id: UTC}}\n", "engine.tradingZone", null,
                        "expected a time zone such as America/New_York, Europe/London or UTC, got a map", "(line 1"),
                Arguments.of("account: {mode: LIVE}\n", "account.mode", "LIVE", "one of [backtest, paper, live]",
                        "did you mean 'live'?"),
                Arguments.of("account: {mode: 2}\n", "account.mode", null, "one of [backtest, paper, live]", "account.mode"),
                Arguments.of("account: []\n", "account", null, "expected a map of key: value, got a list", "account"),
                Arguments.of("sizer: kelly\n", "sizer", "kelly", "expected a map of key: value, got text", "sizer"),
                // values out of range
                Arguments.of("account: {initialCash: -5}\n", "account.initialCash", new BigDecimal("-5"),
                        "must be greater than 0", "rejected value: -5"),
                Arguments.of("account: {initialCash: 1e20}\n", "account.initialCash", new BigDecimal("1E+20"),
                        "must be at most 1000000000000000", "account.initialCash"),
                Arguments.of("account: {id: 'has space'}\n", "account.id", "has space", "must be 1 to 64", "'has space'"),
                Arguments.of("engine: {timeInForce: weekly}\n", "engine.timeInForce", "weekly",
                        "must be one of [day, gtc, opg, cls, ioc, fok]", "rejected value: 'weekly'"),
                Arguments.of("engine: {timeInForce: GTC}\n", "engine.timeInForce", "GTC",
                        "must be one of [day, gtc, opg, cls, ioc, fok]", "did you mean 'gtc'?"),
                Arguments.of("engine: {timeInForce: ''}\n", "engine.timeInForce", "",
                        "must be one of [day, gtc, opg, cls, ioc, fok]", "rejected value: ''"),
                Arguments.of("engine: {tradingZone: Mars/Olympus_Mons}\n", "engine.tradingZone", "Mars/Olympus_Mons",
                        "unknown time zone; expected a tz database id such as America/New_York", "'Mars/Olympus_Mons'"),
                Arguments.of("engine: {tradingZone: America/New York}\n", "engine.tradingZone", "America/New York",
                        "unknown time zone", "did you mean 'America/New_York'?"),
                Arguments.of("engine: {tradingZone: '+25:00'}\n", "engine.tradingZone", "+25:00",
                        "unknown time zone", "engine.tradingZone"),
                Arguments.of("engine: {signalTimeTolerance: 0s}\n", "engine.signalTimeTolerance", "0s",
                        "must be in [1ms,", "was 0s"),
                Arguments.of("engine: {recovery: {neverSent: resnd}}\n", "engine.recovery.neverSent", "resnd",
                        "must be one of", "did you mean 'resend'?"),
                Arguments.of("engine: {recovery: {notFoundLookups: 0}}\n", "engine.recovery.notFoundLookups", 0L,
                        "must be in [1, 20]", "was 0"),
                Arguments.of("engine: {recovery: {resendWithin: 5}}\n", "engine.recovery.resendWithin", 5L,
                        "duration", "engine.recovery.resendWithin"),
                Arguments.of("engine: {recovery: {resendAfter: 5m}}\n", "engine.recovery.resendAfter", "5m",
                        "unknown parameter 'resendAfter'", "resendWithin"),
                // a key that was removed is refused, listing the keys that exist now
                Arguments.of("engine: {quantityScale: 0}\n", "engine.quantityScale", null,
                        "unknown key 'quantityScale'; known keys here: [recovery, signalTimeTolerance, timeInForce, tradingZone]", "(line 1"),
                Arguments.of("strategies:\n  - {id: SMA_AAPL, provider: rsi, symbols: [AAPL]}\n", "strategies[0].id",
                        "SMA_AAPL", "lower-case", "'SMA_AAPL'"),
                Arguments.of("strategies:\n  - {id: a, provider: Moving Average, symbols: [AAPL]}\n",
                        "strategies[0].provider", "Moving Average", "lower-case words separated by dashes", "provider"),
                Arguments.of("strategies:\n  - {id: a, provider: rsi, symbols: []}\n", "strategies[0].symbols", "[]",
                        "needs at least one symbol", "symbols"),
                Arguments.of("strategies:\n  - {id: a, provider: rsi}\n", "strategies[0].symbols", null,
                        "needs at least one symbol", "symbols"),
                Arguments.of("strategies:\n  - {id: a, provider: rsi, symbols: [AAPL, MSFT, AAPL]}\n",
                        "strategies[0].symbols[2]", "AAPL", "listed twice (also at symbols[0])", "AAPL"),
                Arguments.of("strategies:\n  - {id: a, symbols: [AAPL]}\n", "strategies[0].provider", null, "is required",
                        "provider"),
                Arguments.of("data: {symbols: [AAPL]}\n", "data.provider", null, "is required", "data.provider"),
                Arguments.of("data: {provider: csv, timeframe: 5Parsecs}\n", "data.timeframe", "5Parsecs", "unknown unit",
                        "(line 1"),
                Arguments.of("data: {provider: csv, timeframe: 5}\n", "data.timeframe", new BigDecimal("5"),
                        "expected a timeframe such as 5Min or 1Day", "data.timeframe"),
                Arguments.of("data: {provider: csv, from: 2013-13-01}\n", "data.from", "2013-13-01", "ISO date", "data.from"),
                Arguments.of("data: {provider: csv, from: '2013-01-01T09:30:00'}\n", "data.from", "2013-01-01T09:30:00",
                        "instant with zone", "data.from"),
                Arguments.of("data: {provider: csv, from: 2014-01-01, to: 2013-01-01}\n", "data.to", "2013-01-01T00:00:00Z",
                        "must be after data.from", "data.to"),
                Arguments.of(STRATEGY + "    parameters: {fastPeriod: }\n", "strategies[0].parameters.fastPeriod", null,
                        "has no value", "remove the key to use the provider's default"),
                Arguments.of(STRATEGY + "    parameters: {bytes: !!binary aGVsbG8=}\n", "strategies[0].parameters.bytes",
                        "byte[]", "unsupported value of type byte[]", "bytes"),
                // duplicates
                Arguments.of(STRATEGY + "  - id: sma-aapl\n    provider: rsi\n    symbols: [MSFT]\n", "strategies[1].id",
                        "sma-aapl", "duplicate strategy id (also used by strategies[0])", "'sma-aapl'"),
                Arguments.of("account:\n  id: a\n  id: b\n", "account.id", null, "duplicate key 'id'", "(line 3"),
                Arguments.of(STRATEGY + "    parameters:\n      fastPeriod: 5\n      fastPeriod: 6\n",
                        "strategies[0].parameters.fastPeriod", null, "duplicate key 'fastPeriod'", "line 7"),
                Arguments.of("risk:\n  rules:\n    - {provider: order-rate}\n    - {provider: order-rate}\n",
                        "risk.rules[1].provider", "order-rate", "listed twice (also at risk.rules[0])", "risk"),
                Arguments.of("strategies:\n  - ~\n", "strategies[0]", null, "list entry has no value", "strategies[0]"),
                // document shape
                Arguments.of("", "", null, "the configuration is empty", "trading.yaml"),
                Arguments.of("- a\n- b\n", "", null, "must be a map of sections", "not a list"),
                Arguments.of(STRATEGY + "---\naccount: {id: x}\n", "", null, "a second YAML document", "(line 6"),
                Arguments.of("account: {id: 'unterminated\n", "account.id", null, "invalid YAML", "line 2"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("invalidDocuments")
    void invalidDocumentsAreRefusedNamingFileKeyAndValue(String yaml, String path, Object value, String reason, String more) {
        ConfigException e = error(yaml);

        ConfigErrors.assertNames(e, path, value);
        assertThat(e.getMessage())
                .startsWith("trading.yaml: " + (path.isEmpty() ? "(document)" : path) + ": ")
                .contains(reason)
                .contains(more);
    }

    @Test
    void errorsCarryTheLineAndColumnOfTheProblem() {
        ConfigException e = error("account:\n  id: paper\n  initialCash: abc\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isPositive();
        assertThat(e.getMessage()).isEqualTo("trading.yaml: account.initialCash: expected a decimal number, got text; "
                + "rejected value: 'abc' (line 3, column " + e.column() + ")");
    }

    @Test
    void yamlSyntaxErrorsDoNotEchoTheSourceLine() {
        // SnakeYAML quotes the offending line in its own message; a pasted secret there must not leak.
        ConfigException e = error("execution:\n  provider: alpaca\n  parameters: {apiSecret: 'hunter2-very-secret\n");
        assertThat(e.getMessage()).contains("invalid YAML").doesNotContain("hunter2");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void toStringMasksValuesUnderSecretLookingKeysButShowsEnvironmentReferences() {
        TradingConfig c = TradingConfig.parse("t", STRATEGY + "execution:\n  provider: alpaca\n  parameters:\n"
                + "    apiKeyId: '${APCA_API_KEY_ID}'\n    apiSecret: pasted-literal-secret\n    baseUrl: https://paper\n");

        assertThat(c.toString()).contains("${APCA_API_KEY_ID}").contains("https://paper").doesNotContain("pasted-literal-secret");
        assertThat(c.execution().toString()).doesNotContain("pasted-literal-secret");
        // The raw value is still there for the resolver, which refuses literal secrets for SECRET parameters.
        assertThat(c.execution().parameters()).containsEntry("apiSecret", "pasted-literal-secret");
    }

    @Test
    void parametersAreDeeplyImmutable() {
        TradingConfig c = TradingConfig.parse("t", STRATEGY + "    parameters: {levels: [1, 2], nested: {a: 1}}\n");
        Map<String, Object> p = c.strategies().get(0).parameters();
        assertThatThrownBy(() -> p.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) p.get("levels")).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<?, ?>) p.get("nested")).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.strategies().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsBuiltInCodeAreValidatedTheSameWayWithRelativePaths() {
        assertThatThrownBy(() -> new AccountConfig("a", new BigDecimal("0"), null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration: initialCash: must be greater than 0; rejected value: 0");
        assertThatThrownBy(() -> new StrategyConfig("a", "rsi", List.of("AAPL"), true, Map.of("period", Double.NaN)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("parameters.period: must be a finite number");
        StrategyConfig a = new StrategyConfig("a", "rsi", List.of("AAPL"), true, Map.of("x", 0.1));
        assertThat(a.parameters().get("x")).isEqualTo(new BigDecimal("0.1"));
        ConfigException dup = assertThrows(ConfigException.class,
                () -> new TradingConfig("code", null, null, List.of(a, a), null, null, null, null, null));
        assertThat(dup.getMessage()).startsWith("code: strategies[1].id: duplicate strategy id");
    }

    @Test
    void aMissingFileIsAConfigExceptionNamingTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> TradingConfig.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml: (document): configuration file not found");

        Path file = Files.writeString(dir.resolve("bad.yaml"), "account: {initialCash: -5}\n");
        assertThatThrownBy(() -> TradingConfig.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": account.initialCash: must be greater than 0");
    }
}
