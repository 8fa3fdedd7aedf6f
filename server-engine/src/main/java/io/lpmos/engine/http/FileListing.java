package io.lpmos.engine.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmos.engine.files.PathRejectedException;
import io.lpmos.engine.files.SafePathResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

    private record Options(int depth, long offset, long limit) {
    }

    /** A step of the walk: list a folder, or report one entry found at a depth. */
    private sealed interface Step {
    }

    /** {@code relative} is the folder's path relative to the tree root ("" for the root itself). */
    private record ListFolder(Path dir, String relative, int depth) implements Step {
    }

    private record Report(Path folder, String name, String folderRelative, int depth) implements Step {
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
        try (OutputStream out = Content.Sink.asOutputStream(response);
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
        BasicFileAttributes startAttributes = Files.readAttributes(start, BasicFileAttributes.class);
        if (!startAttributes.isDirectory()) {
            writeEntry(json, start.getFileName().toString(), startRelative, startAttributes);
            return -1;
        }
        Deque<Step> stack = new ArrayDeque<>();
        stack.push(new ListFolder(start, startRelative, 1));
        while (!stack.isEmpty()) {
            Step step = stack.pop();
            if (step instanceof ListFolder folder) {
                List<String> names = sortedNames(folder.dir());
                for (int i = names.size() - 1; i >= 0; i--) {
                    stack.push(new Report(folder.dir(), names.get(i), folder.relative(), folder.depth()));
                }
                continue;
            }
            Report report = (Report) step;
            Path child = report.folder().resolve(report.name());
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
            String relative = report.folderRelative() + "/" + report.name();
            if (index >= options.offset()) {
                writeEntry(json, report.name(), relative, attributes);
            }
            index++;
            if (attributes.isDirectory() && !symlink && report.depth() < options.depth()) {
                stack.push(new ListFolder(child, relative, report.depth() + 1));
            }
        }
        return -1;
    }

    /** The folder's entry names in lexical order; empty when it cannot be read. */
    private static List<String> sortedNames(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                names.add(child.getFileName().toString());
            }
        } catch (IOException unreadable) {
            return names;
        }
        names.sort(null);
        return names;
    }

    private static void writeEntry(JsonGenerator json, String name, String relative, BasicFileAttributes attributes)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("path", relative);
        json.writeBooleanField("is_dir", attributes.isDirectory());
        json.writeNumberField("size", attributes.size());
        if (!attributes.isDirectory()) {
            json.writeStringField("modified",
                    RFC3339.format(attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS)));
        }
        json.writeEndObject();
    }

    private static Options options(Fields query) {
        int depth = (int) number(query, "depth", Integer.MAX_VALUE, 1);
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
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
