package io.tradingsdk.alpaca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures everything written while it is open: System.out and System.err (where slf4j-simple
 * writes) and java.util.logging (where OkHttp and MockWebServer log), at every level.
 */
final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;
    private final PrintStream originalOut = System.out;
    private final Handler jul;
    private final Logger root = Logger.getLogger("");
    private final Level rootLevel = root.getLevel();

    private LogCapture() {
        System.setErr(new PrintStream(new Tee(originalErr, buffer), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, buffer), true, StandardCharsets.UTF_8));
        jul = new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringBuilder sb = new StringBuilder("JUL ").append(r.getLevel()).append(' ').append(r.getLoggerName())
                        .append(": ").append(r.getMessage());
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        sb.append(" | ").append(p);
                    }
                }
                if (r.getThrown() != null) {
                    StringWriter w = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(w));
                    sb.append('\n').append(w);
                }
                sb.append('\n');
                synchronized (buffer) {
                    buffer.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.setLevel(Level.ALL);
        root.addHandler(jul);
        root.setLevel(Level.ALL);
        Logger.getLogger("okhttp3").setLevel(Level.ALL);
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /** Adds text that is not a log line (e.g. exception messages) to what is searched. */
    void add(String text) {
        synchronized (buffer) {
            buffer.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    void add(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        add(String.valueOf(t) + "\n" + w);
    }

    String text() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    int count(String needle) {
        int n = 0;
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text());
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        System.err.flush();
        System.out.flush();
        System.setErr(originalErr);
        System.setOut(originalOut);
        root.removeHandler(jul);
        root.setLevel(rootLevel);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final ByteArrayOutputStream b;

        Tee(OutputStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            a.flush();
        }
    }
}
