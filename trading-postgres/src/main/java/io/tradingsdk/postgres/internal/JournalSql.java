package io.tradingsdk.postgres.internal;

import io.tradingsdk.api.journal.DecisionRecord;
import io.tradingsdk.api.journal.JournaledOrder;
import io.tradingsdk.api.journal.ReconciliationRecord;
import io.tradingsdk.api.order.Fill;
import io.tradingsdk.api.order.OrderEvent;
import io.tradingsdk.api.order.OrderEventType;
import io.tradingsdk.api.order.OrderIntent;
import io.tradingsdk.api.order.OrderRequest;
import io.tradingsdk.api.order.OrderSide;
import io.tradingsdk.api.order.OrderStatus;
import io.tradingsdk.api.order.OrderType;
import io.tradingsdk.api.order.TimeInForce;
import io.tradingsdk.api.risk.DenialReason;
import io.tradingsdk.api.signal.Signal;
import io.tradingsdk.api.signal.SignalAction;
import io.tradingsdk.postgres.SchemaName;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The journal's SQL for one schema. Every statement is prepared with bound values; the only text
 * put into SQL is the checked, quoted schema name. Batches are written with one statement per
 * table: the batch's column values travel as bound {@code text[]} arrays that {@code unnest}
 * turns back into rows, in order ({@code WITH ORDINALITY}), so the identity column keeps the order
 * recorded; {@code ON CONFLICT DO NOTHING} on the natural key makes a repeated write a no-op.
 *
 * <p>Stateless apart from the SQL strings; callers own connections and transactions.
 */
public final class JournalSql {

    private static final String RANKS_HIGHER = "(excluded.terminal, excluded.status_filled, excluded.status_event_id)"
            + " > (o.terminal, o.status_filled, o.status_event_id)";

    private final SchemaName schema;
    private final String insertSignals;
    private final String insertDecisions;
    private final String insertEvents;
    private final String insertFills;
    private final String insertConfigs;
    private final String insertMetrics;
    private final String insertBaselines;
    private final String insertReconciliations;
    private final String insertIntent;
    private final String insertOrderForIntent;

