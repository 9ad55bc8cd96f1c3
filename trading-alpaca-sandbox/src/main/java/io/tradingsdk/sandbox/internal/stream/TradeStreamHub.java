package io.tradingsdk.sandbox.internal.stream;

import io.tradingsdk.sandbox.internal.broker.TradeUpdate;
import io.tradingsdk.sandbox.internal.http.Wire;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/** The trade_updates listeners; the broker hands every update here (under its lock, in order). */
public final class TradeStreamHub implements Consumer<TradeUpdate> {
    private final Set<Outbound> listeners = new CopyOnWriteArraySet<>();

    @Override
    public void accept(TradeUpdate update) {
        if (listeners.isEmpty()) {
            return;
        }
        String message = Wire.tradeUpdate(update);
        for (Outbound o : listeners) {
            if (!o.send(message)) {
                listeners.remove(o);
            }
        }
    }

    void listen(Outbound o) {
        listeners.add(o);
    }

    void remove(Outbound o) {
        listeners.remove(o);
    }

    /** How many connections listen to trade_updates. */
    public int listening() {
        return listeners.size();
    }
}
