package io.tradingsdk.postgres.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only local file that takes records while PostgreSQL is unreachable and the memory
 * buffer is full, and the place where records not yet written are saved when the journal closes.
 * Its lines are {@link SpillCodec} lines; whatever a previous process left in it is replayed on the
 * next start (the database ignores what it already has).
 *
 * <p><b>Threads:</b> {@link #append} and {@link #flushToOs} are called by the pipeline's spool
 * thread, {@link #read}, {@link #reset} and the rejected-record file by its writer thread, all under
 * the pipeline's lock except {@link #read}, which only reads bytes below {@link #flushedLength()}
 * (they never change). A process-wide file lock keeps a second journal off the same file.
 */
public final class SpillFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpillFile.class);
    private static final byte[] HEADER = (SpillCodec.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
    private static final int READ_BLOCK = 256 * 1024;

    private final Path file;
    private final Path rejectedFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel channel;
    private final long maxBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(64 * 1024);
    private long flushedLength;
    private long unsyncedBytes;

    /**
     * Opens (creating if needed) {@code <directory>/<name>.spill} and locks it.
     *
     * @throws IllegalStateException if another journal (in this or another process) holds it
     * @throws UncheckedIOException  if the directory or file cannot be created or read
     */
    public SpillFile(Path directory, String name, long maxBytes) {
        this.maxBytes = maxBytes;
        this.file = directory.resolve(name + ".spill");
        this.rejectedFile = directory.resolve(name + ".rejected");
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockChannel.close();
                throw new IllegalStateException("spill file " + file + " is in use by another journal; give each journal"
                        + " its own spillDirectory or schema");
            }
            lock = l;
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = channel.size();
            long valid = lastLineEnd(size);
            if (valid < size) {
                log.warn("spill file {}: dropping {} bytes of a torn last line (the process stopped while writing it)",
                        file, size - valid);
                channel.truncate(valid);
            }
            if (valid == 0) {
                channel.write(ByteBuffer.wrap(HEADER), 0);
                valid = HEADER.length;
            }
            flushedLength = valid;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open spill file " + file + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return file;
    }

    /** Where records PostgreSQL refused for good, and damaged spill lines, are kept. */
    public Path rejectedPath() {
        return rejectedFile;
    }

    /** Offset of the first record line (after the header). */
    public long start() {
        return HEADER.length;
    }

    /** Bytes written to the OS; readers may read below it. */
    public long flushedLength() {
        return flushedLength;
    }

    /** Whether bytes were appended but not yet flushed to the OS. */
    public boolean hasPending() {
        return pending.size() > 0;
    }

    /** Appends one line; returns false (and writes nothing) if the file would exceed its limit. */
    public boolean append(String line, boolean force) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (!force && flushedLength + pending.size() + b.length > maxBytes) {
            return false;
        }
        pending.write(b, 0, b.length);
        if (pending.size() >= READ_BLOCK) {
            flushToOs();
        }
        return true;
    }

    /** Writes appended lines to the OS (they survive a crash of this process). */
    public void flushToOs() {
        if (pending.size() == 0) {
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(pending.toByteArray());
            long pos = flushedLength;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            unsyncedBytes += pos - flushedLength;
            flushedLength = pos;
            pending.reset();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spill file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forces written lines to the device (they survive a crash of the machine). */
    public void sync() {
        if (unsyncedBytes == 0) {
            return;
        }
        try {
            channel.force(false);
            unsyncedBytes = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync spill file " + file + ": " + e.getMessage(), e);
        }
    }

    /** What {@link #read} found: records in file order, or one flush marker alone; and where the next read starts. */
    public record Chunk(List<Object> records, Items.FlushMarker marker, long endOffset, int damaged) {
    }

    /**
     * Reads from {@code offset} (a line start) up to {@code limit}: at most {@code maxRecords}
     * records, stopping before a flush marker; a marker at {@code offset} comes back alone. Damaged
     * lines are copied to the rejected file, logged, counted and skipped.
     */
    public Chunk read(long offset, long limit, int maxRecords) {
        List<Object> records = new ArrayList<>(Math.min(maxRecords, 4096));
        int damaged = 0;
        long pos = offset;
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            ByteBuffer buf = ByteBuffer.allocate(READ_BLOCK);
            long filePos = offset;
            outer:
            while (filePos < limit && records.size() < maxRecords) {
                buf.clear();
                buf.limit((int) Math.min(READ_BLOCK, limit - filePos));
                int n = channel.read(buf, filePos);
                if (n <= 0) {
                    break;
                }
                byte[] a = buf.array();
                int lineStart = 0;
                for (int i = 0; i < n; i++) {
                    if (a[i] != '\n') {
                        continue;
                    }
                    line.write(a, lineStart, i - lineStart);
                    long lineEnd = filePos + i + 1;
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    lineStart = i + 1;
                    if (text.isEmpty() || SpillCodec.isComment(text)) {
                        pos = lineEnd;
                        continue;
                    }
                    Object item;
                    try {
                        item = SpillCodec.decode(text);
                    } catch (IllegalArgumentException e) {
                        damaged++;
                        reject(text, e.getMessage());
                        log.error("spill file {}: skipped a damaged line at offset {}: {} (kept in {})", file, pos,
                                e.getMessage(), rejectedFile);
                        pos = lineEnd;
                        continue;
                    }
                    if (item instanceof Items.FlushMarker m) {
                        if (records.isEmpty() && damaged == 0) {
                            return new Chunk(records, m, lineEnd, 0);
                        }
                        break outer;
                    }
                    records.add(item);
                    pos = lineEnd;
                    if (records.size() >= maxRecords) {
                        break outer;
                    }
                }
                line.write(a, lineStart, n - lineStart);
                filePos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spill file " + file + ": " + e.getMessage(), e);
        }
        return new Chunk(records, null, pos, damaged);
    }

    /** Empties the file (everything in it was written to PostgreSQL). */
    public void reset() {
        try {
            flushToOs();
            channel.truncate(HEADER.length);
            flushedLength = HEADER.length;
            channel.force(false);
            unsyncedBytes = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate spill file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the file by {@code first} followed by the unread part {@code [offset, end)} of the
     * current file, durably (write, sync, atomic rename). Used on close, when the records still in
     * memory are older than those already spilled.
     */
    public void rewrite(List<Object> first, long offset) {
        flushToOs();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(HEADER);
            for (Object o : first) {
                b.write((SpillCodec.encode(o) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            ByteBuffer head = ByteBuffer.wrap(b.toByteArray());
            while (head.hasRemaining()) {
                out.write(head);
            }
            long pos = offset;
            while (pos < flushedLength) {
                pos += channel.transferTo(pos, flushedLength - pos, out);
            }
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save records to spill file " + tmp + ": " + e.getMessage(), e);
        }
        try {
            channel.close();
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            flushedLength = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace spill file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keeps a record PostgreSQL refused for good (or a damaged line) with the reason, for an operator. */
    public void reject(String line, String reason) {
        String entry = "# " + Instant.now() + " " + (reason == null ? "" : reason.replace('\n', ' ')) + "\n" + line + "\n";
        try {
            Files.writeString(rejectedFile, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.error("cannot write rejected record to {}: {}; the record was: {}", rejectedFile, e.getMessage(), line);
        }
    }

    /** Whether nothing but the header is in the file. */
    public boolean isEmpty() {
        return flushedLength <= HEADER.length && pending.size() == 0;
    }

    /** Closes the file; deletes it when it holds no record. Releases the lock. */
    @Override
    public void close() {
        try {
            flushToOs();
            boolean empty = isEmpty();
            channel.force(false);
            channel.close();
            if (empty) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            log.error("closing spill file {} failed: {}", file, e.getMessage());
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                log.warn("releasing spill lock of {} failed: {}", file, e.getMessage());
            }
        }
    }

    private long lastLineEnd(long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        ByteBuffer one = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            int len = (int) Math.min(one.capacity(), end);
            one.clear();
            one.limit(len);
            long from = end - len;
            int n = 0;
            while (n < len) {
                int r = channel.read(one, from + n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            for (int i = n - 1; i >= 0; i--) {
                if (one.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }
}