    public JournalSql(SchemaName schema) {
        this.schema = schema;
        insertSignals = unnestInsert("signals", "(strategy_id, signal_id)",
                "strategy_id", "text", "signal_id", "text", "symbol", "text", "action", "text",
                "confidence", "float8", "expected_return", "float8", "expected_loss", "float8",
                "reference_price", "numeric", "quantity", "numeric", "signal_time", "timestamptz");
        insertDecisions = unnestInsert("risk_decisions", "(record_id)",
                "record_id", "uuid", "signal_id", "text", "strategy_id", "text", "symbol", "text",
                "approved", "boolean", "reason_code", "text", "message", "text", "quantity", "numeric",
                "decision_time", "timestamptz");
        insertFills = unnestInsert("fills", "(fill_id)",
                "fill_id", "text", "client_order_id", "text", "symbol", "text", "side", "text",
                "quantity", "numeric", "price", "numeric", "fee", "numeric", "fill_time", "timestamptz");
        insertConfigs = unnestInsert("config_versions", "(target, version)",
                "target", "text", "version", "bigint", "origin", "text", "previous_values", "json",
                "current_values", "json", "changed_at", "timestamptz");
        insertMetrics = unnestInsert("metric_samples", "(record_id)",
                "record_id", "uuid", "name", "text", "strategy_id", "text", "value", "float8",
                "sample_time", "timestamptz");
        insertBaselines = unnestInsert("day_baselines", "(trading_day)",
                "trading_day", "date", "start_equity", "numeric");
        insertReconciliations = unnestInsert("reconciliations", "(account_id, kind, reconciliation_time)",
                "account_id", "text", "kind", "text", "reconciliation_time", "timestamptz", "differences", "json",
                "summary", "text");
        // Order events and the order summary in one statement: the summary is updated from the
        // events this statement actually inserted (repeats insert nothing, so they change nothing).
        // Per order, the batch's highest-ranked event (terminal, filled quantity, arrival) replaces
        // the stored status only if it ranks above the event that set it.
        String events = unnestInsert("order_events", "(event_key)",
                "event_key", "text", "client_order_id", "text", "event_type", "text", "status", "text",
                "terminal", "boolean", "broker_order_id", "text", "symbol", "text", "side", "text",
                "filled_quantity", "numeric", "average_fill_price", "numeric", "fill_id", "text",
                "fill_symbol", "text", "fill_side", "text", "fill_quantity", "numeric", "fill_price", "numeric",
                "fill_fee", "numeric", "fill_time", "timestamptz", "event_time", "timestamptz", "reason", "text");
        insertEvents = "WITH ins AS (" + events + " RETURNING id, client_order_id, symbol, side, broker_order_id, status,"
                + " terminal, filled_quantity, average_fill_price, event_time),"
                + " best AS (SELECT DISTINCT ON (client_order_id) * FROM ins WHERE status IS NOT NULL"
                + " ORDER BY client_order_id, terminal DESC, filled_quantity DESC, id DESC),"
                + " agg AS (SELECT client_order_id, max(filled_quantity) AS filled, min(event_time) AS first_time,"
                + " max(id) AS last_id, max(broker_order_id) AS broker_order_id FROM ins GROUP BY client_order_id),"
                + " summary AS (INSERT INTO " + schema.table("orders") + " AS o (client_order_id, symbol, side, broker_order_id, status,"
                + " terminal, status_filled, status_event_id, filled_quantity, average_fill_price, last_event_id,"
                + " created_at, updated_at)"
                + " SELECT b.client_order_id, b.symbol, b.side, coalesce(b.broker_order_id, a.broker_order_id), b.status,"
                + " b.terminal, b.filled_quantity, b.id, a.filled, b.average_fill_price, a.last_id, a.first_time, now()"
                + " FROM best b JOIN agg a ON a.client_order_id = b.client_order_id"
                + " ON CONFLICT (client_order_id) DO UPDATE SET"
                + " broker_order_id = coalesce(excluded.broker_order_id, o.broker_order_id),"
                + " status = CASE WHEN " + RANKS_HIGHER + " THEN excluded.status ELSE o.status END,"
                + " terminal = o.terminal OR excluded.terminal,"
                + " status_filled = CASE WHEN " + RANKS_HIGHER + " THEN excluded.status_filled ELSE o.status_filled END,"
                + " status_event_id = CASE WHEN " + RANKS_HIGHER + " THEN excluded.status_event_id"
                + " ELSE o.status_event_id END,"
                + " filled_quantity = greatest(o.filled_quantity, excluded.filled_quantity),"
                + " average_fill_price = CASE WHEN excluded.filled_quantity >= o.filled_quantity"
                + " THEN coalesce(excluded.average_fill_price, o.average_fill_price) ELSE o.average_fill_price END,"
                + " last_event_id = greatest(o.last_event_id, excluded.last_event_id), updated_at = now()"
                + " RETURNING 1) SELECT count(*) FROM ins";
        insertIntent = "INSERT INTO " + schema.table("order_intents") + " (client_order_id, signal_id, strategy_id, symbol,"
                + " side, order_type, time_in_force, quantity, notional, limit_price, stop_price, reference_price,"
                + " risk_fraction, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (client_order_id) DO NOTHING";
        insertOrderForIntent = "INSERT INTO " + schema.table("orders") + " AS o (client_order_id, strategy_id, symbol, side,"
                + " status, terminal, filled_quantity, created_at) VALUES (?, ?, ?, ?, ?, false, 0, ?)"
                + " ON CONFLICT (client_order_id) DO UPDATE SET strategy_id = coalesce(o.strategy_id, excluded.strategy_id)";
    }

    public SchemaName schema() {
        return schema;
    }

