package io.tradingsdk.node.internal;

/** Keeps values in messages short: a huge value is never echoed in full. */
public final class Text {
    private static final int MAX = 80;

    private Text() {
    }

    public static String shorten(String s) {
        if (s == null || s.length() <= MAX) {
            return s;
        }
        return s.substring(0, MAX) + "...(" + s.length() + " characters)";
    }
}
