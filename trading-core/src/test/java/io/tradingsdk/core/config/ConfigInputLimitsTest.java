package io.tradingsdk.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user relies on when a configuration is wrong in size or form: it is refused before it is
 * parsed (so a huge file costs nothing), YAML anchors and aliases are refused with their line rather
 * than read as text, and no message repeats a long value in full.
 */
class ConfigInputLimitsTest {
    private static final String STRATEGY_HEAD = "strategies:\n  - id: sma-aapl\n    provider: moving-average-crossover\n";

    private static ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> TradingConfig.parse("trading.yaml", yaml));
    }

    @Test
    @DisplayName("an alias (*S) is refused naming the file, the line and the alias, never read as the symbol S")
    void aliasIsRefusedWithItsLine() {
        ConfigException e = error(STRATEGY_HEAD + "    symbols: [*S]\n");

        assertThat(e.source()).isEqualTo("trading.yaml");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("alias *S").contains("not supported").contains("(line 4");
        assertThat(e.path()).isEqualTo("strategies[0].symbols[0]");
    }

    @Test
    @DisplayName("an anchor is refused too, so an anchor and its alias never half-work")
    void anchorIsRefusedWithItsLine() {
        ConfigException e = error(STRATEGY_HEAD + "    symbols: [&S AAPL, *S]\n");

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.path()).isEqualTo("strategies[0].symbols[0]");
        assertThat(e.getMessage()).contains("anchor &S").contains("(line 4");
    }

    @Test
    @DisplayName("an anchored section and a merge key (<<: *base) are refused")
    void anchoredMapAndMergeKeyAreRefused() {
        ConfigException anchored = error("sizer: &base\n  provider: fixed-fractional\n");
        assertThat(anchored.getMessage()).contains("anchor &base").contains("(line 1");

        ConfigException merged = error("sizer:\n  <<: *base\n");
        assertThat(merged.getMessage()).contains("alias *base").contains("(line 2");
    }

    @Test
    @DisplayName("a 300 MB file is refused by its size, without being read")
    void hugeFileIsRefusedBySize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(300L * 1024 * 1024); // sparse: no 300 MB written
        }

        ConfigException e = assertThrows(ConfigException.class, () -> TradingConfig.load(file));

        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.getMessage()).contains("314572800 bytes").contains("limit is 1048576");
    }

    @Test
    @DisplayName("control: a valid file just under the limit loads")
    void fileJustUnderTheLimitLoads(@TempDir Path dir) throws Exception {
        String valid = STRATEGY_HEAD + "    symbols: [AAPL]\n";
        String comment = "# " + "x".repeat(98) + "\n";
        StringBuilder sb = new StringBuilder(valid);
        while (sb.length() + comment.length() <= TradingConfig.MAX_DOCUMENT_BYTES) {
            sb.append(comment);
        }
        Path file = Files.writeString(dir.resolve("big.yaml"), sb, StandardCharsets.UTF_8);
        assertThat(Files.size(file)).isGreaterThan(TradingConfig.MAX_DOCUMENT_BYTES - 200L);

        assertThat(TradingConfig.load(file).strategies()).hasSize(1);
    }

    @Test
    @DisplayName("a file with a 10 MB scalar is refused by its size")
    void fileWithHugeScalarIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("scalar.yaml"), "account:\n  id: " + "A".repeat(10 << 20) + "\n");

        ConfigException e = assertThrows(ConfigException.class, () -> TradingConfig.load(file));

        assertThat(e.getMessage()).contains("limit is 1048576").hasSizeLessThan(400);
    }

    @Test
    @DisplayName("text with a 10 MB scalar is refused before parsing, with a short message")
    void textWithHugeScalarIsRefused() {
        ConfigException e = error("account:\n  id: " + "A".repeat(10 << 20) + "\n");

        assertThat(e.getMessage()).contains("10485776 characters").contains("limit is 1048576").hasSizeLessThan(400);
    }

    @Test
    @DisplayName("a reader that never ends is read to one character past the limit, then refused")
    void endlessReaderIsRefused() {
        AtomicLong served = new AtomicLong();
        Reader endless = new Reader() {
            @Override
            public int read(char[] buf, int off, int len) {
                java.util.Arrays.fill(buf, off, off + len, '#');
                served.addAndGet(len);
                return len;
            }

            @Override
            public void close() {
            }
        };

        ConfigException e = assertThrows(ConfigException.class, () -> TradingConfig.parse("stream", endless));

        assertThat(e.getMessage()).contains("more than 1048576 characters");
        assertThat(served.get()).isEqualTo(TradingConfig.MAX_DOCUMENT_CHARS + 1L);
    }

    @Test
    @DisplayName("a value longer than 16384 characters is refused naming its key path and line, shown cut")
    void longScalarIsRefusedWithPathAndLine() {
        ConfigException e = error("account:\n  id: " + "A".repeat(20_000) + "\n");

        assertThat(e.path()).isEqualTo("account.id");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("20000 characters").contains("limit of 16384")
                .contains("(20000 chars)").hasSizeLessThan(400);
    }

    @Test
    @DisplayName("a line of a megabyte within the size limit is refused by its length, before YAML scans it")
    void longLineIsRefusedBeforeScanning() {
        ConfigException e = error("account:\n  id: " + "A".repeat(1_000_000) + "\n");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("line 2 is 1000006 characters long").contains("limit is 32768")
                .hasSizeLessThan(300);
    }

    @Test
    @DisplayName("a key longer than 16384 characters is refused, shown cut")
    void longKeyIsRefused() {
        ConfigException e = error("account:\n  ? " + "k".repeat(20_000) + "\n  : 1\n");

        assertThat(e.path()).isEqualTo("account");
        assertThat(e.getMessage()).contains("a key of 20000 characters").hasSizeLessThan(400);
    }

    @Test
    @DisplayName("bad values within the scalar limit are shown at most 120 characters and their length")
    void badValuesAreShownCut() {
        String longName = "x".repeat(10_000);
        assertThat(error("sizer: {provider: " + longName.toUpperCase() + "}\n").getMessage())
                .contains("(10000 chars)").hasSizeLessThan(500);
        String longKey = "k".repeat(1000); // YAML allows at most 1024 characters in a plain key
        assertThat(error("account: {" + longKey + ": 1}\n").getMessage())
                .contains("unknown key").contains("(1000 chars)").hasSizeLessThan(800);
        assertThat(error("account: {" + longKey + ": [1}\n").getMessage())
                .contains("invalid YAML").contains("... (1011 chars)").hasSizeLessThan(500);
        assertThat(error("engine: {tradingZone: " + longName + "}\n").getMessage())
                .contains("engine.tradingZone").contains("(10000 chars)").hasSizeLessThan(600);
        assertThat(error("data: {provider: csv, symbols: [AAPL], timeframe: " + longName + "}\n").getMessage())
                .contains("data.timeframe").contains("(10000 chars)").hasSizeLessThan(600);
    }

    @Test
    @DisplayName("a file that is not UTF-8 is refused saying so")
    void nonUtf8FileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', 'c', 'c', 'o', 'u', 'n', 't', ':', ' ', (byte) 0xE9});

        ConfigException e = assertThrows(ConfigException.class, () -> TradingConfig.load(file));

        assertThat(e.getMessage()).contains("not UTF-8");
    }
}
