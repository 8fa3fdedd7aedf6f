package io.lpmos.engine.mirror;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads CBSD {@code vm-*.conf} profiles, which CBSD sources with {@code /bin/sh}, without running
 * anything: a parser of the subset of shell they use. Understood: {@code name="value"},
 * {@code name='value'} and {@code name=word} assignments, values running over several lines with
 * {@code \} + newline, {@code ${name}} and {@code $name} references to other assignments of the same
 * file, and {@code #} comments. Everything else (tests such as {@code [ … ] && x=y}, commands,
 * command substitution {@code $(…)} or backticks, {@code ${a:-b}} forms) is never evaluated: the
 * statement is left out and reported as a {@link Finding}. References are resolved once the whole
 * file is read, from the last assignment of each name; a name that is not assigned in the file
 * counts as empty (and is reported), a reference loop is reported and leaves its names unresolved.
 * Stateless and thread-safe.
 */
public final class CbsdProfileParser {
    /** Larger files are refused: real profiles are a few kilobytes. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    /** Longest value, after resolving references, that is kept. */
    public static final int MAX_VALUE_CHARS = 64 * 1024;

    /** A statement the parser left out, or a reference it could not resolve: line number and why. */
    public record Finding(int line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    /**
     * What a file assigns, with every reference resolved.
     *
     * @param values   name → resolved value, in the order first assigned; names whose value could not be
     *                 resolved (loops, too long) are absent
     * @param findings what was left out or could not be resolved, in line order
     */
    public record Parsed(Map<String, String> values, List<Finding> findings) {
        public Parsed {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            findings = List.copyOf(findings);
        }
    }

    /** One piece of a value before resolution: literal text, or a reference to another name. */
    private record Piece(String literal, String reference) {
    }

    private record Assignment(int line, List<Piece> pieces) {
    }

    private CbsdProfileParser() {
    }

    /**
     * Parses one file's bytes.
     *
     * @param source names the file in messages, e.g. {@code vm-linux-Debian-x86-12.conf}
     * @throws ProfileException when the file as a whole cannot be read as such a profile: too large,
     *                          a NUL byte, not UTF-8, or a quote that is never closed
     */
    public static Parsed parse(byte[] bytes, String source) throws ProfileException {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ProfileException(source + " has " + bytes.length + " bytes; a CBSD profile is at most "
                    + MAX_FILE_BYTES + " — is this the right file?");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new ProfileException(source + " contains a NUL byte (line " + lineAt(bytes, i)
                        + "): not a text file, not a CBSD profile");
            }
        }
        String text;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProfileException(source + " is not UTF-8 text: save it as UTF-8 (or ASCII) and import it again");
        }
        return new CbsdProfileParser.Scanner(text.replace("\r\n", "\n"), source).run();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Walks the text once; not thread-safe, one per parse. */
    private static final class Scanner {
        private final String text;
        private final String source;
        private int pos;
        private int line = 1;
        private final Map<String, Assignment> assignments = new LinkedHashMap<>();
        private final List<Finding> findings = new ArrayList<>();

        Scanner(String text, String source) {
            this.text = text;
            this.source = source;
        }

        Parsed run() throws ProfileException {
            while (pos < text.length()) {
                skipBlanks();
                if (pos >= text.length()) {
                    break;
                }
                char c = text.charAt(pos);
                if (c == '\n') {
                    advance();
                } else if (c == '#') {
                    skipToEndOfLine();
                } else {
                    statement();
                }
            }
            return resolveAll();
        }

        private void statement() throws ProfileException {
            int start = pos;
            int startLine = line;
            String name = name();
            if (name != null && pos < text.length() && text.charAt(pos) == '=') {
                advance();
                ValueReader reader = new ValueReader(startLine, name);
                List<Piece> pieces = reader.read();
                skipBlanks();
                boolean ends = pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '#';
                if (ends && reader.refusal == null) {
                    assignments.remove(name);
                    assignments.put(name, new Assignment(startLine, pieces));
                    skipToEndOfLine();
                    return;
                }
                if (reader.refusal != null) {
                    findings.add(new Finding(startLine, name + " " + reader.refusal + " — not run, left out"));
                    skipStatement(startLine);
                    return;
                }
            }
            pos = start;
            line = startLine;
            skipStatement(startLine);
            findings.add(new Finding(startLine, "shell statement left out (never run): " + excerpt(start)));
        }

        private String name() {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                boolean ok = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || pos > start && c >= '0' && c <= '9';
                if (!ok) {
                    break;
                }
                pos++;
            }
            return pos > start ? text.substring(start, pos) : null;
        }

        /** Consumes the rest of a statement, quotes included, up to an unquoted newline. */
        private void skipStatement(int startLine) throws ProfileException {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    advance();
                    return;
                }
                if (c == '"' || c == '\'') {
                    skipQuoted(c, startLine);
                } else if (c == '\\' && pos + 1 < text.length()) {
                    advance();
                    advance();
                } else if (c == '#' && (pos == 0 || Character.isWhitespace(text.charAt(pos - 1)))) {
                    skipToEndOfLine();
                } else {
                    advance();
                }
            }
        }

        private void skipQuoted(char quote, int startLine) throws ProfileException {
            advance();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == quote) {
                    advance();
                    return;
                }
                if (c == '\\' && quote == '"' && pos + 1 < text.length()) {
                    advance();
                }
                advance();
            }
            throw unterminated(quote, startLine, null);
        }

        private ProfileException unterminated(char quote, int startLine, String name) {
            String what = quote == '"' ? "double" : "single";
            return new ProfileException(source + " line " + startLine + ": " + (name == null ? "a statement" : name)
                    + " opens a " + what + " quote that is never closed — close it with " + quote);
        }

        private String excerpt(int start) {
            int end = text.indexOf('\n', start);
            String first = text.substring(start, end < 0 ? text.length() : end).strip();
            return first.length() > 80 ? first.substring(0, 80) + "…" : first;
        }

        private void skipBlanks() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipToEndOfLine() {
            while (pos < text.length() && text.charAt(pos) != '\n') {
                pos++;
            }
        }

        private void advance() {
            if (text.charAt(pos) == '\n') {
                line++;
            }
            pos++;
        }

        /** Reads one value (quoted and unquoted parts, side by side) up to unquoted white space. */
        private final class ValueReader {
            private final int startLine;
            private final String name;
            private final List<Piece> pieces = new ArrayList<>();
            private final StringBuilder literal = new StringBuilder();
            /** Why the value is not taken (command substitution, ...), or null. */
            String refusal;

            ValueReader(int startLine, String name) {
                this.startLine = startLine;
                this.name = name;
            }

            List<Piece> read() throws ProfileException {
                while (pos < text.length()) {
                    char c = text.charAt(pos);
                    if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|') {
                        break;
                    }
                    if (c == '"') {
                        doubleQuoted();
                    } else if (c == '\'') {
                        singleQuoted();
                    } else if (c == '\\') {
                        advance();
                        if (pos < text.length()) {
                            if (text.charAt(pos) != '\n') {
                                literal.append(text.charAt(pos));
                            }
                            advance();
                        }
                    } else {
                        expansionOrLiteral(c);
                    }
                    checkLength();
                }
                flush();
                return pieces;
            }

            private void doubleQuoted() throws ProfileException {
                advance();
                while (pos < text.length()) {
                    char c = text.charAt(pos);
                    if (c == '"') {
                        advance();
                        return;
                    }
                    if (c == '\\' && pos + 1 < text.length()) {
                        char next = text.charAt(pos + 1);
                        advance();
                        if (next == '\n') {
                            advance();
                        } else if (next == '"' || next == '\\' || next == '$' || next == '`') {
                            literal.append(next);
                            advance();
                        } else {
                            literal.append('\\');
                        }
                    } else {
                        expansionOrLiteral(c);
                    }
                    checkLength();
                }
                throw unterminated('"', startLine, name);
            }

            private void singleQuoted() throws ProfileException {
                advance();
                while (pos < text.length()) {
                    char c = text.charAt(pos);
                    advance();
                    if (c == '\'') {
                        return;
                    }
                    literal.append(c);
                    checkLength();
                }
                throw unterminated('\'', startLine, name);
            }

            /** Outside single quotes: {@code $} starts a reference, a backtick is refused, anything else is itself. */
            private void expansionOrLiteral(char c) {
                if (c == '$') {
                    dollar();
                    return;
                }
                if (c == '`') {
                    refuse("uses command substitution (backticks)");
                }
                literal.append(c);
                advance();
            }

            private void checkLength() throws ProfileException {
                if (literal.length() > MAX_VALUE_CHARS) {
                    throw new ProfileException(source + " line " + startLine + ": the value of " + name
                            + " is longer than " + MAX_VALUE_CHARS + " characters — not a CBSD profile value");
                }
            }

            private void dollar() {
                advance();
                if (pos >= text.length()) {
                    literal.append('$');
                    return;
                }
                char c = text.charAt(pos);
                if (c == '(') {
                    refuse("uses command substitution $(…)");
                    literal.append('$');
                    return;
                }
                if (c == '{') {
                    int close = text.indexOf('}', pos);
                    int newline = text.indexOf('\n', pos);
                    if (close < 0 || newline >= 0 && newline < close) {
                        refuse("has a ${ without its closing }");
                        literal.append('$');
                        return;
                    }
                    String inner = text.substring(pos + 1, close);
                    if (!inner.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        refuse("uses the shell expansion ${" + (inner.length() > 40 ? inner.substring(0, 40) + "…" : inner)
                                + "}, which is not a plain reference");
                    } else {
                        reference(inner);
                    }
                    pos = close + 1;
                    return;
                }
                int start = pos;
                String referenced = name();
                if (referenced == null) {
                    pos = start;
                    literal.append('$');
                    return;
                }
                reference(referenced);
            }

            private void reference(String referenced) {
                flush();
                pieces.add(new Piece(null, referenced));
            }

            private void refuse(String why) {
                if (refusal == null) {
                    refusal = why;
                }
            }

            private void flush() {
                if (!literal.isEmpty()) {
                    pieces.add(new Piece(literal.toString(), null));
                    literal.setLength(0);
                }
            }
        }

        private Parsed resolveAll() {
            Map<String, String> resolved = new LinkedHashMap<>();
            Set<String> unresolvable = new LinkedHashSet<>();
            for (String name : assignments.keySet()) {
                resolve(name, resolved, unresolvable, new LinkedHashSet<>());
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            for (String name : assignments.keySet()) {
                if (resolved.containsKey(name)) {
                    ordered.put(name, resolved.get(name));
                }
            }
            findings.sort(java.util.Comparator.comparingInt(Finding::line));
            return new Parsed(ordered, findings);
        }

        /** Resolves {@code name}; returns null when it cannot be (loop or too long), reporting why once. */
        private String resolve(String name, Map<String, String> resolved, Set<String> unresolvable,
                               LinkedHashSet<String> chain) {
            if (resolved.containsKey(name)) {
                return resolved.get(name);
            }
            if (unresolvable.contains(name)) {
                return null;
            }
            Assignment assignment = assignments.get(name);
            if (chain.contains(name)) {
                List<String> loop = new ArrayList<>(chain);
                loop = loop.subList(loop.indexOf(name), loop.size());
                unresolvable.addAll(loop);
                findings.add(new Finding(assignment.line(), "references loop " + String.join(" → ", loop) + " → "
                        + name + ": " + String.join(", ", loop) + " left out"));
                return null;
            }
            chain.add(name);
            StringBuilder value = new StringBuilder();
            for (Piece piece : assignment.pieces()) {
                if (piece.literal() != null) {
                    value.append(piece.literal());
                } else if (!assignments.containsKey(piece.reference())) {
                    findings.add(new Finding(assignment.line(), "${" + piece.reference() + "} in " + name
                            + " is not set in this file; taken as empty"));
                } else {
                    String inner = resolve(piece.reference(), resolved, unresolvable, chain);
                    if (inner == null) {
                        unresolvable.add(name);
                        chain.remove(name);
                        return null;
                    }
                    value.append(inner);
                }
                if (value.length() > MAX_VALUE_CHARS) {
                    unresolvable.add(name);
                    findings.add(new Finding(assignment.line(), name + " grows past " + MAX_VALUE_CHARS
                            + " characters once its references are resolved; left out"));
                    chain.remove(name);
                    return null;
                }
            }
            chain.remove(name);
            resolved.put(name, value.toString());
            return value.toString();
        }
    }
}
