package io.lpmos.engine.mirror;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the SHA-256 a Debian/Ubuntu repository publishes for one of its files: the name itself for
 * {@code by-hash/SHA256/<hash>} files, otherwise the {@code SHA256:} list of the nearest
 * {@code InRelease} (preferred) or {@code Release} in a folder above the file, e.g.
 * {@code dists/jammy/InRelease} for {@code dists/jammy/main/binary-amd64/Packages.xz}. Only the
 * index on disk is read; its OpenPGP signature is not checked here (apt checks it). Stateless and
 * thread-safe.
 */
public final class DebianReleaseChecksums {
    /** Release files larger than this are not read (real ones are well under a megabyte). */
    static final long MAX_RELEASE_SIZE = 16L * 1024 * 1024;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String[] INDEX_NAMES = {"InRelease", "Release"};

    /**
     * What the repository says a file must be.
     *
     * @param sha256   lower-case hex digest
     * @param size     size in bytes, or -1 when only the digest is known (by-hash names)
     * @param listedIn where the checksum comes from, relative to the distro folder, e.g. {@code dists/jammy/InRelease}
     */
    public record Expected(String sha256, long size, String listedIn) {
    }

    private DebianReleaseChecksums() {
    }

    /**
     * @param distroRoot the repository's top folder, e.g. {@code <root>/repos/ubuntu}; no index above
     *                   it is consulted
     * @param file       a file at or below {@code distroRoot} (it need not exist)
     * @return the expected checksum, or empty when the repository lists none for the file
     * @throws IOException when the nearest index exists but cannot be read
     */
    public static Optional<Expected> find(Path distroRoot, Path file) throws IOException {
        if (!file.startsWith(distroRoot) || file.equals(distroRoot)) {
            return Optional.empty();
        }
        Path parent = file.getParent();
        String name = file.getFileName().toString();
        if (parent.getFileName() != null && parent.getFileName().toString().equals("SHA256")
                && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals("by-hash")
                && SHA256_HEX.matcher(name).matches()) {
            return Optional.of(new Expected(name, -1, slashed(distroRoot.relativize(file))));
        }
        for (Path dir = parent; dir != null && dir.startsWith(distroRoot); dir = dir.getParent()) {
            for (String indexName : INDEX_NAMES) {
                Path index = dir.resolve(indexName);
                if (!index.equals(file) && Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
                    return lookup(index, slashed(dir.relativize(file)), slashed(distroRoot.relativize(index)));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Expected> lookup(Path index, String relative, String listedIn) throws IOException {
        if (Files.size(index) > MAX_RELEASE_SIZE) {
            throw new IOException(index + " is larger than " + MAX_RELEASE_SIZE + " bytes; not a Release file");
        }
        try (BufferedReader reader = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            boolean inSha256 = false;
            String line;
            while ((line = reader.readLine()) != null) {
                if (!inSha256) {
                    inSha256 = line.equals("SHA256:");
                    continue;
                }
                if (!line.startsWith(" ")) {
                    break;
                }
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 3 && fields[2].equals(relative)) {
                    String sha256 = fields[0].toLowerCase(Locale.ROOT);
                    if (!SHA256_HEX.matcher(sha256).matches()) {
                        throw new IOException(index + " lists a malformed SHA256 for " + relative);
                    }
                    try {
                        return Optional.of(new Expected(sha256, Long.parseLong(fields[1]), listedIn));
                    } catch (NumberFormatException e) {
                        throw new IOException(index + " lists a malformed size for " + relative, e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
