package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Quote;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.api.market.Trade;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alpaca market data stream messages: the client's auth and (un)subscribe messages, and readers
 * for bars ({@code b}, {@code u}), trades ({@code t}) and quotes ({@code q}). Readers throw
 * {@link IllegalArgumentException} naming the missing or wrong field (the value is never echoed in
 * full).
 */
final class StreamMessages {
    private StreamMessages() {
    }

    static String auth(String key, String secret) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("action", "auth");
        m.put("key", key);
        m.put("secret", secret);
        return m.toString();
    }

    /** {@code {"action":"subscribe"|"unsubscribe","bars":[..],"updatedBars":[..],"trades":[..],"quotes":[..]}}. */
    static String change(boolean subscribe, Collection<String> bars, Collection<String> trades, Collection<String> quotes) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("action", subscribe ? "subscribe" : "unsubscribe");
        if (!bars.isEmpty()) {
            array(m.putArray("bars"), bars);
            array(m.putArray("updatedBars"), bars);
        }
        if (!trades.isEmpty()) {
            array(m.putArray("trades"), trades);
        }
        if (!quotes.isEmpty()) {
            array(m.putArray("quotes"), quotes);
        }
        return m.toString();
    }

    private static void array(ArrayNode a, Collection<String> values) {
        for (String v : new TreeSet<>(values)) {
            a.add(v);
        }
    }

    /** The symbols of a list field of a {@code subscription} message. */
    static Set<String> symbols(JsonNode subscription, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode s : subscription.path(field)) {
            out.add(s.asText());
        }
        return out;
    }

    static Bar minuteBar(JsonNode n) {
        String symbol = Json.requiredText(n, "S");
        Instant t = Json.instant(n, "t");
        if (t == null) {
            throw new IllegalArgumentException("field 't' is missing");
        }
        return new Bar(symbol, t, Timeframe.MINUTE_1, number(n, "o"), number(n, "h"), number(n, "l"), number(n, "c"),
                number(n, "v"));
    }

    static Trade trade(JsonNode n) {
        Instant t = Json.instant(n, "t");
        if (t == null) {
            throw new IllegalArgumentException("field 't' is missing");
        }
        return new Trade(Json.requiredText(n, "S"), t, number(n, "p"), number(n, "s"));
    }

    static Quote quote(JsonNode n) {
        Instant t = Json.instant(n, "t");
        if (t == null) {
            throw new IllegalArgumentException("field 't' is missing");
        }
        return new Quote(Json.requiredText(n, "S"), t, number(n, "bp"), number(n, "bs"), number(n, "ap"), number(n, "as"));
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a number");
        }
        return v.doubleValue();
    }
}
