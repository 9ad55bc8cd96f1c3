package io.tradingsdk.alpaca.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one authenticated stream session is subscribed to, as Alpaca last confirmed it, and the
 * (un)subscribe requests awaiting an answer. Alpaca answers each request in order with a
 * {@code subscription} message listing the session's full state, or with an error; so requests are
 * sent one at a time and each answer belongs to the oldest one. Used on the delivery thread only.
 */
final class SessionSubscriptions {

    /** One request: what it adds or removes, and the subscribers waiting for it. */
    record Change(boolean subscribe, Set<String> bars, Set<String> trades, Set<String> quotes,
                  List<StreamSubscriber> owners, boolean resync) {
    }

    private final Set<String> bars = new HashSet<>();
    private final Set<String> trades = new HashSet<>();
    private final Set<String> quotes = new HashSet<>();
    private final Deque<Change> inFlight = new ArrayDeque<>();

    /** A new session starts with nothing. */
    void reset() {
        bars.clear();
        trades.clear();
        quotes.clear();
        inFlight.clear();
    }

    boolean busy() {
        return !inFlight.isEmpty();
    }

    /** Whether the session has everything {@code s} wants. */
    boolean covers(StreamSubscriber s) {
        return bars.containsAll(s.bars) && trades.containsAll(s.trades) && quotes.containsAll(s.quotes);
    }

    /**
     * The request that moves the session toward what {@code subscribers} want, recorded as in flight,
     * or {@code null} if nothing is to be done or a request is already in flight. Additions come
     * first (their owners are the subscribers still waiting), then removals.
     */
    Change next(List<StreamSubscriber> subscribers, boolean resync) {
        if (busy()) {
            return null;
        }
        Set<String> wantBars = new HashSet<>();
        Set<String> wantTrades = new HashSet<>();
        Set<String> wantQuotes = new HashSet<>();
        for (StreamSubscriber s : subscribers) {
            wantBars.addAll(s.bars);
            wantTrades.addAll(s.trades);
            wantQuotes.addAll(s.quotes);
        }
        Change c = null;
        Set<String> addBars = minus(wantBars, bars);
        Set<String> addTrades = minus(wantTrades, trades);
        Set<String> addQuotes = minus(wantQuotes, quotes);
        if (!addBars.isEmpty() || !addTrades.isEmpty() || !addQuotes.isEmpty()) {
            List<StreamSubscriber> owners = subscribers.stream().filter(s -> !s.confirmed.isDone()).toList();
            c = new Change(true, addBars, addTrades, addQuotes, owners, resync);
        } else {
            Set<String> dropBars = minus(bars, wantBars);
            Set<String> dropTrades = minus(trades, wantTrades);
            Set<String> dropQuotes = minus(quotes, wantQuotes);
            if (!dropBars.isEmpty() || !dropTrades.isEmpty() || !dropQuotes.isEmpty()) {
                c = new Change(false, dropBars, dropTrades, dropQuotes, List.of(), false);
            }
        }
        if (c != null) {
            inFlight.add(c);
        }
        return c;
    }

    /** A {@code subscription} message: the session's state now; answers the oldest request. */
    void confirmed(JsonNode subscription) {
        replace(bars, StreamMessages.symbols(subscription, "bars"));
        replace(trades, StreamMessages.symbols(subscription, "trades"));
        replace(quotes, StreamMessages.symbols(subscription, "quotes"));
        inFlight.poll();
    }

    /** An error answering the oldest request; returns that request, or {@code null} if none waited. */
    Change refused() {
        return inFlight.poll();
    }

    private static void replace(Set<String> target, Set<String> values) {
        target.clear();
        target.addAll(values);
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
