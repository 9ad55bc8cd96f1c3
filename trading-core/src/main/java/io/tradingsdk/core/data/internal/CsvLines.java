package io.tradingsdk.core.data.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Reads a comma-separated file one row at a time, keeping the line number for error messages.
 * Blank lines are skipped; cells are trimmed and lose surrounding double quotes (quoted commas are
 * not supported). Used by one thread.
 */
public final class CsvLines implements AutoCloseable {
    private final String resource;
    private final BufferedReader reader;
    private int lineNumber;
    private boolean closed;

    public CsvLines(String resource, Reader reader) {
        this.resource = resource;
        this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    }

    public String resource() {
        return resource;
    }

    /** The 1-based number of the line last returned by {@link #next()}. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The header's column names, lower-cased; the first non-blank line. */
    public String[] header() {
        String[] cells = next();
        if (cells == null) {
            throw new IllegalArgumentException(resource + " is empty: it has no header row");
        }
        if (!cells[0].isEmpty() && cells[0].charAt(0) == '\uFEFF') {
            cells[0] = cells[0].substring(1).trim();
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].toLowerCase(Locale.ROOT);
        }
        return cells;
    }

    /** The next non-blank row's cells, or {@code null} at the end of the file. */
    public String[] next() {
        if (closed) {
            return null;
        }
        String line;
        try {
            do {
                line = reader.readLine();
                if (line == null) {
                    return null;
                }
                lineNumber++;
            } while (line.isBlank());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " after line " + lineNumber + ": " + e.getMessage(), e);
        }
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].trim();
            if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
                c = c.substring(1, c.length() - 1).trim();
            }
            cells[i] = c;
        }
        return cells;
    }

    /** An exception naming the resource and the current line. */
    public IllegalArgumentException error(String message) {
        return new IllegalArgumentException(resource + " line " + lineNumber + ": " + message);
    }

    /** An exception naming the resource and the current line, with a cause. */
    public IllegalArgumentException error(String message, Throwable cause) {
        return new IllegalArgumentException(resource + " line " + lineNumber + ": " + message, cause);
    }

    /** Index of the first header column with one of the names, or -1. */
    public static int column(String[] header, String... names) {
        for (String name : names) {
            for (int i = 0; i < header.length; i++) {
                if (header[i].equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Like {@link #column} but a missing column is an error naming the header line. */
    public int requiredColumn(String[] header, String... names) {
        int i = column(header, names);
        if (i < 0) {
            throw error("the header has no '" + names[0] + "' column" + (names.length > 1 ? " (or "
                    + String.join(", ", java.util.Arrays.asList(names).subList(1, names.length)) + ")" : "")
                    + "; found " + java.util.Arrays.toString(header));
        }
        return i;
    }

    /** Checks the row has as many cells as the header. */
    public void checkWidth(String[] row, int width) {
        if (row.length != width) {
            throw error("expected " + width + " columns as in the header, found " + row.length);
        }
    }

    public double number(String[] row, int column, String name) {
        String cell = row[column];
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw error("column '" + name + "' is not a number: '" + cell + "'");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + resource + ": " + e.getMessage(), e);
        }
    }
}
