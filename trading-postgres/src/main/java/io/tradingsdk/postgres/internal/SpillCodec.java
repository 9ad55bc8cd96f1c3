package io.tradingsdk.postgres.internal;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The spill file's line format, written and read by hand (no library): one record per line,
 *
 * <pre>
 * CRC32-HEX TAB TAG TAB FIELD TAB FIELD ... LF
 * </pre>
 *
 * where TAG is {@code S} signal, {@code D} decision, {@code E} order event, {@code F} fill,
 * {@code C} configuration version, {@code M} metric, {@code B} day baseline, {@code R}
 * reconciliation (its differences as one JSON array of strings), {@code X} flush marker. A field escapes backslash, tab, LF and CR as {@code \\ \t \n \r}; {@code \N} is null.
 * Decimals are {@link BigDecimal#toString()} (exact, scale kept), doubles
 * {@link Double#toString(double)} (exact round trip), times ISO-8601 instants. The CRC covers
 * everything after the first tab, so a torn or damaged line is recognised and not replayed as
 * something else. Lines starting with {@code #} are comments (the header).
 *
 * <p>Stateless; any thread.
 */
public final class SpillCodec {

    /** The first line of every spill file. */
    public static final String HEADER = "# trading-postgres spill file v1: CRC32<TAB>TAG<TAB>fields, one record per line";

    private static final String NULL = "\\N";

    private SpillCodec() {
    }

    /** The record as one line without its line feed. @throws IllegalArgumentException for an unknown type */
    public static String encode(Object item) {
        List<String> f = new ArrayList<>(20);
        if (item instanceof Signal s) {
            f.add("S");
            add(f, s.id(), s.strategyId(), s.symbol(), s.action().name(), Double.toString(s.confidence()),
                    Double.toString(s.expectedReturn()), Double.toString(s.expectedLoss()), dec(s.referencePrice()),
                    dec(s.quantity()), s.time().toString());
        } else if (item instanceof Items.Decision d) {
            DecisionRecord r = d.decision();
            f.add("D");
            add(f, d.recordId().toString(), r.signalId(), r.strategyId(), r.symbol(), Boolean.toString(r.approved()),
                    r.reason() == null ? null : r.reason().name(), r.message(), dec(r.quantity()), r.time().toString());
        } else if (item instanceof OrderEvent e) {
            f.add("E");
            add(f, e.type().name(), e.clientOrderId(), e.brokerOrderId(), e.symbol(), e.side().name(),
                    dec(e.filledQuantity()), dec(e.averageFillPrice()), e.time().toString(), e.reason());
            Fill x = e.fill();
            if (x == null) {
                add(f, null, null, null, null, null, null, null);
            } else {
                add(f, x.fillId(), x.symbol(), x.side().name(), dec(x.quantity()), dec(x.price()), dec(x.fee()),
                        x.time().toString());
            }
        } else if (item instanceof Fill x) {
            f.add("F");
            add(f, x.fillId(), x.clientOrderId(), x.symbol(), x.side().name(), dec(x.quantity()), dec(x.price()),
                    dec(x.fee()), x.time().toString());
        } else if (item instanceof Items.ConfigVersion c) {
            f.add("C");
            add(f, Long.toString(c.version()), c.target(), c.origin(), c.previousJson(), c.currentJson(), c.time().toString());
        } else if (item instanceof Items.Metric m) {
            f.add("M");
            add(f, m.recordId().toString(), m.name(), m.strategyId(), Double.toString(m.value()), m.time().toString());
        } else if (item instanceof Items.DayBaseline b) {
            f.add("B");
            add(f, b.day().toString(), dec(b.startEquity()));
        } else if (item instanceof ReconciliationRecord r) {
            f.add("R");
            add(f, r.accountId(), r.kind(), r.time().toString(), r.summary(), Json.write(r.differences()));
        } else if (item instanceof Items.FlushMarker m) {
            f.add("X");
            add(f, Long.toString(m.id()));
        } else {
            throw new IllegalArgumentException("cannot spill a " + (item == null ? "null" : item.getClass().getName()));
        }
        StringBuilder body = new StringBuilder(160);
        for (int i = 0; i < f.size(); i++) {
            if (i > 0) {
                body.append('\t');
            }
            escape(body, f.get(i));
        }
        String b = body.toString();
        return crcHex(b) + '\t' + b;
    }

    /**
     * The record of one line (without its line feed). A flush marker comes back as a
     * {@link Items.FlushMarker} without a future.
     *
     * @throws IllegalArgumentException if the checksum does not match or the line is malformed
     */
    public static Object decode(String line) {
        int tab = line.indexOf('\t');
        if (tab != 8) {
            throw new IllegalArgumentException("spill line has no checksum");
        }
        String body = line.substring(tab + 1);
        if (!crcHex(body).equals(line.substring(0, tab))) {
            throw new IllegalArgumentException("spill line checksum mismatch");
        }
        List<String> f = split(body);
        String tag = f.get(0);
        try {
            switch (tag) {
                case "S" -> {
                    need(f, 11);
                    return new Signal(f.get(1), f.get(2), f.get(3), SignalAction.valueOf(f.get(4)),
                            Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7)),
                            decimal(f.get(8)), decimal(f.get(9)), Instant.parse(f.get(10)));
                }
                case "D" -> {
                    need(f, 10);
                    String reason = f.get(6);
                    return new Items.Decision(UUID.fromString(f.get(1)), new DecisionRecord(f.get(2), f.get(3), f.get(4),
                            Boolean.parseBoolean(f.get(5)), reason == null ? null : DenialReason.valueOf(reason), f.get(7),
                            decimal(f.get(8)), Instant.parse(f.get(9))));
                }
                case "E" -> {
                    need(f, 17);
                    OrderSide side = OrderSide.valueOf(f.get(5));
                    Fill fill = f.get(10) == null ? null : new Fill(f.get(10), f.get(2), f.get(11),
                            OrderSide.valueOf(f.get(12)), decimal(f.get(13)), decimal(f.get(14)), decimal(f.get(15)),
                            Instant.parse(f.get(16)));
                    return new OrderEvent(OrderEventType.valueOf(f.get(1)), f.get(2), f.get(3), f.get(4), side,
                            decimal(f.get(6)), decimal(f.get(7)), fill, Instant.parse(f.get(8)), f.get(9));
                }
                case "F" -> {
                    need(f, 9);
                    return new Fill(f.get(1), f.get(2), f.get(3), OrderSide.valueOf(f.get(4)), decimal(f.get(5)),
                            decimal(f.get(6)), decimal(f.get(7)), Instant.parse(f.get(8)));
                }
                case "C" -> {
                    need(f, 7);
                    return new Items.ConfigVersion(Long.parseLong(f.get(1)), f.get(2), f.get(3), f.get(4), f.get(5),
                            Instant.parse(f.get(6)));
                }
                case "M" -> {
                    need(f, 6);
                    return new Items.Metric(UUID.fromString(f.get(1)), f.get(2), f.get(3), Double.parseDouble(f.get(4)),
                            Instant.parse(f.get(5)));
                }
                case "B" -> {
                    need(f, 3);
                    return new Items.DayBaseline(LocalDate.parse(f.get(1)), decimal(f.get(2)));
                }
                case "R" -> {
                    need(f, 6);
                    return new ReconciliationRecord(f.get(1), f.get(2), Instant.parse(f.get(3)), differences(f.get(5)),
                            f.get(4));
                }
                case "X" -> {
                    need(f, 2);
                    return new Items.FlushMarker(Long.parseLong(f.get(1)), null);
                }
                default -> throw new IllegalArgumentException("unknown spill record tag '" + tag + "'");
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("spill")) {
                throw e;
            }
            throw new IllegalArgumentException("spill record " + tag + " is malformed: " + e, e);
        }
    }

    /** Whether a line is a comment (the header). */
    public static boolean isComment(String line) {
        return line.startsWith("#");
    }

    private static List<String> differences(String json) {
        if (!(Json.read(json) instanceof List<?> list)) {
            throw new IllegalArgumentException("spill record R: differences are not a JSON array");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String line)) {
                throw new IllegalArgumentException("spill record R: a difference is not a string");
            }
            out.add(line);
        }
        return out;
    }

    private static void need(List<String> f, int n) {
        if (f.size() != n) {
            throw new IllegalArgumentException("spill record " + f.get(0) + " has " + f.size() + " fields, expected " + n);
        }
    }

    private static void add(List<String> f, String... values) {
        for (String v : values) {
            f.add(v);
        }
    }

    private static String dec(BigDecimal d) {
        return d == null ? null : d.toString();
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static void escape(StringBuilder b, String v) {
        if (v == null) {
            b.append(NULL);
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
    }

    private static List<String> split(String body) {
        List<String> out = new ArrayList<>(20);
        StringBuilder cur = new StringBuilder();
        boolean isNull = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\t') {
                out.add(isNull ? null : cur.toString());
                cur.setLength(0);
                isNull = false;
            } else if (c == '\\') {
                if (i + 1 >= body.length()) {
                    throw new IllegalArgumentException("spill line ends inside an escape");
                }
                char e = body.charAt(++i);
                switch (e) {
                    case '\\' -> cur.append('\\');
                    case 't' -> cur.append('\t');
                    case 'n' -> cur.append('\n');
                    case 'r' -> cur.append('\r');
                    case 'N' -> isNull = true;
                    default -> throw new IllegalArgumentException("spill line has a bad escape \\" + e);
                }
            } else {
                cur.append(c);
            }
        }
        out.add(isNull ? null : cur.toString());
        return out;
    }

    private static String crcHex(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        String h = Long.toHexString(crc.getValue());
        return "00000000".substring(h.length()) + h;
    }
}