    /** Makes this transaction's commit wait for the WAL flush, whatever the server's default. */
    public static void requireSynchronousCommit(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('synchronous_commit', 'on', true)")) {
            ps.execute();
        }
    }

    private String unnestInsert(String table, String conflict, String... colsAndTypes) {
        StringBuilder cols = new StringBuilder();
        StringBuilder select = new StringBuilder();
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < colsAndTypes.length; i += 2) {
            String col = colsAndTypes[i];
            String type = colsAndTypes[i + 1];
            if (i > 0) {
                cols.append(", ");
                select.append(", ");
                params.append(", ");
            }
            cols.append(col);
            select.append("u.").append(col).append(type.equals("text") ? "" : "::" + type);
            params.append("?::text[]");
        }
        return "INSERT INTO " + schema.table(table) + " (" + cols + ") SELECT " + select + " FROM unnest(" + params
                + ") WITH ORDINALITY AS u(" + cols + ", ord) ORDER BY u.ord ON CONFLICT " + conflict + " DO NOTHING";
    }

    // ------------------------------------------------------------------ batch writes

    /**
     * Writes a batch of pipeline records (signals, decisions, order events, fills, configuration
     * versions, metrics, baselines, reconciliations) in the caller's transaction.
     *
     * @return rows actually inserted (repeats count zero)
     */
    public int writeBatch(Connection c, List<Object> items) throws SQLException {
        Columns signals = null;
        Columns decisions = null;
        Columns events = null;
        Columns fills = null;
        Columns configs = null;
        Columns metrics = null;
        Columns baselines = null;
        Columns reconciliations = null;
        int n = items.size();
        for (Object o : items) {
            if (o instanceof Signal s) {
                (signals == null ? signals = new Columns(10, n) : signals).row(s.strategyId(), s.id(), s.symbol(),
                        s.action().name(), Double.toString(s.confidence()), Double.toString(s.expectedReturn()),
                        Double.toString(s.expectedLoss()), dec(s.referencePrice()), dec(s.quantity()), time(s.time()));
            } else if (o instanceof Items.Decision d) {
                DecisionRecord r = d.decision();
                (decisions == null ? decisions = new Columns(9, n) : decisions).row(d.recordId().toString(), r.signalId(),
                        r.strategyId(), r.symbol(), Boolean.toString(r.approved()),
                        r.reason() == null ? null : r.reason().name(), r.message(), dec(r.quantity()), time(r.time()));
            } else if (o instanceof OrderEvent e) {
                OrderStatus status = e.type().resultingStatus();
                Fill f = e.fill();
                (events == null ? events = new Columns(19, n) : events).row(e.eventKey(), e.clientOrderId(),
                        e.type().name(), status == null ? null : status.name(),
                        Boolean.toString(status != null && status.isTerminal()), e.brokerOrderId(), e.symbol(),
                        e.side().name(), dec(e.filledQuantity()), dec(e.averageFillPrice()),
                        f == null ? null : f.fillId(), f == null ? null : f.symbol(), f == null ? null : f.side().name(),
                        f == null ? null : dec(f.quantity()), f == null ? null : dec(f.price()),
                        f == null ? null : dec(f.fee()), f == null ? null : time(f.time()), time(e.time()), e.reason());
            } else if (o instanceof Fill f) {
                (fills == null ? fills = new Columns(8, n) : fills).row(f.fillId(), f.clientOrderId(), f.symbol(),
                        f.side().name(), dec(f.quantity()), dec(f.price()), dec(f.fee()), time(f.time()));
            } else if (o instanceof Items.ConfigVersion v) {
                (configs == null ? configs = new Columns(6, n) : configs).row(v.target(), Long.toString(v.version()),
                        v.origin(), v.previousJson(), v.currentJson(), time(v.time()));
            } else if (o instanceof Items.Metric m) {
                (metrics == null ? metrics = new Columns(5, n) : metrics).row(m.recordId().toString(), m.name(),
                        m.strategyId(), Double.toString(m.value()), time(m.time()));
            } else if (o instanceof Items.DayBaseline b) {
                (baselines == null ? baselines = new Columns(2, n) : baselines).row(b.day().toString(),
                        dec(b.startEquity()));
            } else if (o instanceof ReconciliationRecord r) {
                (reconciliations == null ? reconciliations = new Columns(5, n) : reconciliations).row(r.accountId(),
                        r.kind(), time(r.time()), Json.write(r.differences()), r.summary());
            } else {
                throw new IllegalArgumentException("not a journal record: " + o.getClass().getName());
            }
        }
        int inserted = 0;
        inserted += insert(c, insertSignals, signals);
        inserted += insert(c, insertDecisions, decisions);
        inserted += insert(c, insertEvents, events);
        inserted += insert(c, insertFills, fills);
        inserted += insert(c, insertConfigs, configs);
        inserted += insert(c, insertMetrics, metrics);
        inserted += insert(c, insertBaselines, baselines);
        inserted += insert(c, insertReconciliations, reconciliations);
        return inserted;
    }

    private static int insert(Connection c, String sql, Columns cols) throws SQLException {
        if (cols == null) {
            return 0;
        }
        List<Array> arrays = new ArrayList<>(cols.width());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < cols.width(); i++) {
                Array a = c.createArrayOf("text", cols.column(i));
                arrays.add(a);
                ps.setArray(i + 1, a);
            }
            if (sql.startsWith("WITH")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
            return ps.executeUpdate();
        } finally {
            for (Array a : arrays) {
                a.free();
            }
        }
    }

    /** Column-wise text values of one table's rows. */
    private static final class Columns {
        private final String[][] values;
        private int rows;

        Columns(int width, int capacity) {
            values = new String[width][capacity];
        }

        void row(String... v) {
            for (int i = 0; i < v.length; i++) {
                values[i][rows] = v[i];
            }
            rows++;
        }

        int width() {
            return values.length;
        }

        String[] column(int i) {
            return rows == values[i].length ? values[i] : java.util.Arrays.copyOf(values[i], rows);
        }
    }

    /** Inserts intents (and their CREATED order rows) in the caller's transaction; repeats change nothing. */
    public void writeIntents(Connection c, List<OrderIntent> intents) throws SQLException {
        try (PreparedStatement pi = c.prepareStatement(insertIntent);
             PreparedStatement po = c.prepareStatement(insertOrderForIntent)) {
            for (OrderIntent i : intents) {
                OrderRequest r = i.request();
                pi.setString(1, r.clientOrderId());
                pi.setString(2, i.signalId());
                pi.setString(3, i.strategyId());
                pi.setString(4, r.symbol());
                pi.setString(5, r.side().name());
                pi.setString(6, r.type().name());
                pi.setString(7, r.timeInForce().name());
                setDecimal(pi, 8, r.quantity());
                setDecimal(pi, 9, r.notional());
                setDecimal(pi, 10, r.limitPrice());
                setDecimal(pi, 11, r.stopPrice());
                pi.setBigDecimal(12, i.referencePrice());
                pi.setDouble(13, i.riskFraction());
                pi.setObject(14, odt(i.createdAt()));
                po.setString(1, r.clientOrderId());
                po.setString(2, i.strategyId());
                po.setString(3, r.symbol());
                po.setString(4, r.side().name());
                po.setString(5, OrderStatus.CREATED.name());
                po.setObject(6, odt(i.createdAt()));
                if (intents.size() == 1) {
                    pi.executeUpdate();
                    po.executeUpdate();
                } else {
                    pi.addBatch();
                    po.addBatch();
                }
            }
            if (intents.size() > 1) {
                pi.executeBatch();
                po.executeBatch();
            }
        }
    }

    // ------------------------------------------------------------------ reads

    private static final String INTENT_COLUMNS = "i.client_order_id, i.signal_id, i.strategy_id, i.symbol, i.side,"
            + " i.order_type, i.time_in_force, i.quantity, i.notional, i.limit_price, i.stop_price, i.reference_price,"
            + " i.risk_fraction, i.created_at";

    public Optional<OrderIntent> findIntent(Connection c, String clientOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INTENT_COLUMNS + " FROM " + schema.table("order_intents")
                + " i WHERE i.client_order_id = ?")) {
            ps.setString(1, clientOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(intent(rs, 1)) : Optional.empty();
            }
        }
    }

    public List<OrderIntent> intents(Connection c) throws SQLException {
        List<OrderIntent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INTENT_COLUMNS + " FROM "
                + schema.table("order_intents") + " i ORDER BY i.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(intent(rs, 1));
            }
        }
        return out;
    }

    /** An open order for recovery: its intent and its last known state. */
    public record OpenOrderRow(OrderIntent intent, OrderStatus status, BigDecimal filledQuantity,
                               BigDecimal averageFillPrice, String brokerOrderId) {
    }

    /** Intents whose order has no terminal status yet, in the order recorded. */
    public List<OpenOrderRow> openOrders(Connection c) throws SQLException {
        List<OpenOrderRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INTENT_COLUMNS + ", o.status, o.filled_quantity,"
                + " o.average_fill_price, o.broker_order_id FROM " + schema.table("orders") + " o JOIN "
                + schema.table("order_intents") + " i ON i.client_order_id = o.client_order_id"
                + " WHERE NOT o.terminal ORDER BY i.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new OpenOrderRow(intent(rs, 1), OrderStatus.valueOf(rs.getString(15)), rs.getBigDecimal(16),
                        rs.getBigDecimal(17), rs.getString(18)));
            }
        }
        return out;
    }

    // An order's view: its intent, the status of its last event that has one (CREATED when none),
    // the last broker id its events carried, and the sums of its fills. Events and fills are read
    // per order through the indexes order_events_by_order and fills_by_order.
    private static final String ORDER_VIEW_COLUMNS = INTENT_COLUMNS + ", ev.status, ev.terminal, ev.broker_order_id,"
            + " fs.quantity, fs.notional";

    private String orderViewJoins(String orderIdColumn) {
        return " LEFT JOIN LATERAL (SELECT"
                + " (array_agg(e.status ORDER BY e.id DESC) FILTER (WHERE e.status IS NOT NULL))[1] AS status,"
                + " (array_agg(e.terminal ORDER BY e.id DESC) FILTER (WHERE e.status IS NOT NULL))[1] AS terminal,"
                + " (array_agg(e.broker_order_id ORDER BY e.id DESC) FILTER (WHERE e.broker_order_id IS NOT NULL))[1]"
                + " AS broker_order_id FROM " + schema.table("order_events") + " e WHERE e.client_order_id = "
                + orderIdColumn + ") ev ON true"
                + " LEFT JOIN LATERAL (SELECT sum(f.quantity) AS quantity, sum(f.quantity * f.price) AS notional FROM "
                + schema.table("fills") + " f WHERE f.client_order_id = " + orderIdColumn + ") fs ON true";
    }

    private static JournaledOrder orderView(ResultSet rs) throws SQLException {
        String status = rs.getString(15);
        BigDecimal qty = rs.getBigDecimal(18);
        BigDecimal notional = rs.getBigDecimal(19);
        return new JournaledOrder(intent(rs, 1), status == null ? OrderStatus.CREATED : OrderStatus.valueOf(status),
                qty == null ? BigDecimal.ZERO : qty, notional == null ? BigDecimal.ZERO : notional, rs.getString(17));
    }

    /** What the journal knows of one order, or empty without an intent for the id. */
    public Optional<JournaledOrder> journaledOrder(Connection c, String clientOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_VIEW_COLUMNS + " FROM "
                + schema.table("order_intents") + " i" + orderViewJoins("i.client_order_id")
                + " WHERE i.client_order_id = ?")) {
            ps.setString(1, clientOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(orderView(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Orders whose last status-bearing event is not terminal (or that have none), oldest intent
     * first, in one statement. The candidates come from the orders summary: an order it does not
     * hold as terminal, or one with an event recorded after the event that set its status (the
     * summary ranks a terminal status above a late non-terminal event; the journal's contract
     * takes the last event). The events and fills are read only for the candidates.
     */
    public List<JournaledOrder> unfinishedOrders(Connection c) throws SQLException {
        List<JournaledOrder> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_VIEW_COLUMNS + " FROM " + schema.table("orders")
                + " o JOIN " + schema.table("order_intents") + " i ON i.client_order_id = o.client_order_id"
                + orderViewJoins("o.client_order_id")
                + " WHERE (NOT o.terminal OR o.last_event_id > o.status_event_id) AND NOT coalesce(ev.terminal, false)"
                + " ORDER BY i.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(orderView(rs));
            }
        }
        return out;
    }

    /** Fills of one order, in the order recorded. */
    public List<Fill> fills(Connection c, String clientOrderId) throws SQLException {
        return fills(c, " WHERE client_order_id = ?", ps -> ps.setString(1, clientOrderId));
    }

    /** Fills whose time is at or after {@code since}, in the order recorded. */
    public List<Fill> fillsSince(Connection c, Instant since) throws SQLException {
        return fills(c, " WHERE fill_time >= ?", ps -> ps.setObject(1, odt(since)));
    }

    /** Reconciliations, in the order recorded. */
    public List<ReconciliationRecord> reconciliations(Connection c) throws SQLException {
        List<ReconciliationRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, kind, reconciliation_time, differences::text,"
                + " summary FROM " + schema.table("reconciliations") + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> differences = new ArrayList<>();
                if (Json.read(rs.getString(4)) instanceof List<?> list) {
                    for (Object o : list) {
                        differences.add(String.valueOf(o));
                    }
                }
                out.add(new ReconciliationRecord(rs.getString(1), rs.getString(2), instant(rs, 3), differences,
                        rs.getString(5)));
            }
        }
        return out;
    }

    private static OrderIntent intent(ResultSet rs, int p) throws SQLException {
        OrderRequest r = new OrderRequest(rs.getString(p), rs.getString(p + 3), OrderSide.valueOf(rs.getString(p + 4)),
                rs.getBigDecimal(p + 7), rs.getBigDecimal(p + 8), OrderType.valueOf(rs.getString(p + 5)),
                rs.getBigDecimal(p + 9), rs.getBigDecimal(p + 10), TimeInForce.valueOf(rs.getString(p + 6)));
        return new OrderIntent(r, rs.getString(p + 1), rs.getString(p + 2), rs.getBigDecimal(p + 11),
                rs.getDouble(p + 12), instant(rs, p + 13));
    }

    public List<OrderEvent> orderEvents(Connection c, String clientOrderId) throws SQLException {
        List<OrderEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT event_type, client_order_id, broker_order_id, symbol, side,"
                + " filled_quantity, average_fill_price, fill_id, fill_symbol, fill_side, fill_quantity, fill_price,"
                + " fill_fee, fill_time, event_time, reason FROM " + schema.table("order_events")
                + " WHERE client_order_id = ? ORDER BY id")) {
            ps.setString(1, clientOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String coid = rs.getString(2);
                    String fillId = rs.getString(8);
                    Fill fill = fillId == null ? null : new Fill(fillId, coid, rs.getString(9),
                            OrderSide.valueOf(rs.getString(10)), rs.getBigDecimal(11), rs.getBigDecimal(12),
                            rs.getBigDecimal(13), instant(rs, 14));
                    out.add(new OrderEvent(OrderEventType.valueOf(rs.getString(1)), coid, rs.getString(3),
                            rs.getString(4), OrderSide.valueOf(rs.getString(5)), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            fill, instant(rs, 15), rs.getString(16)));
                }
            }
        }
        return out;
    }

    public List<Fill> fills(Connection c) throws SQLException {
        return fills(c, "", ps -> { });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Fill> fills(Connection c, String where, Binder binder) throws SQLException {
        List<Fill> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT fill_id, client_order_id, symbol, side, quantity, price, fee,"
                + " fill_time FROM " + schema.table("fills") + where + " ORDER BY id")) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Fill(rs.getString(1), rs.getString(2), rs.getString(3), OrderSide.valueOf(rs.getString(4)),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), instant(rs, 8)));
                }
            }
        }
        return out;
    }

    /** Signed net quantity per symbol over all fills (symbols whose fills net to zero included). */
    public List<Object[]> netQuantities(Connection c) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT symbol, sum(CASE WHEN side = 'BUY' THEN quantity"
                + " ELSE -quantity END) FROM " + schema.table("fills") + " GROUP BY symbol ORDER BY symbol");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Object[] {rs.getString(1), rs.getBigDecimal(2)});
            }
        }
        return out;
    }

    public Optional<BigDecimal> dayBaseline(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT start_equity FROM " + schema.table("day_baselines")
                + " WHERE trading_day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBigDecimal(1)) : Optional.empty();
            }
        }
    }

    public List<Signal> signals(Connection c) throws SQLException {
        List<Signal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT signal_id, strategy_id, symbol, action, confidence,"
                + " expected_return, expected_loss, reference_price, quantity, signal_time FROM "
                + schema.table("signals") + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Signal(rs.getString(1), rs.getString(2), rs.getString(3), SignalAction.valueOf(rs.getString(4)),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        instant(rs, 10)));
            }
        }
        return out;
    }

    public List<DecisionRecord> decisions(Connection c) throws SQLException {
        List<DecisionRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT signal_id, strategy_id, symbol, approved, reason_code,"
                + " message, quantity, decision_time FROM " + schema.table("risk_decisions") + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String reason = rs.getString(5);
                out.add(new DecisionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        reason == null ? null : DenialReason.valueOf(reason), rs.getString(6), rs.getBigDecimal(7),
                        instant(rs, 8)));
            }
        }
        return out;
    }

    public List<Items.ConfigVersion> configVersions(Connection c) throws SQLException {
        List<Items.ConfigVersion> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, target, origin, previous_values::text,"
                + " current_values::text, changed_at FROM " + schema.table("config_versions") + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Items.ConfigVersion(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs, 6)));
            }
        }
        return out;
    }

    /** Metric samples of one name, oldest first: (record id, strategy id, value, time). */
    public List<Items.Metric> metrics(Connection c, String name) throws SQLException {
        List<Items.Metric> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id, name, strategy_id, value, sample_time FROM "
                + schema.table("metric_samples") + " WHERE name = ? ORDER BY sample_time, id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Items.Metric(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getDouble(4), instant(rs, 5)));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    static String dec(BigDecimal d) {
        return d == null ? null : d.toString();
    }

    static String time(Instant t) {
        return t.toString();
    }

    public static OffsetDateTime odt(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void setDecimal(PreparedStatement ps, int i, BigDecimal v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i, v);
        }
    }
}
