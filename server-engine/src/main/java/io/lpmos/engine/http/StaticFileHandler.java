package io.lpmos.engine.http;

import io.lpmos.engine.files.PathRejectedException;
import io.lpmos.engine.files.SafePathResolver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the files and folders of one tree ({@code <root>/static} or {@code <root>/repos}) for GET
 * and HEAD: conditional requests (ETag / Last-Modified, 304 and 412), single and multiple byte
 * ranges (206, 416, If-Range), exact Content-Length, and an HTML index for folders. Bodies are
 * streamed by {@link FileBody}. Thread-safe; one instance serves every request of its tree.
 */
final class StaticFileHandler {
    private static final HttpField ACCEPT_RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");
    private static final String OCTET_STREAM = "application/octet-stream";
    /** Types of boot-tree files that Jetty's extension table lacks, by lower-case extension. */
    private static final Map<String, String> BOOT_TREE_TYPES = Map.of("iso", "application/x-iso9660-image");

    private final SafePathResolver resolver;
    private final MimeTypes mimeTypes;
    private final long bytesPerSecond;
    private final MissingFileHandler missingFiles;
    private final SmallFileCache smallFiles;

    /**
     * @param missingFiles asked to serve a file that is not on disk (pull-through), or {@code null}
     */
    StaticFileHandler(SafePathResolver resolver, MimeTypes mimeTypes, long bytesPerSecond, MissingFileHandler missingFiles,
                      SmallFileCache smallFiles) {
        this.smallFiles = smallFiles;
        this.resolver = resolver;
        this.mimeTypes = mimeTypes;
        this.bytesPerSecond = bytesPerSecond;
        this.missingFiles = missingFiles;
    }

    /** Decides what to do with a file that is not in the tree; used for pull-through mirrors. */
    interface MissingFileHandler {
        /**
         * Returns true when it took over the response. False hands the request back: the tree is looked
         * at once more (a concurrent download may have just put the file in place) and 404 is answered
         * if the file is still missing.
         */
        boolean handleMissing(String relativePath, Request request, Response response, Callback callback);
    }

