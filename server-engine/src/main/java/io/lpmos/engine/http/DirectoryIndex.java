package io.lpmos.engine.http;

import io.lpmos.engine.files.SafePathResolver;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An HTML folder listing in the style of nginx {@code autoindex on}: folders first, then files, by
 * name, with modification time (UTC) and size in bytes. Written through a buffered stream, so a folder
 * of 100,000 entries is sent as it is produced.
 */
final class DirectoryIndex {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DirectoryIndex() {
    }

    private record Entry(String name, boolean directory, long size, Instant modified) {
    }

    /**
     * Writes the index of {@code folder}; symlinks that leave {@code tree} are not listed (they would
     * only answer 403, and their targets' sizes and dates are not the client's business).
     */
    static void write(Request request, Response response, Callback callback, SafePathResolver tree, Path folder,
                      String urlPath, boolean head) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path child : stream) {
                try {
                    BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (attrs.isSymbolicLink()) {
                        if (!tree.staysInside(child)) {
                            continue;
                        }
                        attrs = Files.readAttributes(child, BasicFileAttributes.class);
                    }
                    entries.add(new Entry(child.getFileName().toString(), attrs.isDirectory(), attrs.size(),
                            attrs.lastModifiedTime().toInstant()));
                } catch (IOException vanishedOrDangling) {
                    // a file deleted while listing, or a dangling symlink: not listed
                }
            }
        } catch (IOException e) {
            HttpErrors.text(response, callback, HttpStatus.FORBIDDEN_403, "403 forbidden");
            return;
        }
        entries.sort((a, b) -> a.directory() != b.directory() ? (a.directory() ? -1 : 1) : a.name().compareTo(b.name()));
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        if (head) {
            response.write(true, null, callback);
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response);
             Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 32 * 1024)) {
            String title = "Index of " + Html.escape(urlPath);
            writer.write("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>" + title
                    + "</title></head>\n<body>\n<h1>" + title + "</h1><hr><pre><a href=\"../\">../</a>\n");
            for (Entry entry : entries) {
                String name = entry.directory() ? entry.name() + "/" : entry.name();
                String href = URLEncoder.encode(entry.name(), StandardCharsets.UTF_8).replace("+", "%20")
                        + (entry.directory() ? "/" : "");
                writer.write("<a href=\"" + href + "\">" + Html.escape(name) + "</a>");
                writer.write(" ".repeat(Math.max(1, 51 - name.length())));
                writer.write(TIME.format(entry.modified()));
                String size = entry.directory() ? "-" : Long.toString(entry.size());
                writer.write(" ".repeat(Math.max(1, 20 - size.length())));
                writer.write(size);
                writer.write('\n');
            }
            writer.write("</pre><hr></body>\n</html>\n");
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }

    static final class Html {
        private Html() {
        }

        static String escape(String text) {
            StringBuilder out = new StringBuilder(text.length() + 16);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }
}
