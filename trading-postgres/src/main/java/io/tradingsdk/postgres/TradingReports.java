package io.tradingsdk.postgres;

import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.postgres.internal.JournalSql;
import io.tradingsdk.postgres.internal.SqlErrors;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reporting queries over the journal: fills and P&amp;L by strategy and day, denials by reason code.
 *
 * <p>Called from any thread (reporting jobs, dashboards), never from the engine's event loop:
 * blocking I/O. Reads only rows already written (the journal writes asynchronously; flush it first
 * for an up-to-the-record report). Throws {@link JournalUnavailableException} if the database cannot
 * answer.
 */
public final class TradingReports {

    /** The strategy id reported for fills of orders that have no intent in the journal. */
    public static final String UNATTRIBUTED = "(none)";

    private static final MathContext MC = MathContext.DECIMAL128;

    private final DataSource dataSource;
    private final SchemaName schema;

    public TradingReports(DataSource dataSource, SchemaName schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * One strategy's trading on one day.
     *
     * @param fills          number of fills
     * @param boughtQuantity sum of bought quantities
     * @param soldQuantity   sum of sold quantities
     * @param buyNotional    sum of quantity &times; price of buys
     * @param sellNotional   sum of quantity &times; price of sells
     * @param fees           sum of fees
     * @param realizedPnl    P&amp;L realized by that day's fills, before fees, average-cost method per
     *                       strategy and symbol (positions carried from earlier days count at their cost)
     * @param netPnl         {@code realizedPnl - fees}
     */
    public record StrategyDay(String strategyId, LocalDate day, int fills, BigDecimal boughtQuantity,
                              BigDecimal soldQuantity, BigDecimal buyNotional, BigDecimal sellNotional, BigDecimal fees,
                              BigDecimal realizedPnl, BigDecimal netPnl) {
    }

    /**
     * Fills and P&amp;L per strategy and day ({@code zone}'s calendar) for the days in
     * {@code [from, to]}, sorted by day then strategy. All fills up to the end of {@code to} are
     * read in the order they happened (fill time, then order recorded), so positions opened before
     * {@code from} are priced at their average cost when they close in the range.
     */
    public List<StrategyDay> dailyByStrategy(LocalDate from, LocalDate to, ZoneId zone) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("report 'to' " + to + " is before 'from' " + from);
        }
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, Book> books = new HashMap<>();
        Map<String, Acc> days = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(i.strategy_id, ?), f.symbol, f.side, f.quantity,"
                     + " f.price, f.fee, f.fill_time FROM " + schema.table("fills") + " f LEFT JOIN "
                     + schema.table("order_intents") + " i ON i.client_order_id = f.client_order_id"
                     + " WHERE f.fill_time < ? ORDER BY f.fill_time, f.id")) {
            c.setAutoCommit(false);
            ps.setFetchSize(5_000);
            ps.setString(1, UNATTRIBUTED);
            ps.setObject(2, JournalSql.odt(end));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String strategy = rs.getString(1);
                    String symbol = rs.getString(2);
                    OrderSide side = OrderSide.valueOf(rs.getString(3));
                    BigDecimal qty = rs.getBigDecimal(4);
                    BigDecimal price = rs.getBigDecimal(5);
                    BigDecimal fee = rs.getBigDecimal(6);
                    LocalDate day = JournalSql.instant(rs, 7).atZone(zone).toLocalDate();
                    BigDecimal realized = books.computeIfAbsent(strategy + '\u0000' + symbol, k -> new Book())
                            .apply(side, qty, price);
                    if (day.isBefore(from)) {
                        continue;
                    }
                    days.computeIfAbsent(day + "\u0000" + strategy, k -> new Acc(strategy, day))
                            .add(side, qty, price, fee, realized);
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new JournalUnavailableException("cannot report fills from schema " + schema + ": " + SqlErrors.describe(e), e);
        }
        List<StrategyDay> out = new ArrayList<>(days.size());
        for (Acc a : days.values()) {
            out.add(a.result());
        }
        return out;
    }

    /** Denials of one reason code for one strategy in a period. */
    public record DenialCount(DenialReason reason, String strategyId, long count, Instant first, Instant last) {
    }

    /**
     * Denied decisions in {@code [from, to)} grouped by reason code and strategy, most frequent
     * first (then by reason and strategy).
     */
    public List<DenialCount> denialsByReason(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<DenialCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT reason_code, strategy_id, count(*), min(decision_time),"
                     + " max(decision_time) FROM " + schema.table("risk_decisions")
                     + " WHERE NOT approved AND decision_time >= ? AND decision_time < ?"
                     + " GROUP BY reason_code, strategy_id ORDER BY 3 DESC, 1, 2")) {
            ps.setObject(1, JournalSql.odt(from));
            ps.setObject(2, JournalSql.odt(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DenialCount(DenialReason.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3),
                            JournalSql.instant(rs, 4), JournalSql.instant(rs, 5)));
                }
            }
        } catch (SQLException e) {
            throw new JournalUnavailableException("cannot report denials from schema " + schema + ": "
                    + SqlErrors.describe(e), e);
        }
        return out;
    }

    /** One strategy's position in one symbol, average-cost, exact (as the engine's ledger keeps it). */
    private static final class Book {
        private BigDecimal qty = BigDecimal.ZERO;
        private BigDecimal cost = BigDecimal.ZERO;

        /** Applies a fill; returns the P&L it realized. */
        BigDecimal apply(OrderSide side, BigDecimal quantity, BigDecimal price) {
            BigDecimal delta = side == OrderSide.BUY ? quantity : quantity.negate();
            if (qty.signum() == 0 || qty.signum() == delta.signum()) {
                qty = qty.add(delta);
                cost = cost.add(delta.multiply(price));
                return BigDecimal.ZERO;
            }
            BigDecimal open = qty.abs();
            BigDecimal closing = quantity.min(open);
            BigDecimal removed = closing.compareTo(open) == 0 ? cost : cost.multiply(closing).divide(open, MC);
            BigDecimal proceeds = qty.signum() > 0 ? closing.multiply(price) : closing.multiply(price).negate();
            BigDecimal realized = proceeds.subtract(removed);
            BigDecimal rest = quantity.subtract(closing);
            if (closing.compareTo(open) == 0) {
                qty = BigDecimal.ZERO;
                cost = BigDecimal.ZERO;
            } else {
                qty = qty.add(qty.signum() > 0 ? closing.negate() : closing);
                cost = cost.subtract(removed);
            }
            if (rest.signum() > 0) {
                BigDecimal opened = side == OrderSide.BUY ? rest : rest.negate();
                qty = opened;
                cost = opened.multiply(price);
            }
            return realized;
        }
    }

    private static final class Acc {
        private final String strategy;
        private final LocalDate day;
        private int fills;
        private BigDecimal bought = BigDecimal.ZERO;
        private BigDecimal sold = BigDecimal.ZERO;
        private BigDecimal buyNotional = BigDecimal.ZERO;
        private BigDecimal sellNotional = BigDecimal.ZERO;
        private BigDecimal fees = BigDecimal.ZERO;
        private BigDecimal realized = BigDecimal.ZERO;

        Acc(String strategy, LocalDate day) {
            this.strategy = strategy;
            this.day = day;
        }

        void add(OrderSide side, BigDecimal qty, BigDecimal price, BigDecimal fee, BigDecimal pnl) {
            fills++;
            if (side == OrderSide.BUY) {
                bought = bought.add(qty);
                buyNotional = buyNotional.add(qty.multiply(price));
            } else {
                sold = sold.add(qty);
                sellNotional = sellNotional.add(qty.multiply(price));
            }
            fees = fees.add(fee);
            realized = realized.add(pnl);
        }

        StrategyDay result() {
            return new StrategyDay(strategy, day, fills, bought, sold, buyNotional, sellNotional, fees, realized,
                    realized.subtract(fees));
        }
    }
}
