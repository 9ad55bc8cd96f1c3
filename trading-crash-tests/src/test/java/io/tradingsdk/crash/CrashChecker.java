package io.tradingsdk.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares, from the outside, what the Alpaca-like server did, what the PostgreSQL journal holds
 * and what the engine's ledger says after the last restart, and lists every difference:
 * <ol>
 *   <li>no signal has more than one order at the server;</li>
 *   <li>every journaled intent is resolved and agrees with the server: an order the server has is
 *       journaled with the server's status when that is final; an order the server never got is
 *       journaled REJECTED (or DENIED); nothing is left CREATED, SUBMITTED or UNKNOWN; every
 *       server order has an intent;</li>
 *   <li>every execution at the server is journaled exactly once (by its execution id), nothing is
 *       journaled that the server did not execute, and per order the journaled fill quantities add
 *       up to the server's filled quantity;</li>
 *   <li>the ledger's positions and cash equal the server's.</li>
 * </ol>
 * The real run and the control use this same code.
 */
final class CrashChecker {
    private static final Set<String> UNRESOLVED = Set.of("CREATED", "SUBMITTED", "UNKNOWN");
    private static final Set<String> NEVER_SENT = Set.of("REJECTED", "DENIED");

    private CrashChecker() {
    }

    /** What kind of difference; the report counts them by kind. */
    enum Kind {
        DUPLICATE_ORDER, FOREIGN_ORDER, UNRESOLVED_INTENT, STATUS_DISAGREES, ORDER_WITHOUT_INTENT, MISSING_FILL,
        DOUBLE_FILL, FILL_ID_TWICE, DERIVED_FILL, UNKNOWN_FILL, FILLED_QUANTITY, LEDGER
    }

