package io.tradingsdk.sandbox.internal.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tradingsdk.api.market.Bar;
import io.tradingsdk.api.market.Timeframe;
import io.tradingsdk.sandbox.internal.broker.Symbols;
import io.tradingsdk.sandbox.internal.http.Wire;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The market data stream connections; the replay hands each step's bars here. Stock bars go to the
 * stock feeds' connections, crypto bars to the crypto feed's, each as one JSON array per step.
 */
public final class MarketDataHub implements Consumer<List<Bar>> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<MarketDataSession> sessions = new CopyOnWriteArraySet<>();

    @Override
    public void accept(List<Bar> step) {
        for (MarketDataSession s : sessions) {
            ArrayNode batch = JSON.createArrayNode();
            for (Bar b : step) {
                if (Symbols.isCrypto(b.symbol()) != s.crypto()) {
                    continue;
                }
                if (s.wantsBars(b.symbol())) {
                    batch.add(Wire.bar(b, "b"));
                }
                if (b.timeframe().equals(Timeframe.DAY_1) && s.wantsDailyBars(b.symbol())) {
                    batch.add(Wire.bar(b, "d"));
                }
            }
            if (!batch.isEmpty()) {
                s.send(batch.toString());
            }
        }
    }

    /** Registers an authenticated session; false when another one is authenticated on the same endpoint. */
    synchronized boolean register(MarketDataSession s) {
        for (MarketDataSession other : sessions) {
            if (other.endpoint().equals(s.endpoint())) {
                return false;
            }
        }
        sessions.add(s);
        return true;
    }

    /**
     * Drops every market data connection at once, without a close handshake, as a network failure
     * would; the sessions are forgotten first, so a client reconnecting at once is not refused as a
     * second connection. Returns how many were dropped.
     */
    public synchronized int dropAll() {
        int n = 0;
        for (MarketDataSession s : sessions) {
            sessions.remove(s);
            s.drop();
            n++;
        }
        return n;
    }

    void remove(MarketDataSession s) {
        sessions.remove(s);
    }
}
