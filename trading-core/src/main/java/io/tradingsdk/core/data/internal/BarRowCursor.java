package io.tradingsdk.core.data.internal;

import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Streams the bars of one OHLCV CSV file whose rows are in strictly increasing time order, keeping
 * only the next bar in memory. Rows before {@code from} are skipped; reading stops at the first row
 * at or after {@code to}. A malformed or out-of-order row is an {@link IllegalArgumentException}
 * naming the file and line.
 */
public final class BarRowCursor extends LookaheadBarCursor {
    private final String symbol;
    private final Timeframe timeframe;
    private final ZoneId zone;
    private final Instant from;
    private final Instant to;
    private final int width;
    private final int time;
    private final int open;
    private final int high;
    private final int low;
    private final int close;
    private final int volume;
    private Instant previous;

    public BarRowCursor(CsvLines lines, String symbol, Timeframe timeframe, ZoneId zone, Instant from, Instant to) {
        super(lines, symbol + " in " + lines.resource());
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.zone = zone;
        this.from = from;
        this.to = to;
        try {
            String[] header = lines.header();
            this.width = header.length;
            this.time = lines.requiredColumn(header, "date", "timestamp", "time", "datetime");
            this.open = lines.requiredColumn(header, "open");
            this.high = lines.requiredColumn(header, "high");
            this.low = lines.requiredColumn(header, "low");
            this.close = lines.requiredColumn(header, "close");
            this.volume = CsvLines.column(header, "volume");
        } catch (RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    @Override
    protected Bar read() {
        String[] row;
        while ((row = lines.next()) != null) {
            lines.checkWidth(row, width);
            Instant start;
            try {
                start = TimeParser.parse(row[time], zone);
            } catch (IllegalArgumentException e) {
                throw lines.error(e.getMessage());
            }
            if (previous != null && !start.isAfter(previous)) {
                throw lines.error("bar time " + row[time] + " is not after the previous row's (" + previous
                        + "); rows must be in increasing time order");
            }
            previous = start;
            if (to != null && !start.isBefore(to)) {
                return null;
            }
            double o = lines.number(row, open, "open");
            double h = lines.number(row, high, "high");
            double l = lines.number(row, low, "low");
            double c = lines.number(row, close, "close");
            double v = volume < 0 ? 0.0 : lines.number(row, volume, "volume");
            if (from != null && start.isBefore(from)) {
                continue;
            }
            try {
                return new Bar(symbol, start, timeframe, o, h, l, c, v);
            } catch (IllegalArgumentException e) {
                throw lines.error(e.getMessage(), e);
            }
        }
        return null;
    }

}
