package io.tradingsdk.sandbox.internal.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The messages waiting for one websocket, written one at a time in order. {@link #send} never
 * blocks; a client that falls {@value #MAX_QUEUED} messages behind is disconnected.
 */
final class Outbound {
    static final int MAX_QUEUED = 10_000;

    private final Session session;
    private final boolean binary;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    /** True while this thread's pump loop runs, so a write that completes at once does not recurse. */
    private final ThreadLocal<Boolean> pumping = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private boolean inFlight;
    private boolean closed;

    Outbound(Session session, boolean binary) {
        this.session = session;
        this.binary = binary;
    }

    /** Queues a message; false when the client is gone or too slow (it is then disconnected). */
    boolean send(String message) {
        synchronized (queue) {
            if (closed) {
                return false;
            }
            if (queue.size() >= MAX_QUEUED) {
                closed = true;
                queue.clear();
                session.disconnect();
                return false;
            }
            queue.add(message);
        }
        pump();
        return true;
    }

    void close() {
        synchronized (queue) {
            closed = true;
            queue.clear();
        }
    }

    private void pump() {
        if (pumping.get()) {
            return;
        }
        pumping.set(Boolean.TRUE);
        try {
            for (;;) {
                String m;
                synchronized (queue) {
                    if (inFlight || closed) {
                        return;
                    }
                    m = queue.poll();
                    if (m == null) {
                        return;
                    }
                    inFlight = true;
                }
                Callback done = Callback.from(this::written, failure -> close());
                if (binary) {
                    session.sendBinary(ByteBuffer.wrap(m.getBytes(StandardCharsets.UTF_8)), done);
                } else {
                    session.sendText(m, done);
                }
            }
        } finally {
            pumping.set(Boolean.FALSE);
        }
    }

    private void written() {
        synchronized (queue) {
            inFlight = false;
        }
        pump();
    }
}
