package io.lpmos.engine.mirror;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The small file beside a {@code <name>.part} that makes it resumable after an interruption or a
 * restart: where its bytes come from, the validator that source gave (ETag, else Last-Modified) for
 * {@code If-Range}, and the full length. Written (through a temporary file renamed into place) when
 * a download's headers arrive; removed with the {@code .part}. Immutable.
 *
 * @param source       the URL the bytes were downloaded from
 * @param etag         that source's ETag, null when it sent none
 * @param lastModified that source's Last-Modified, null when it sent none
 * @param length       the full length of the file, -1 when unknown
 */
record PartSidecar(@JsonProperty("source") URI source, @JsonProperty("etag") String etag,
                   @JsonProperty("lastModified") String lastModified, @JsonProperty("length") long length) {
    static final String SUFFIX = ".meta";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The sidecar's place for a {@code .part} file. */
    static Path of(Path part) {
        return part.resolveSibling(part.getFileName() + SUFFIX);
    }

    /** The validator for {@code If-Range}: a strong ETag, else the Last-Modified date; null when neither. */
    String validator() {
        if (etag != null && !etag.startsWith("W/")) {
            return etag;
        }
        return lastModified;
    }

    /** Reads the sidecar of {@code part}; empty when there is none or it is unreadable (the part then restarts). */
    static Optional<PartSidecar> read(Path part) {
        try {
            return Optional.ofNullable(JSON.readValue(Files.readAllBytes(of(part)), PartSidecar.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes it durably beside {@code part}. */
    void write(Path part) throws IOException {
        Path target = of(part);
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, JSON.writeValueAsBytes(this));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void delete(Path part) throws IOException {
        Files.deleteIfExists(of(part));
    }
}