    /** One difference between server, journal and ledger; {@code text} says exactly what differs. */
    record Difference(Kind kind, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    record JournalOrder(String clientOrderId, String status, BigDecimal filledQuantity) {
    }

    record JournalFill(String fillId, String clientOrderId, BigDecimal quantity) {
    }

    /** Reads the journal's intents/orders and fills of {@code schema} with plain SQL. */
    static Map<String, JournalOrder> journalOrders(String jdbcUrl, String schema) throws SQLException {
        Map<String, JournalOrder> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
             PreparedStatement ps = c.prepareStatement("SELECT i.client_order_id, o.status, o.filled_quantity FROM \""
                     + schema + "\".order_intents i LEFT JOIN \"" + schema + "\".orders o USING (client_order_id) ORDER BY i.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new JournalOrder(rs.getString(1), rs.getString(2) == null ? "(no order row)"
                        : rs.getString(2), rs.getBigDecimal(3) == null ? BigDecimal.ZERO : rs.getBigDecimal(3)));
            }
        }
        return out;
    }

    static List<JournalFill> journalFills(String jdbcUrl, String schema) throws SQLException {
        List<JournalFill> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
             PreparedStatement ps = c.prepareStatement("SELECT fill_id, client_order_id, quantity FROM \"" + schema
                     + "\".fills ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new JournalFill(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)));
            }
        }
        return out;
    }

    /**
     * @param server  the server's {@code /_test/state}
     * @param ledger  the final host's {@code ledger.json}, or null when it wrote none
     * @return every difference, one line each, most important first
     */
    static List<Difference> check(JsonNode server, Map<String, JournalOrder> journal, List<JournalFill> fills, JsonNode ledger) {
        List<Difference> diffs = new ArrayList<>();
        Map<String, JsonNode> serverOrders = new LinkedHashMap<>();
        for (JsonNode o : server.path("orders")) {
            serverOrders.put(o.path("client_order_id").asText(), o);
        }

        // 1. One order per signal at the server.
        Map<Integer, List<String>> bySignal = new TreeMap<>();
        for (String cid : serverOrders.keySet()) {
            int n = CrashHost.signalNumber(cid);
            if (n < 0) {
                diffs.add(new Difference(Kind.FOREIGN_ORDER, "server order " + cid + " was not placed by the crash host"));
            } else {
                bySignal.computeIfAbsent(n, k -> new ArrayList<>()).add(cid);
            }
        }
        bySignal.forEach((n, cids) -> {
            if (cids.size() > 1) {
                diffs.add(new Difference(Kind.DUPLICATE_ORDER,
                        "duplicate orders: signal s-" + n + " has " + cids.size() + " orders at the server " + cids));
            }
        });

        // 2. Intents resolved and agreeing with the server.
        journal.forEach((cid, j) -> {
            JsonNode o = serverOrders.get(cid);
            String serverStatus = o == null ? null : o.path("status").asText().toUpperCase(java.util.Locale.ROOT);
            if (UNRESOLVED.contains(j.status()) || j.status().startsWith("(")) {
                diffs.add(new Difference(Kind.UNRESOLVED_INTENT,
                        "unresolved intent " + cid + ": journal status " + j.status() + ", server "
                        + (o == null ? "has no such order" : "status " + serverStatus)));
            } else if (o == null && !NEVER_SENT.contains(j.status())) {
                diffs.add(new Difference(Kind.STATUS_DISAGREES,
                        "intent " + cid + ": journal status " + j.status() + " but the server never received the order"));
            } else if (o != null && isFinalAtServer(serverStatus) && !serverStatus.equals(j.status())) {
                diffs.add(new Difference(Kind.STATUS_DISAGREES,
                        "intent " + cid + ": journal status " + j.status() + ", server status " + serverStatus));
            } else if (o != null && NEVER_SENT.contains(j.status()) && !serverStatus.equals(j.status())) {
                diffs.add(new Difference(Kind.STATUS_DISAGREES,
                        "intent " + cid + ": journal says " + j.status() + " (not at the broker) but the server has it "
                        + serverStatus));
            }
        });
        for (String cid : serverOrders.keySet()) {
            if (!journal.containsKey(cid)) {
                diffs.add(new Difference(Kind.ORDER_WITHOUT_INTENT,
                        "server order " + cid + " has no intent in the journal"));
            }
        }

        // 3. Every execution journaled exactly once; per order, journaled quantity = server filled quantity.
        Map<String, Integer> journaledTimes = new TreeMap<>();
        Map<String, JsonNode> executionsById = new LinkedHashMap<>();
        for (JsonNode e : server.path("executions")) {
            executionsById.put(e.path("_execution_id").asText(), e);
            journaledTimes.put(e.path("_execution_id").asText(), 0);
        }
        Map<String, String> activityToExecution = new LinkedHashMap<>();
        executionsById.forEach((exec, e) -> activityToExecution.put(e.path("id").asText(), exec));
        Map<String, Integer> fillIdCount = new TreeMap<>();
        Map<String, BigDecimal> journaledQty = new TreeMap<>();
        for (JournalFill f : fills) {
            fillIdCount.merge(f.fillId(), 1, Integer::sum);
            journaledQty.merge(f.clientOrderId(), f.quantity(), BigDecimal::add);
            String exec = executionsById.containsKey(f.fillId()) ? f.fillId() : activityToExecution.get(f.fillId());
            if (exec == null && f.fillId().startsWith(f.clientOrderId() + "#")) {
                diffs.add(new Difference(Kind.DERIVED_FILL,
                        "derived fill " + f.fillId() + " of " + f.clientOrderId() + " (" + f.quantity().toPlainString()
                        + "): made from a cumulative quantity, it names no execution at the server"));
            } else if (exec == null) {
                diffs.add(new Difference(Kind.UNKNOWN_FILL,
                        "journaled fill " + f.fillId() + " of " + f.clientOrderId() + " (" + f.quantity().toPlainString()
                        + ") is not an execution at the server"));
            } else {
                journaledTimes.merge(exec, 1, Integer::sum);
            }
        }
        fillIdCount.forEach((id, n) -> {
            if (n > 1) {
                diffs.add(new Difference(Kind.FILL_ID_TWICE, "fill id " + id + " journaled " + n + " times"));
            }
        });
        journaledTimes.forEach((exec, n) -> {
            JsonNode e = executionsById.get(exec);
            String what = "execution " + exec + " of " + e.path("_client_order_id").asText() + " (" + e.path("qty").asText()
                    + " @ " + e.path("price").asText() + ")";
            if (n == 0) {
                diffs.add(new Difference(Kind.MISSING_FILL, "missing fill: " + what + " is not in the journal"));
            } else if (n > 1) {
                diffs.add(new Difference(Kind.DOUBLE_FILL, "double fill: " + what + " is journaled " + n + " times"));
            }
        });
        for (Map.Entry<String, JsonNode> o : serverOrders.entrySet()) {
            BigDecimal serverFilled = new BigDecimal(o.getValue().path("filled_qty").asText("0"));
            BigDecimal journaled = journaledQty.getOrDefault(o.getKey(), BigDecimal.ZERO);
            if (serverFilled.compareTo(journaled) != 0) {
                diffs.add(new Difference(Kind.FILLED_QUANTITY,
                        "order " + o.getKey() + ": server filled " + serverFilled.toPlainString() + ", journal fills add up to "
                        + journaled.toPlainString()));
            }
        }

        // 4. Ledger = server.
        if (ledger == null) {
            diffs.add(new Difference(Kind.LEDGER, "no ledger: the final host did not write one"));
        } else {
            Set<String> symbols = new TreeSet<>();
            server.path("positions").fieldNames().forEachRemaining(symbols::add);
            ledger.path("positions").fieldNames().forEachRemaining(symbols::add);
            for (String s : symbols) {
                BigDecimal atServer = new BigDecimal(server.path("positions").path(s).asText("0"));
                BigDecimal inLedger = new BigDecimal(ledger.path("positions").path(s).asText("0"));
                if (atServer.compareTo(inLedger) != 0) {
                    diffs.add(new Difference(Kind.LEDGER,
                            "position " + s + ": server " + atServer.toPlainString() + ", ledger " + inLedger.toPlainString()));
                }
            }
            BigDecimal serverCash = new BigDecimal(server.path("cash").asText());
            BigDecimal ledgerCash = new BigDecimal(ledger.path("cash").asText());
            if (serverCash.compareTo(ledgerCash) != 0) {
                diffs.add(new Difference(Kind.LEDGER,
                        "cash: server " + serverCash.toPlainString() + ", ledger " + ledgerCash.toPlainString()
                        + " (difference " + ledgerCash.subtract(serverCash).toPlainString() + ")"));
            }
        }
        return diffs;
    }

    private static boolean isFinalAtServer(String status) {
        return Set.of("FILLED", "CANCELED", "EXPIRED", "REPLACED", "REJECTED").contains(status);
    }
}
