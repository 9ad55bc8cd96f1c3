package io.tradingsdk.postgres.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-JVM TCP proxy on 127.0.0.1 in front of a server port, to make the server unreachable
 * without touching it:
 *
 * <ul>
 *   <li>{@link #blackhole()}: connections stay open but every byte is dropped in both directions
 *       and new connections are accepted and then ignored, as behind a firewall that drops packets;
 *       clients notice only through their own timeouts;</li>
 *   <li>{@link #refuse()}: every connection is cut and new ones are refused, as when nothing
 *       listens on the port;</li>
 *   <li>{@link #restore()}: forwards again; connections from the outage are cut (their protocol
 *       state is lost), new ones work.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { FORWARD, BLACKHOLE, REFUSE }

    private final int targetPort;
    private final int port;
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket listener;
    private volatile boolean closed;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = bind(0);
            port = listener.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startAccepting(listener);
    }

    public int port() {
        return port;
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    public synchronized void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    public synchronized void refuse() {
        mode = Mode.REFUSE;
        closeQuietly(listener);
        cutAll();
    }

    public synchronized void restore() {
        Mode was = mode;
        mode = Mode.FORWARD;
        cutAll();
        if (was == Mode.REFUSE) {
            try {
                listener = bind(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + port + " again", e);
            }
            startAccepting(listener);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        return s;
    }

    private void startAccepting(ServerSocket server) {
        Thread t = new Thread(() -> {
            while (!closed && !server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return;
                }
                connections.incrementAndGet();
                if (mode == Mode.REFUSE) {
                    closeQuietly(client);
                    continue;
                }
                sockets.add(client);
                if (mode == Mode.BLACKHOLE) {
                    // Accepted and ignored: the client's bytes go nowhere.
                    pump(client, null);
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket();
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
                    upstream.setTcpNoDelay(true);
                    client.setTcpNoDelay(true);
                } catch (IOException e) {
                    closeQuietly(client);
                    sockets.remove(client);
                    continue;
                }
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
        }, "tcp-proxy-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to == null ? null : to.getOutputStream();
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    if (mode == Mode.FORWARD && out != null) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (SocketException e) {
                // cut
            } catch (IOException e) {
                // cut
            } finally {
                closeQuietly(from);
                sockets.remove(from);
                if (to != null) {
                    closeQuietly(to);
                    sockets.remove(to);
                }
            }
        }, "tcp-proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void cutAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(listener);
        cutAll();
    }
}
