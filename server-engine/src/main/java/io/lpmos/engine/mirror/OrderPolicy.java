package io.lpmos.engine.mirror;

import java.util.Locale;

/**
 * Which source is tried after the fastest one fails (its bytes do not match, or it breaks off for
 * good). Sources that failed the measurement are never tried.
 */
public enum OrderPolicy {
    /** The remaining sources in the profile's order: official sites, then mirrors. */
    LIST("list"),
    /** The project's own mirrors (the profile's {@code mirrors}, fastest first), then the rest in profile order. */
    OWN_MIRROR_SECOND("own-mirror-second");

    private final String word;

    OrderPolicy(String word) {
        this.word = word;
    }

    /** How the CLI and the console name it. */
    public String word() {
        return word;
    }

    /** Parses {@code list} or {@code own-mirror-second} (any case). */
    public static OrderPolicy of(String text) {
        for (OrderPolicy each : values()) {
            if (each.word.equals(text.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return each;
            }
        }
        throw new IllegalArgumentException("order '" + text + "' is not one of: list, own-mirror-second");
    }

    @Override
    public String toString() {
        return word;
    }
}
