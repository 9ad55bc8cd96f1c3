package io.tradingsdk.alpaca.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The process-wide registry of market data stream connections: Alpaca allows one connection per
 * endpoint and account, so every {@code AlpacaMarketDataStream} of the process with the same
 * endpoint URL and key id shares one {@link MarketDataStream}. Reference counted: the connection
 * closes when its last user releases it. Keys hold the key id only as a hash.
 */
public final class SharedStreams {
    private static final Map<String, Entry> STREAMS = new HashMap<>();

    private SharedStreams() {
    }

    /** A shared stream and the backfills its users offer (any usable one serves a backfill). */
    public static final class Entry {
        private final MarketDataStream stream;
        private final List<MarketDataStream.Backfill> backfills = new CopyOnWriteArrayList<>();
        private int users;

        private Entry(Function<MarketDataStream.Backfill, MarketDataStream> factory) {
            this.stream = factory.apply(new MarketDataStream.Backfill() {
                @Override
                public io.tradingsdk.api.market.BarCursor minuteBars(java.util.Set<String> symbols, java.time.Instant from) {
                    for (MarketDataStream.Backfill b : backfills) {
                        if (b.usable()) {
                            return b.minuteBars(symbols, from);
                        }
                    }
                    throw new IllegalStateException("no open Alpaca connection is left for backfills");
                }
            });
        }

        public MarketDataStream stream() {
            return stream;
        }
    }

    /** The shared stream of {@code key}, created by {@code factory} if there is none. */
    public static synchronized Entry acquire(String key, MarketDataStream.Backfill backfill,
                                             Function<MarketDataStream.Backfill, MarketDataStream> factory) {
        Entry e = STREAMS.computeIfAbsent(key, k -> new Entry(factory));
        e.users++;
        e.backfills.add(backfill);
        return e;
    }

    /** Gives back one use; the last one closes the stream. */
    public static void release(String key, Entry entry, MarketDataStream.Backfill backfill) {
        boolean last;
        synchronized (SharedStreams.class) {
            entry.backfills.remove(backfill);
            last = --entry.users == 0;
            if (last) {
                STREAMS.remove(key, entry);
            }
        }
        if (last) {
            entry.stream.close();
        }
    }

    /** A registry key: endpoint and a hash of the key id (never the key id itself). */
    public static String key(String url, String keyId) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(keyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return url + "#" + java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
