package io.lpmos.engine.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code Range: bytes=...} header (RFC 9110 §14.2) against a representation of known size.
 * A header that is not a valid byte-range set is ignored (the full representation is served), as the
 * RFC allows; so is one with more than {@link #MAX_RANGES} ranges, or whose ranges overlap so much
 * that together they are longer than the representation (defences against range amplification:
 * {@code bytes=0-,0-,0-} on a 5 GB ISO would otherwise cost 15 GB).
 */
public sealed interface RangeRequest {
    int MAX_RANGES = 32;

    /** Serve the whole representation (no header, invalid header, or too many ranges). */
    record Whole() implements RangeRequest {
    }

    /** No range overlaps the representation (each starts at or beyond its end, or is an empty suffix): 416. */
    record Unsatisfiable() implements RangeRequest {
    }

    /** One or more satisfiable ranges, inclusive bounds, in the client's order. */
    record Ranges(List<Range> ranges) implements RangeRequest {
    }

    record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }

        public String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    static RangeRequest parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String[] specs = value.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return new Whole();
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.trim().toLowerCase(Locale.ROOT);
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new Whole();
            }
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (!digits(a) && !a.isEmpty() || !digits(b) && !b.isEmpty() || a.isEmpty() && b.isEmpty()) {
                return new Whole();
            }
            try {
                if (a.isEmpty()) {
                    long suffix = Long.parseLong(b);
                    if (suffix > 0 && size > 0) {
                        ranges.add(new Range(Math.max(0, size - suffix), size - 1));
                    }
                } else {
                    long first = Long.parseLong(a);
                    long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
                    if (last < first) {
                        return new Whole();
                    }
                    if (first < size) {
                        ranges.add(new Range(first, Math.min(last, size - 1)));
                    }
                }
            } catch (NumberFormatException tooLarge) {
                return new Whole();
            }
        }
        if (ranges.isEmpty()) {
            return new Unsatisfiable();
        }
        return ranges.size() > 1 && totalLength(ranges) > size ? new Whole() : new Ranges(List.copyOf(ranges));
    }

    private static long totalLength(List<Range> ranges) {
        long total = 0;
        for (Range range : ranges) {
            total += range.length();
        }
        return total;
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