    /**
     * @param urlPath      the decoded request path, e.g. {@code /static/kernels/vmlinuz}
     * @param relativePath the part after the tree's prefix, e.g. {@code /kernels/vmlinuz}
     */
    void handle(Request request, Response response, Callback callback, String urlPath, String relativePath) {
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            HttpErrors.text(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "405 method not allowed");
            return;
        }
        SafePathResolver.Resolved resolved;
        try {
            resolved = resolver.resolveWithAttributes(relativePath);
        } catch (PathRejectedException e) {
            if (e.reason() == PathRejectedException.Reason.NOT_FOUND && missingFiles != null) {
                BlockingWork.dispatch(request, callback, () -> serveMissing(request, response, callback, urlPath,
                        relativePath, head));
                return;
            }
            HttpErrors.rejected(response, callback, e);
            return;
        }
        serve(request, response, callback, urlPath, resolved, head);
    }

    /** Off the selector thread: asks the pull-through, then looks at the tree once more. */
    private void serveMissing(Request request, Response response, Callback callback, String urlPath,
                              String relativePath, boolean head) {
        if (missingFiles.handleMissing(relativePath, request, response, callback)) {
            return;
        }
        try {
            serve(request, response, callback, urlPath, resolver.resolveWithAttributes(relativePath), head);
        } catch (PathRejectedException stillMissing) {
            HttpErrors.rejected(response, callback, stillMissing);
        }
    }

    private void serve(Request request, Response response, Callback callback, String urlPath,
                       SafePathResolver.Resolved resolved, boolean head) {
        Path file = resolved.path();
        BasicFileAttributes attributes = resolved.attributes();
        if (attributes.isDirectory()) {
            if (!urlPath.endsWith("/")) {
                String query = request.getHttpURI().getQuery();
                String location = request.getHttpURI().getPath() + "/" + (query == null ? "" : "?" + query);
                Response.sendRedirect(request, response, callback, HttpStatus.MOVED_PERMANENTLY_301, location, true);
                return;
            }
            BlockingWork.dispatch(request, callback,
                    () -> DirectoryIndex.write(request, response, callback, resolver, file, urlPath, head));
            return;
        }
        if (!attributes.isRegularFile()) {
            HttpErrors.text(response, callback, HttpStatus.FORBIDDEN_403, "403 forbidden");
            return;
        }
        serveFile(request, response, callback, file, attributes, head);
    }

    private void serveFile(Request request, Response response, Callback callback, Path file,
                           BasicFileAttributes attributes, boolean head) {
        long size = attributes.size();
        long modifiedMillis = attributes.lastModifiedTime().toMillis();
        long modifiedSeconds = modifiedMillis / 1000;
        String etag = "\"" + Long.toHexString(attributes.lastModifiedTime().toMillis()) + "-" + Long.toHexString(size) + "\"";
        HttpFields requestHeaders = request.getHeaders();
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(modifiedSeconds * 1000));
        headers.put(HttpHeader.ETAG, etag);
        headers.add(ACCEPT_RANGES);

        String ifMatch = requestHeaders.get(HttpHeader.IF_MATCH);
        if (ifMatch != null ? !Conditions.etagMatches(ifMatch, etag, true)
                : Conditions.modifiedSince(requestHeaders.get(HttpHeader.IF_UNMODIFIED_SINCE), modifiedSeconds) == Boolean.TRUE) {
            HttpErrors.text(response, callback, HttpStatus.PRECONDITION_FAILED_412, "412 precondition failed");
            return;
        }
        String ifNoneMatch = requestHeaders.get(HttpHeader.IF_NONE_MATCH);
        boolean notModified = ifNoneMatch != null
                ? Conditions.etagMatches(ifNoneMatch, etag, false)
                : Conditions.modifiedSince(requestHeaders.get(HttpHeader.IF_MODIFIED_SINCE), modifiedSeconds) == Boolean.FALSE;
        if (notModified) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, null, callback);
            return;
        }

        String contentType = contentType(file);
        RangeRequest range = rangeFor(request, size, etag, modifiedSeconds);
        List<FileBody.Segment> segments = new ArrayList<>(3);
        long length;
        if (range instanceof RangeRequest.Unsatisfiable) {
            headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
            HttpErrors.text(response, callback, HttpStatus.RANGE_NOT_SATISFIABLE_416, "416 range not satisfiable");
            return;
        } else if (range instanceof RangeRequest.Ranges ranges && ranges.ranges().size() == 1) {
            RangeRequest.Range only = ranges.ranges().get(0);
            response.setStatus(HttpStatus.PARTIAL_CONTENT_206);
            headers.put(HttpHeader.CONTENT_RANGE, only.contentRange(size));
            headers.put(HttpHeader.CONTENT_TYPE, contentType);
            length = only.length();
            segments.add(FileBody.Segment.file(only.first(), length));
        } else if (range instanceof RangeRequest.Ranges ranges) {
            String boundary = "lpmos" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            response.setStatus(HttpStatus.PARTIAL_CONTENT_206);
            headers.put(HttpHeader.CONTENT_TYPE, "multipart/byteranges; boundary=" + boundary);
            length = 0;
            boolean first = true;
            for (RangeRequest.Range r : ranges.ranges()) {
                String partHeader = (first ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + contentType
                        + "\r\nContent-Range: " + r.contentRange(size) + "\r\n\r\n";
                first = false;
                length += addBytes(segments, partHeader);
                segments.add(FileBody.Segment.file(r.first(), r.length()));
                length += r.length();
            }
            length += addBytes(segments, "\r\n--" + boundary + "--\r\n");
        } else {
            response.setStatus(HttpStatus.OK_200);
            headers.put(HttpHeader.CONTENT_TYPE, contentType);
            length = size;
            segments.add(FileBody.Segment.file(0, size));
        }
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        if (head || length == 0) {
            response.write(true, null, callback);
            return;
        }
        FileChannel channel;
        try {
            if (bytesPerSecond == 0 && segments.size() == 1 && segments.get(0).bytes() == null) {
                ByteBuffer content = smallFiles.content(file, attributes);
                if (content != null) {
                    FileBody.Segment only = segments.get(0);
                    content.position((int) only.offset()).limit((int) (only.offset() + only.length()));
                    response.write(true, content, callback);
                    return;
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            response.reset();
            HttpErrors.text(response, callback, HttpStatus.FORBIDDEN_403, "403 forbidden");
            return;
        } catch (NoSuchFileException e) {
            response.reset();
            HttpErrors.text(response, callback, HttpStatus.NOT_FOUND_404, "404 page not found");
            return;
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        ByteBufferPool pool = request.getComponents().getByteBufferPool();
        new FileBody(channel, segments, length, response, callback, pool, bytesPerSecond,
                request.getComponents().getScheduler()).iterate();
    }

    private static long addBytes(List<FileBody.Segment> segments, String text) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        segments.add(FileBody.Segment.bytes(bytes));
        return bytes.remaining();
    }

    private static RangeRequest rangeFor(Request request, long size, String etag, long modifiedSeconds) {
        HttpFields headers = request.getHeaders();
        List<String> rangeHeaders = headers.getValuesList(HttpHeader.RANGE);
        if (rangeHeaders.size() != 1) {
            return new RangeRequest.Whole();
        }
        String ifRange = headers.get(HttpHeader.IF_RANGE);
        if (ifRange != null && !Conditions.ifRangeHolds(ifRange, etag, modifiedSeconds)) {
            return new RangeRequest.Whole();
        }
        return RangeRequest.parse(rangeHeaders.get(0), size);
    }

    /**
     * The media type by file-name extension: Jetty's table, then {@link #BOOT_TREE_TYPES}; anything
     * else (kernels, initramfs without an extension) is {@code application/octet-stream}.
     */
    String contentType(Path file) {
        return contentType(mimeTypes, file);
    }

    /** The Content-Type served for {@code file} (see {@link #contentType(Path)}). */
    static String contentType(MimeTypes mimeTypes, Path file) {
        String name = file.getFileName().toString();
        String type = mimeTypes.getMimeByExtension(name);
        if (type == null) {
            int dot = name.lastIndexOf('.');
            type = dot < 0 ? null : BOOT_TREE_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
        return type == null ? OCTET_STREAM : type;
    }

    /** RFC 9110 §13 precondition evaluation helpers. */
    static final class Conditions {
        private Conditions() {
        }

        /** Weak or strong comparison of an If-Match / If-None-Match list with our (strong) ETag. */
        static boolean etagMatches(String header, String etag, boolean strong) {
            for (String candidate : header.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    if (strong) {
                        continue;
                    }
                    tag = tag.substring(2);
                }
                if (tag.equals(etag)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * True if modified after the header's date, false if not, null if the header is absent or
         * not a valid HTTP date (then it is ignored).
         */
        static Boolean modifiedSince(String header, long modifiedSeconds) {
            if (header == null) {
                return null;
            }
            long epochMillis = parseDate(header);
            if (epochMillis < 0) {
                return null;
            }
            return modifiedSeconds > epochMillis / 1000;
        }

        static boolean ifRangeHolds(String header, String etag, long modifiedSeconds) {
            String value = header.trim();
            if (value.startsWith("\"") || value.startsWith("W/")) {
                return value.equals(etag);
            }
            long epochMillis = parseDate(value);
            return epochMillis >= 0 && epochMillis / 1000 == modifiedSeconds;
        }

        private static long parseDate(String value) {
            try {
                return HttpDateTime.parseToEpoch(value);
            } catch (RuntimeException e) {
                return -1;
            }
        }
    }
}
