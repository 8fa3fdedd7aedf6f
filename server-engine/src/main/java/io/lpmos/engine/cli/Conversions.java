package io.lpmos.engine.cli;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * Flag values parsed by the engine's own parsers, their operator-worded {@link IllegalArgumentException}
 * turned into picocli's conversion error unwrapped — without picocli's "cannot convert … (java.lang…)".
 */
final class Conversions {
    private Conversions() {
    }

    static <T> T converted(String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
