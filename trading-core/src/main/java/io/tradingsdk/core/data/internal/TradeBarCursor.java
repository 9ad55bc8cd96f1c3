package io.tradingsdk.core.data.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Aggregates a trades CSV (columns time, price, amount) into bars of a timeframe, streaming: a bar
 * is emitted when the first trade of a later bucket is read (or at the end of the file).
 *
 * <p>Buckets are aligned to the Unix epoch in UTC ({@code floor(t / length) * length}); weekly
 * buckets start on Mondays 00:00 UTC. Open is the first trade's price, close the last's, high and
 * low the extremes, volume the sum of amounts. Buckets without trades give no bar. Trades must be
 * in non-decreasing time order; a malformed or out-of-order row is an
 * {@link IllegalArgumentException} naming the file and line.
 */
public final class TradeBarCursor extends LookaheadBarCursor {
    // 1970-01-05 was the first Monday after the epoch.
    private static final long MONDAY_OFFSET_SECONDS = 4 * 86_400L;

    private final String symbol;
    private final Timeframe timeframe;
    private final ZoneId zone;
    private final Instant from;
    private final Instant to;
    private final long length;
    private final long offset;
    private final int width;
    private final int time;
    private final int price;
    private final int amount;

    private Instant previous;
    private boolean open;
    private long bucket;
    private double o;
    private double h;
    private double l;
    private double c;
    private double v;
    // Set once a row at or after 'to' was seen: nothing later can belong to the query.
    private boolean pastEnd;

    public TradeBarCursor(CsvLines lines, String symbol, Timeframe timeframe, ZoneId zone, Instant from, Instant to) {
        super(lines, symbol + " from " + lines.resource());
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.zone = zone;
        this.from = from;
        this.to = to;
        this.length = timeframe.duration().getSeconds();
        this.offset = timeframe.unit() == ChronoUnit.WEEKS ? MONDAY_OFFSET_SECONDS : 0L;
        try {
            String[] header = lines.header();
            this.width = header.length;
            this.time = lines.requiredColumn(header, "timestamp", "time", "date", "datetime");
            this.price = lines.requiredColumn(header, "price");
            this.amount = lines.requiredColumn(header, "amount", "volume", "size", "quantity", "qty");
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    @Override
    protected Bar read() {
        if (pastEnd) {
            return finish();
        }
        String[] row;
        while ((row = lines.next()) != null) {
            lines.checkWidth(row, width);
            Instant t;
            try {
                t = TimeParser.parse(row[time], zone);
            } catch (IllegalArgumentException e) {
                throw lines.error(e.getMessage());
            }
            if (previous != null && t.isBefore(previous)) {
                throw lines.error("trade time " + row[time] + " is before the previous row's (" + previous
                        + "); trades must be in time order");
            }
            previous = t;
            double p = lines.number(row, price, "price");
            double a = lines.number(row, amount, "amount");
            if (!(p > 0) || !Double.isFinite(p)) {
                throw lines.error("trade price must be a positive finite number, was " + row[price]);
            }
            if (!(a >= 0) || !Double.isFinite(a)) {
                throw lines.error("trade amount must be a non-negative finite number, was " + row[amount]);
            }
            long b = Math.floorDiv(t.getEpochSecond() - offset, length) * length + offset;
            Instant start = Instant.ofEpochSecond(b);
            if (from != null && start.isBefore(from)) {
                continue;
            }
            if (to != null && !start.isBefore(to)) {
                // Later rows are later still; what is open is the last bar.
                pastEnd = true;
                return finish();
            }
            if (open && b != bucket) {
                Bar completed = finish();
                start(b, p, a);
                return completed;
            }
            if (!open) {
                start(b, p, a);
            } else {
                h = Math.max(h, p);
                l = Math.min(l, p);
                c = p;
                v += a;
            }
        }
        return finish();
    }

    private void start(long b, double p, double a) {
        open = true;
        bucket = b;
        o = p;
        h = p;
        l = p;
        c = p;
        v = a;
    }

    /** The open bar, or null; afterwards no bar is open. */
    private Bar finish() {
        if (!open) {
            return null;
        }
        open = false;
        return new Bar(symbol, Instant.ofEpochSecond(bucket), timeframe, o, h, l, c, v);
    }

    @Override
    public void close() {
        open = false;
        super.close();
    }
}
