package io.lpmos.engine.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The shared corpus of hostile request paths ({@code hostile-paths.txt} next to this class) and the
 * fixtures it assumes: a secret file beside the boot tree root, and symlinks inside each served tree
 * that point out of it. Every protocol that serves the boot tree (HTTP, TFTP) runs the same corpus.
 */
public final class HostilePaths {
    public static final String RESOURCE = "hostile-paths.txt";

    private HostilePaths() {
    }

    /** Where the fixtures were planted, and the marker that must never reach a client. */
    public record Fixture(Path secret, String marker) {
    }

    /** Every path of the corpus, in file order, exactly as written (comments and blank lines dropped). */
    public static List<String> load() throws IOException {
        try (InputStream in = HostilePaths.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
    }

    /**
     * Writes {@code <outside>/secret.txt} with a unique marker and plants {@code etc-link → /etc} and
     * {@code secret-link.txt → <outside>/secret.txt} in each tree; {@code outside} must be the folder
     * that holds the boot tree root, so that {@code ../../secret.txt} from a tree names the secret.
     */
    public static Fixture plant(Path outside, Path... trees) throws IOException {
        String marker = "LPMOS-SECRET-" + UUID.randomUUID();
        Path secret = outside.resolve("secret.txt");
        Files.writeString(secret, marker + "\n", StandardCharsets.UTF_8);
        for (Path tree : trees) {
            Files.createDirectories(tree);
            Files.createSymbolicLink(tree.resolve("etc-link"), Path.of("/etc"));
            Files.createSymbolicLink(tree.resolve("secret-link.txt"), secret);
        }
        return new Fixture(secret, marker);
    }

    /**
     * Decodes {@code %XX} escapes once, as an HTTP server does, reading the bytes as UTF-8 (malformed
     * sequences become U+FFFD); a {@code %} not followed by two hex digits stays as it is.
     */
    public static String percentDecode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
