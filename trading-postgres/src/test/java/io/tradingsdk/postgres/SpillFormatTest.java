package io.tradingsdk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.postgres.internal.Items;
import io.tradingsdk.postgres.internal.Json;
import io.tradingsdk.postgres.internal.SpillCodec;
import io.tradingsdk.postgres.internal.SpillFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spill file keeps records exactly while PostgreSQL is away: every record type comes back equal
 * (decimals with their scale, doubles bit for bit, awkward text), and a damaged or torn line is
 * recognised instead of being replayed as something else.
 */
class SpillFormatTest {

    private static final Instant T = Instant.parse("2024-03-04T14:30:00.123456Z");
    private static final String AWKWARD = "tab\there\nnew line\\backslash \\N not null \u00e9\u4e2d\ud83d\ude00 \r";

    @Test
    @DisplayName("every record type round-trips through a spill line unchanged")
    void roundTrip() {
        Fill fill = new Fill("fill-1", "coid-1", "BTC/USD", OrderSide.SELL, new BigDecimal("0.00012300"),
                new BigDecimal("64123.450"), new BigDecimal("0E-8"), T);
        List<Object> records = List.of(
                new Signal("sig-" + AWKWARD, "strat", "AAPL", SignalAction.CLOSE, 0.1 + 0.2, Double.MIN_VALUE, -0.02,
                        new BigDecimal("187.2500"), new BigDecimal("1E+3"), T),
                Signal.of("sig-2", "strat", "AAPL", SignalAction.BUY, Double.NaN, Double.POSITIVE_INFINITY, -0.0,
                        new BigDecimal("1"), T),
                new Items.Decision(new UUID(-1L, 42L), new DecisionRecord("sig-1", "strat", "AAPL", false,
                        DenialReason.PRICE_COLLAR, AWKWARD, null, T)),
                new Items.Decision(new UUID(7L, 8L), new DecisionRecord("sig-1", "strat", "AAPL", true, null, null,
                        new BigDecimal("12.5"), T)),
                new OrderEvent(OrderEventType.PARTIAL_FILL, "coid-1", null, "BTC/USD", OrderSide.SELL,
                        new BigDecimal("0.000123"), new BigDecimal("64123.45"), fill, T, AWKWARD),
                new OrderEvent(OrderEventType.ORDER_CANCEL_REJECTED, "coid-1", "b-1", "BTC/USD", OrderSide.SELL,
                        BigDecimal.ZERO, null, null, T, null),
                fill,
                new Items.ConfigVersion(3, "strategies.sma", "api:" + AWKWARD, "{\"a\":1}", "{\"a\":2}", T),
                new Items.Metric(new UUID(1, 2), "orders.sent", null, 12.75, T),
                new Items.DayBaseline(LocalDate.of(2024, 3, 4), new BigDecimal("100000.00")),
                new ReconciliationRecord("acct-1", "recovery", T, List.of("AAPL: \"broker\" holds 10, " + AWKWARD,
                        "[not json] {}", ""), "broker vs journal vs ledger: " + AWKWARD),
                new ReconciliationRecord("acct-1", "end-of-day", T, List.of(), "clean"));
        for (Object r : records) {
            String line = SpillCodec.encode(r);
            assertThat(line).doesNotContain("\n").doesNotContain("\r");
            Object back = SpillCodec.decode(line);
            assertThat(back).as("round trip of %s", r.getClass().getSimpleName()).isEqualTo(r);
        }
        Object marker = SpillCodec.decode(SpillCodec.encode(new Items.FlushMarker(99, null)));
        assertThat(((Items.FlushMarker) marker).id()).isEqualTo(99);
    }

    @Test
    @DisplayName("a changed byte, a cut line or an unknown tag is refused, never misread")
    void damageIsDetected() {
        String line = SpillCodec.encode(new Fill("fill-1", "coid-1", "AAPL", OrderSide.BUY, BigDecimal.ONE,
                new BigDecimal("10"), BigDecimal.ZERO, T));
        String changed = line.replace("fill-1", "fill-7");
        assertThatThrownBy(() -> SpillCodec.decode(changed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> SpillCodec.decode(line.substring(0, line.length() - 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpillCodec.decode("no checksum here")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a spill file reopened after a crash drops its torn last line, keeps the rest, and sets damaged lines aside")
    void reopenAfterCrash(@TempDir Path dir) throws Exception {
        List<Object> written = new ArrayList<>();
        try (SpillFile f = new SpillFile(dir, "s", 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                Fill fill = new Fill("fill-" + i, "coid", "AAPL", OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                        BigDecimal.ZERO, T);
                written.add(fill);
                f.append(SpillCodec.encode(fill), false);
            }
            f.flushToOs();
        }
        Path file = dir.resolve("s.spill");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // Damage the 4th record and leave a torn line at the end.
        String[] lines = text.split("\n");
        lines[4] = lines[4].replace("fill-3", "fill-X");
        Files.writeString(file, String.join("\n", lines) + "\n" + lines[5].substring(0, 20), StandardCharsets.UTF_8);

        try (SpillFile f = new SpillFile(dir, "s", 1 << 20)) {
            SpillFile.Chunk chunk = f.read(f.start(), f.flushedLength(), 100);
            assertThat(chunk.records()).hasSize(9).doesNotContain(written.get(3));
            assertThat(chunk.damaged()).isEqualTo(1);
            assertThat(chunk.endOffset()).isEqualTo(f.flushedLength());
            assertThat(Files.readString(f.rejectedPath())).contains("fill-X");
        }
    }

    @Test
    @DisplayName("a second journal cannot take a spill file that one already uses")
    void spillFileIsExclusive(@TempDir Path dir) {
        try (SpillFile first = new SpillFile(dir, "s", 1 << 20)) {
            assertThat(first.path()).exists();
            assertThatThrownBy(() -> new SpillFile(dir, "s", 1 << 20)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another journal");
        }
        new SpillFile(dir, "s", 1 << 20).close();
    }

    @Test
    @DisplayName("configuration values survive JSON exactly and in order: numbers, text, booleans, lists, maps, nulls")
    void jsonRoundTrip() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1L);
        nested.put("a", List.of("x", 2L, new BigDecimal("0.10")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxNotional", new BigDecimal("100000.00"));
        m.put("period", 12L);
        m.put("big", new BigDecimal("123456789012345678901234567890"));
        m.put("enabled", Boolean.TRUE);
        m.put("name", "quote \" backslash \\ tab \t line \n \u0001");
        m.put("nothing", null);
        m.put("nested", nested);
        Object back = Json.read(Json.write(m));
        assertThat(back).isEqualTo(m);
        assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactlyElementsOf(m.keySet());
        assertThat(Json.write(Map.of("d", Double.NaN))).isEqualTo("{\"d\":\"NaN\"}");
        assertThatThrownBy(() -> Json.read("{\"a\":}")).isInstanceOf(IllegalArgumentException.class);
    }
}
