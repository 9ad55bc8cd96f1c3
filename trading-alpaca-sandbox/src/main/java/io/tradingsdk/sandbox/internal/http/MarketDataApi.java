package io.tradingsdk.sandbox.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.sandbox.internal.broker.Decimals;
import io.tradingsdk.sandbox.internal.broker.Symbols;
import io.tradingsdk.sandbox.internal.replay.BarStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alpaca's historical bars ({@code GET /v2/stocks/bars}, {@code GET /v1beta3/crypto/us/bars}) over
 * the bars replayed so far: nothing after the sandbox clock is visible. A symbol is served in the
 * timeframe it is replayed in; another timeframe is a 400 naming the one available.
 */
final class MarketDataApi {
    private static final Set<String> STOCK_FEEDS = Set.of("iex", "sip", "delayed_sip", "boats", "otc");
    private static final int MAX_SYMBOLS = 100;

    private final BarStore store;

    MarketDataApi(BarStore store) {
        this.store = store;
    }

    Reply route(Call c) {
        if (!c.method().equals("GET")) {
            return null;
        }
        return switch (c.path()) {
            case "/v2/stocks/bars" -> bars(c, false);
            case "/v1beta3/crypto/us/bars" -> bars(c, true);
            default -> null;
        };
    }

    private Reply bars(Call c, boolean crypto) {
        if (!crypto && c.param("feed") != null && !STOCK_FEEDS.contains(c.param("feed"))) {
            throw new Call.BadRequest("invalid feed: " + Decimals.shorten(c.param("feed")));
        }
        String symbolsParam = c.param("symbols");
        String timeframeParam = c.param("timeframe");
        if (symbolsParam == null || symbolsParam.isEmpty() || timeframeParam == null) {
            throw new Call.BadRequest("symbols and timeframe are required");
        }
        Timeframe timeframe;
        try {
            timeframe = Timeframe.parse(timeframeParam);
        } catch (IllegalArgumentException e) {
            throw new Call.BadRequest("invalid timeframe: " + Decimals.shorten(timeframeParam));
        }
        TreeSet<String> symbols = new TreeSet<>(List.of(symbolsParam.split(",")));
        if (symbols.size() > MAX_SYMBOLS) {
            throw new Call.BadRequest("at most " + MAX_SYMBOLS + " symbols per request");
        }
        for (String s : symbols) {
            if (!s.matches("[A-Z0-9.]{1,12}(/[A-Z0-9]{1,10})?") || Symbols.isCrypto(s) != crypto) {
                throw new Call.BadRequest("invalid symbol: " + Decimals.shorten(s)
                        + (crypto ? " (crypto pairs are written like BTC/USD)" : ""));
            }
        }
        int limit = c.intParam("limit", 1000, 1, 10_000);
        String sort = c.param("sort") == null ? "asc" : c.param("sort");
        if (!sort.equals("asc") && !sort.equals("desc")) {
            throw new Call.BadRequest("sort must be asc or desc");
        }
        Instant start = time(c, "start");
        Instant end = time(c, "end");
        String fromSymbol = null;
        int fromIndex = 0;
        String token = c.param("page_token");
        if (token != null) {
            try {
                String[] t = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
                fromSymbol = t[0];
                fromIndex = Integer.parseInt(t[1]);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new Call.BadRequest("invalid page_token");
            }
        }
        ObjectNode resp = Reply.JSON.createObjectNode();
        ObjectNode out = resp.putObject("bars");
        int n = 0;
        String next = null;
        outer:
        for (String s : symbols) {
            if (fromSymbol != null && s.compareTo(fromSymbol) < 0) {
                continue;
            }
            List<Bar> series = store.range(s, start, end);
            if (!series.isEmpty() && !series.get(0).timeframe().equals(timeframe)) {
                throw new Call.BadRequest("the sandbox replays " + s + " as " + series.get(0).timeframe()
                        + " bars, not " + timeframe);
            }
            if (sort.equals("desc")) {
                series = new java.util.ArrayList<>(series);
                java.util.Collections.reverse(series);
            }
            for (int i = s.equals(fromSymbol) ? fromIndex : 0; i < series.size(); i++) {
                if (n == limit) {
                    next = Base64.getEncoder().encodeToString((s + "|" + i).getBytes(StandardCharsets.UTF_8));
                    break outer;
                }
                ArrayNode arr = out.has(s) ? (ArrayNode) out.get(s) : out.putArray(s);
                arr.add(Wire.bar(series.get(i), null));
                n++;
            }
        }
        if (next == null) {
            resp.putNull("next_page_token");
        } else {
            resp.put("next_page_token", next);
        }
        return Reply.ok(resp);
    }

    private static Instant time(Call c, String name) {
        String v = c.param(name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new Call.BadRequest(name + " must be an RFC-3339 time or a date, was " + Decimals.shorten(v));
        }
    }
}
