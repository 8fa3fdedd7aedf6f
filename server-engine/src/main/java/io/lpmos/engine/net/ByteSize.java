package io.lpmos.engine.net;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints byte quantities such as {@code 10MB}, {@code 512k}, {@code 1.5GiB} (units are
 * powers of 1024). Stateless and thread-safe.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b)?(?:/s)?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /**
     * Parses a size: a decimal number, an optional unit {@code k m g t} (any case, with an optional
     * {@code B} or {@code iB}) and an optional {@code /s}; {@code 1.5MB} is 1572864 bytes.
     *
     * @throws IllegalArgumentException naming the text when it is no size, is negative, is a fraction
     *                                  of a byte or does not fit in a {@code long}
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no size given: expected a size such as 10MB, 512KB or 1GB");
        }
        if (text.trim().startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative: a size must be 0 or more");
        }
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 10MB, 512KB or 1GB");
        }
        double value = Double.parseDouble(m.group(1));
        int power = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1;
            case "m" -> 2;
            case "g" -> 3;
            case "t" -> 4;
            default -> 0;
        };
        double bytes = value * Math.pow(1024, power);
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large: at most 8 EiB");
        }
        if (bytes > 0 && bytes < 1) {
            throw new IllegalArgumentException("'" + text + "' is less than one byte");
        }
        return (long) bytes;
    }

    /** A short human form in powers of 1024, e.g. {@code 10.0 MiB}; below 1 KiB in bytes. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
