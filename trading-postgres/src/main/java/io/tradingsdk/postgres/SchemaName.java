package io.tradingsdk.postgres;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A checked PostgreSQL schema name. An identifier cannot be a bound parameter, so the schema is the
 * one thing this module writes into SQL text; it is accepted only if it matches
 * {@value #PATTERN} (lower-case letters, digits and underscores, starting with a letter or an
 * underscore, at most 63 characters), is not reserved ({@code pg_*}, {@code information_schema}),
 * and it is always written double-quoted.
 *
 * <p>Immutable; any thread.
 */
public final class SchemaName {

    /** The allow-list a schema name must match. */
    public static final String PATTERN = "[a-z_][a-z0-9_]{0,62}";
    private static final Pattern ALLOWED = Pattern.compile(PATTERN);

    private final String name;

    private SchemaName(String name) {
        this.name = name;
    }

    /**
     * @throws IllegalArgumentException naming the rejected value if it does not match
     *                                  {@link #PATTERN} or is reserved
     * @throws NullPointerException     if {@code name} is null
     */
    public static SchemaName of(String name) {
        Objects.requireNonNull(name, "schema");
        if (!ALLOWED.matcher(name).matches()) {
            throw new IllegalArgumentException("schema must match " + PATTERN + ", was '" + printable(name) + "'");
        }
        if (name.startsWith("pg_") || name.equals("information_schema")) {
            throw new IllegalArgumentException("schema must not be a reserved schema name, was '" + name + "'");
        }
        return new SchemaName(name);
    }

    /** The name as given, e.g. {@code trading}. */
    public String name() {
        return name;
    }

    /** The double-quoted identifier for SQL text, e.g. {@code "trading"}. */
    public String quoted() {
        return '"' + name + '"';
    }

    /** A table of this schema for SQL text, e.g. {@code "trading".fills}. */
    public String table(String table) {
        return quoted() + '.' + table;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemaName s && s.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
