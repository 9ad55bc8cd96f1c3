package io.tradingsdk.core.provider.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for names typed by people: the closest candidate by edit distance, when it is close
 * enough to be a plausible typo. Used by the provider registry and the configuration loader.
 */
public final class Suggestions {
    private static final int MAX_TYPED = 100;

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code typed}, if its edit distance (case-insensitive) is at most a
     * third of the longer name's length (at least 1, at most 3), or if one contains the other.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        // Nothing long is a typo of a short name; the distance table of a megabyte would not fit in memory.
        if (typed == null || typed.isEmpty() || typed.length() > MAX_TYPED || candidates.isEmpty()) {
            return Optional.empty();
        }
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (lc.equals(t)) {
                return Optional.of(c);
            }
            int d = distance(t, lc);
            int limit = Math.min(3, Math.max(1, Math.max(t.length(), lc.length()) / 3));
            boolean contains = t.length() >= 3 && (lc.contains(t) || t.contains(lc));
            if ((d <= limit || contains) && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean 'x'?)" or the empty string. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /** Damerau-Levenshtein distance (optimal string alignment): a swap of neighbours counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
