package io.lpmos.engine.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmos.engine.files.PathRejectedException;
import io.lpmos.engine.files.SafePathResolver;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /api/v1/files/{static|repos}[/sub]}: the tree below that folder as JSON (SPEC §3),
 * recursively, in lexical order, directories before their contents. Entries are written by a Jackson
 * streaming generator as the walk finds them, so memory stays flat for a mirror of any size (only
 * one folder's names are held at a time for sorting).
 *
 * <p>Optional query parameters: {@code depth} (1 = only the folder's own entries), {@code offset} and
 * {@code limit} (paging; when given, the object also carries {@code next_offset} if more follow).
 * Symlinks that leave the root are not listed; symlinked folders are listed but not entered.
 */
final class FileListing {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Bytes handed to the response per blocking write: few enough writes for 100,000 entries a second. */
    private static final int WRITE_CHUNK = 64 * 1024;

    private record Options(int depth, long offset, long limit) {
    }

    /** A step of the walk: list a folder, or report one entry found at a depth. */
    private sealed interface Step {
    }

    /**
     * @param relative the folder's path relative to the tree root, {@code ""} for the root itself
     */
    private record ListFolder(Path dir, String relative, int depth) implements Step {
    }

    /**
     * @param relative the entry's path relative to the tree root, starting with '/'
     */
    private record Report(Path path, String name, String relative, int depth) implements Step {
    }

    private record Child(String name, Path path) {
    }

    void handle(Request request, Response response, Callback callback, SafePathResolver tree, String treeName, String sub) {
        if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "method not allowed");
            return;
        }
        Options options;
        try {
            options = options(Request.extractQueryParameters(request));
        } catch (IllegalArgumentException e) {
            error(response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
            return;
        }
        Path start;
        try {
            start = tree.resolve(sub.isEmpty() ? "/" : sub);
        } catch (PathRejectedException e) {
            error(response, callback, HttpErrors.status(e), switch (e.reason()) {
                case NOT_FOUND -> "no such path: " + treeName + sub;
                case FORBIDDEN -> "access denied: " + treeName + sub;
                case MALFORMED -> "invalid path: " + e.getMessage();
            });
            return;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        if (HttpMethod.HEAD.is(request.getMethod())) {
            response.write(true, null, callback);
            return;
        }
        Path realRoot = tree.root();
        String startRelative = normalized(sub);
        String rootPath = treeName + startRelative;
        try (OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), WRITE_CHUNK);
             JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("path", rootPath);
            json.writeArrayFieldStart("files");
            long next = walk(json, realRoot, start, startRelative, options);
            json.writeEndArray();
            if (next >= 0) {
                json.writeNumberField("next_offset", next);
            }
            json.writeEndObject();
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    /**
     * Writes the entries; returns the offset of the first entry not written, or -1 when all were.
     *
     * @param startRelative the start folder relative to the tree root: "" or "/kernels"
     */
    private static long walk(JsonGenerator json, Path root, Path start, String startRelative, Options options)
            throws IOException {
        Path rootReal = root.toRealPath();
        long index = 0;
        long end = options.limit() < 0 ? Long.MAX_VALUE : options.offset() + options.limit();
        if (!Files.isDirectory(start)) {
            writeEntry(json, start.getFileName().toString(), startRelative,
                    Files.readAttributes(start, BasicFileAttributes.class));
            return -1;
        }
        Deque<Step> stack = new ArrayDeque<>();
        stack.push(new ListFolder(start, startRelative, 1));
        while (!stack.isEmpty()) {
            Step step = stack.pop();
            if (step instanceof ListFolder folder) {
                List<Child> children = sortedChildren(folder.dir());
                for (int i = children.size() - 1; i >= 0; i--) {
                    Child child = children.get(i);
                    stack.push(new Report(child.path(), child.name(), folder.relative() + "/" + child.name(),
                            folder.depth()));
                }
                continue;
            }
            Report report = (Report) step;
            Path child = report.path();
            int depth = report.depth();
            BasicFileAttributes attributes;
            boolean symlink;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                symlink = attributes.isSymbolicLink();
                if (symlink) {
                    if (!child.toRealPath().startsWith(rootReal)) {
                        continue;
                    }
                    attributes = Files.readAttributes(child, BasicFileAttributes.class);
                }
            } catch (IOException vanishedOrDangling) {
                continue;
            }
            if (index >= end) {
                return index;
            }
            if (index >= options.offset()) {
                writeEntry(json, report.name(), report.relative(), attributes);
            }
            index++;
            if (attributes.isDirectory() && !symlink && depth < options.depth()) {
                stack.push(new ListFolder(child, report.relative(), depth + 1));
            }
        }
        return -1;
    }

    /** The folder's entries sorted by name; each name is decoded from the file system only once. */
    private static List<Child> sortedChildren(Path dir) {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                children.add(new Child(child.getFileName().toString(), child));
            }
        } catch (IOException unreadable) {
            return children;
        }
        children.sort(Comparator.comparing(Child::name));
        return children;
    }

    private static void writeEntry(JsonGenerator json, String name, String relative, BasicFileAttributes attributes)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("path", relative);
        json.writeBooleanField("is_dir", attributes.isDirectory());
        json.writeNumberField("size", attributes.size());
        if (!attributes.isDirectory()) {
            json.writeStringField("modified", rfc3339(attributes.lastModifiedTime().toInstant().getEpochSecond()));
        }
        json.writeEndObject();
    }

    /**
     * {@code 2026-02-04T14:00:00Z}: RFC 3339 in UTC, whole seconds, as {@link DateTimeFormatter#ISO_INSTANT}
     * writes it, but without a formatter's per-call cost (this runs once per listed file).
     */
    static String rfc3339(long epochSecond) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSecond));
        }
        char[] text = "0000-00-00T00:00:00Z".toCharArray();
        digits(text, 0, 4, year);
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        return new String(text);
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static Options options(Fields query) {
        int depth = (int) Math.min(Integer.MAX_VALUE, number(query, "depth", Integer.MAX_VALUE, 1));
        long offset = number(query, "offset", 0, 0);
        long limit = number(query, "limit", -1, 1);
        return new Options(depth, offset, limit);
    }

    private static long number(Fields query, String name, long absent, long min) {
        String value = query.getValue(name);
        if (value == null) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min) {
                throw new IllegalArgumentException(name + " must be at least " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    /** "" for the tree root, else "/a/b" without empty segments or a trailing slash. */
    private static String normalized(String sub) {
        StringBuilder out = new StringBuilder();
        for (String segment : sub.split("/")) {
            if (!segment.isEmpty()) {
                out.append('/').append(segment);
            }
        }
        return out.toString();
    }

    static void error(Response response, Callback callback, int status, String message) {
        StringBuilder body = new StringBuilder("{\"error\":");
        try {
            java.io.StringWriter writer = new java.io.StringWriter();
            try (JsonGenerator json = JSON.createGenerator(writer)) {
                json.writeString(message);
            }
            body.append(writer).append(",\"status\":").append(status).append("}\n");
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        HttpErrors.send(response, callback, status, "application/json; charset=utf-8",
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
