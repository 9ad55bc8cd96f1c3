package io.tradingsdk.core.config.internal;

import io.tradingsdk.api.provider.SafeText;
import io.tradingsdk.core.config.ConfigException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Walks the YAML events once before binding and refuses what the configuration format does not
 * allow, with the key path and line: anchors ({@code &name}) and aliases ({@code *name}) — Jackson
 * would read an alias as the text {@code "name"} — and keys or values longer than the scalar limit.
 * Syntax errors are left to the binding, which reports them in the usual form.
 */
final class YamlShapeCheck {
    private static final String NO_ANCHORS =
            " is not supported: anchors (&name) and aliases (*name) are refused; write the value out";

    private YamlShapeCheck() {
    }

    /** One open map or list and where the walk is in it. */
    private static final class Frame {
        final boolean mapping;
        boolean expectKey = true;
        String key;
        int index = -1;

        Frame(boolean mapping) {
            this.mapping = mapping;
        }
    }

    /**
     * Refuses a line longer than {@code maxLineChars} before any YAML is scanned: SnakeYAML's time on
     * one long line grows faster than its length (seconds for a megabyte).
     *
     * @throws ConfigException naming {@code source} and the line
     */
    static void checkLines(String source, String text, int maxLineChars) {
        int line = 1;
        int start = 0;
        for (int i = 0, n = text.length(); i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                if (i - start > maxLineChars) {
                    throw new ConfigException(source, "", null, "line " + line + " is " + (i - start)
                            + " characters long; the limit is " + maxLineChars + " per line", line, 1, null);
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** @throws ConfigException naming {@code source}, the key path and the line of the first refused node */
    static void check(String source, String text, LoaderOptions options, int maxScalarChars) {
        Deque<Frame> open = new ArrayDeque<>();
        ParserImpl parser = new ParserImpl(new StreamReader(text), options);
        try {
            while (parser.peekEvent() != null) {
                Event event = parser.getEvent();
                if (event instanceof CollectionEndEvent) {
                    open.pop();
                } else if (event instanceof NodeEvent node) {
                    onNode(source, node, open, maxScalarChars);
                }
                if (event.is(Event.ID.StreamEnd)) {
                    return;
                }
            }
        } catch (YAMLException e) {
            // Malformed YAML: the binding reports it with its line, without echoing the source.
        }
    }

    private static void onNode(String source, NodeEvent node, Deque<Frame> open, int maxScalarChars) {
        Frame top = open.peek();
        boolean isKey = top != null && top.mapping && top.expectKey;
        if (top != null && !top.mapping) {
            top.index++;
        }
        if (node instanceof AliasEvent) {
            throw refused(source, path(open, isKey), "YAML alias *" + SafeText.shown(node.getAnchor()) + NO_ANCHORS, node);
        }
        if (node.getAnchor() != null) {
            throw refused(source, path(open, isKey), "YAML anchor &" + SafeText.shown(node.getAnchor()) + NO_ANCHORS, node);
        }
        if (node instanceof ScalarEvent scalar && scalar.getValue().length() > maxScalarChars) {
            throw refused(source, path(open, isKey), (isKey ? "a key of " : "a value of ") + scalar.getValue().length()
                    + " characters is longer than the limit of " + maxScalarChars + ": " + SafeText.quoted(scalar.getValue()),
                    node);
        }
        if (top != null && top.mapping) {
            if (isKey) {
                top.key = node instanceof ScalarEvent scalar ? scalar.getValue() : "?";
            }
            top.expectKey = !isKey;
        }
        if (node instanceof MappingStartEvent) {
            open.push(new Frame(true));
        } else if (node instanceof SequenceStartEvent) {
            open.push(new Frame(false));
        }
    }

    /** The key path of the node being read: {@code strategies[0].symbols[1]}; a key's path is its map's. */
    private static String path(Deque<Frame> open, boolean isKey) {
        String path = "";
        Iterator<Frame> outermostFirst = open.descendingIterator();
        while (outermostFirst.hasNext()) {
            Frame f = outermostFirst.next();
            if (!f.mapping) {
                path = ConfigException.join(path, "[" + f.index + "]");
            } else if (outermostFirst.hasNext() || !isKey) {
                path = ConfigException.join(path, f.key);
            }
        }
        return path;
    }

    private static ConfigException refused(String source, String path, String reason, NodeEvent node) {
        Mark mark = node.getStartMark();
        return new ConfigException(source, path, null, reason, mark == null ? -1 : mark.getLine() + 1,
                mark == null ? -1 : mark.getColumn() + 1, null);
    }
}
