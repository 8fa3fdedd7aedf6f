package io.lpmos.engine.http;

import java.time.Duration;

/**
 * Go's text formatting where the Gin access log needs it: {@code time.Duration.String()} and
 * {@code fmt}'s {@code %#v} for strings ({@code strconv.Quote}). Pure functions; thread-safe.
 */
public final class GoFormat {
    private GoFormat() {
    }

    /** {@code time.Duration(nanos).String()}: {@code 0s}, {@code 850ns}, {@code 1.234µs}, {@code 1.5s}, {@code 2m3.5s}, {@code 1h0m0s}. */
    public static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        char[] buf = new char[32];
        int w = buf.length;
        boolean negative = nanos < 0;
        // Go works on the unsigned magnitude; Long.MIN_VALUE stays representable via unsigned arithmetic.
        long u = negative ? -nanos : nanos;
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            int precision;
            w--;
            buf[w] = 's';
            w--;
            if (u < 1_000L) {
                buf[w] = 'n';
                w = formatInt(buf, w, u);
                if (negative) {
                    buf[--w] = '-';
                }
                return new String(buf, w, buf.length - w);
            } else if (u < 1_000_000L) {
                precision = 3;
                buf[w] = 'µ';
            } else {
                precision = 6;
                buf[w] = 'm';
            }
            long[] state = {u};
            w = formatFraction(buf, w, state, precision);
            w = formatInt(buf, w, state[0]);
        } else {
            w--;
            buf[w] = 's';
            long[] state = {u};
            w = formatFraction(buf, w, state, 9);
            u = state[0];
            w = formatInt(buf, w, Long.remainderUnsigned(u, 60));
            u = Long.divideUnsigned(u, 60);
            if (u > 0) {
                w--;
                buf[w] = 'm';
                w = formatInt(buf, w, u % 60);
                u /= 60;
                if (u > 0) {
                    w--;
                    buf[w] = 'h';
                    w = formatInt(buf, w, u);
                }
            }
        }
        if (negative) {
            buf[--w] = '-';
        }
        return new String(buf, w, buf.length - w);
    }

    public static String duration(Duration duration) {
        return duration(saturatedNanos(duration));
    }

    /** Nanoseconds of {@code duration}, clamped to the long range as Go's {@code time.Time.Sub} clamps. */
    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Go's fmtFrac: writes the fraction of {@code state[0] / 10^precision} without trailing zeros. */
    private static int formatFraction(char[] buf, int w, long[] state, int precision) {
        long v = state[0];
        boolean print = false;
        for (int i = 0; i < precision; i++) {
            long digit = Long.remainderUnsigned(v, 10);
            print = print || digit != 0;
            if (print) {
                w--;
                buf[w] = (char) ('0' + digit);
            }
            v = Long.divideUnsigned(v, 10);
        }
        if (print) {
            w--;
            buf[w] = '.';
        }
        state[0] = v;
        return w;
    }

    private static int formatInt(char[] buf, int w, long v) {
        if (v == 0) {
            w--;
            buf[w] = '0';
            return w;
        }
        while (v != 0) {
            w--;
            buf[w] = (char) ('0' + Long.remainderUnsigned(v, 10));
            v = Long.divideUnsigned(v, 10);
        }
        return w;
    }

    /** {@code fmt}'s {@code %<width>s}: pads on the left to {@code width} runes (code points, not UTF-16 units). */
    public static String padLeft(String s, int width) {
        int runes = s.codePointCount(0, s.length());
        return runes >= width ? s : " ".repeat(width - runes) + s;
    }

    /** {@code fmt}'s {@code %-<width>s}: pads on the right to {@code width} runes. */
    public static String padRight(String s, int width) {
        int runes = s.codePointCount(0, s.length());
        return runes >= width ? s : s + " ".repeat(width - runes);
    }

    /**
     * {@code strconv.Quote(s)}, which is what {@code fmt.Sprintf("%#v", s)} prints: double quotes,
     * C-style escapes for BEL, BS, FF, LF, CR, TAB, VT, backslash and quote, backslash-x for other
     * ASCII controls, backslash-u or backslash-U for non-printable runes, printable Unicode as is.
     *
     * <p>A Java string holds no invalid UTF-8, so the one input Go can quote that this cannot is raw
     * invalid bytes: a request path containing them reaches the access log already decoded by Jetty,
     * each invalid sequence replaced by U+FFFD, and prints as {@code "/�"} where Gin prints
     * {@code "/\x80"}. A lone surrogate (no valid rune either) prints as U+FFFD too.
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append('"');
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            if (Character.isSurrogate((char) r) && r <= 0xFFFF) {
                r = 0xFFFD;
            }
            switch (r) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> appendRune(out, r);
            }
        }
        out.append('"');
        return out.toString();
    }

    private static void appendRune(StringBuilder out, int r) {
        if (isPrint(r)) {
            out.appendCodePoint(r);
        } else if (r < ' ' || r == 0x7f) {
            out.append("\\x").append(hex(r, 2));
        } else if (r < 0x10000) {
            out.append("\\u").append(hex(r, 4));
        } else {
            out.append("\\U").append(hex(r, 8));
        }
    }

    private static String hex(int value, int digits) {
        String h = Integer.toHexString(value);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int r) {
        if (r < 0x20 || r == 0x7f) {
            return false;
        }
        if (r < 0x7f) {
            return true;
        }
        if (r == 0xFFFD) {
            return true;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
