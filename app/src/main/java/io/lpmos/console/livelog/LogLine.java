package io.lpmos.console.livelog;

import java.util.Objects;

/** One line of the live log: its text as shown, what it reports and where it comes from. Immutable. */
public record LogLine(String text, LogLineKind kind, LogSource source) {
    public LogLine {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
    }

    /** Case-insensitive substring match; an empty filter matches every line. */
    public boolean matches(String filter) {
        if (filter.isEmpty()) {
            return true;
        }
        int length = filter.length();
        for (int i = 0, last = text.length() - length; i <= last; i++) {
            if (text.regionMatches(true, i, filter, 0, length)) {
                return true;
            }
        }
        return false;
    }
}
