package io.lpmos.engine.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a client-supplied path (already percent-decoded, '/'-separated, relative to one root) to a
 * file under that root, or refuses it. Shared by every protocol that serves the boot tree, so that
 * the same hostile-path rules hold for HTTP and TFTP. Thread-safe.
 *
 * <p>Rules: no NUL or other control characters, no backslash, no {@code .} or {@code ..} segment,
 * at most {@value #MAX_PATH_LENGTH} characters, and the real path (symlinks followed) must stay inside
 * the real root. Empty segments (double slashes) are ignored, as web servers do.
 */
public final class SafePathResolver {
    public static final int MAX_PATH_LENGTH = 4096;
    private static final int MAX_SEGMENT_LENGTH = 255;

    static final long FOLDER_CHECK_TTL_MILLIS = 2000;
    private static final long FOLDER_CHECK_TTL_NANOS = FOLDER_CHECK_TTL_MILLIS * 1_000_000;
    private static final int MAX_VERIFIED_FOLDERS = 4096;

    private final Path root;
    private final ConcurrentHashMap<Path, Long> verifiedFolders = new ConcurrentHashMap<>();
    private volatile Path realRoot;

    public SafePathResolver(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves {@code relative} (leading '/' allowed) to an existing path inside the root.
     *
     * @throws PathRejectedException MALFORMED, FORBIDDEN (outside the root or unreadable) or NOT_FOUND
     */
    public Path resolve(String relative) throws PathRejectedException {
        return resolveWithAttributes(relative).path();
    }

    /** A resolved path and its attributes (symlinks followed), read with as few system calls as possible. */
    public record Resolved(Path path, BasicFileAttributes attributes) {
    }

    /**
     * Like {@link #resolve} but also returns the attributes. The common case (no symlink as the last
     * component, parent folder recently verified) costs one {@code lstat}: folders proven to lie
     * inside the root are remembered for {@value #FOLDER_CHECK_TTL_MILLIS} ms, so a folder symlink
     * re-pointed outside the root by the operator takes effect within that time.
     */
    public Resolved resolveWithAttributes(String relative) throws PathRejectedException {
        Path candidate = lexical(relative);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new PathRejectedException(PathRejectedException.Reason.NOT_FOUND, "no such file: " + relative);
        } catch (IOException | SecurityException e) {
            throw new PathRejectedException(PathRejectedException.Reason.FORBIDDEN, "cannot access " + relative);
        }
        if (attributes.isSymbolicLink()) {
            Path real = realInsideRoot(candidate, relative);
            try {
                return new Resolved(real, Files.readAttributes(real, BasicFileAttributes.class));
            } catch (IOException | SecurityException e) {
                throw new PathRejectedException(PathRejectedException.Reason.FORBIDDEN, "cannot access " + relative);
            }
        }
        if (candidate.equals(root)) {
            realRoot();
            return new Resolved(candidate, attributes);
        }
        Path parent = candidate.getParent();
        if (!parent.equals(root) && !folderInsideRoot(parent)) {
            throw new PathRejectedException(PathRejectedException.Reason.FORBIDDEN, "path leaves the root: " + relative);
        }
        return new Resolved(candidate, attributes);
    }

    private Path realInsideRoot(Path candidate, String relative) throws PathRejectedException {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new PathRejectedException(PathRejectedException.Reason.NOT_FOUND, "no such file: " + relative);
        } catch (IOException | SecurityException e) {
            throw new PathRejectedException(PathRejectedException.Reason.FORBIDDEN, "cannot access " + relative);
        }
        if (!real.startsWith(realRoot())) {
            throw new PathRejectedException(PathRejectedException.Reason.FORBIDDEN, "path leaves the root: " + relative);
        }
        return real;
    }

    private boolean folderInsideRoot(Path folder) throws PathRejectedException {
        long now = System.nanoTime();
        Long checkedAt = verifiedFolders.get(folder);
        if (checkedAt != null && now - checkedAt < FOLDER_CHECK_TTL_NANOS) {
            return true;
        }
        boolean inside;
        try {
            inside = folder.toRealPath().startsWith(realRoot());
        } catch (IOException | SecurityException e) {
            return false;
        }
        if (inside) {
            if (verifiedFolders.size() >= MAX_VERIFIED_FOLDERS) {
                verifiedFolders.clear();
            }
            verifiedFolders.put(folder, now);
        }
        return inside;
    }

    /**
     * Whether an existing {@code path} still lies inside the root once every symlink is followed;
     * false for a dangling or unreadable link. Used to hide links that leave the tree from listings.
     */
    public boolean staysInside(Path path) {
        try {
            return path.toRealPath().startsWith(realRoot());
        } catch (IOException | SecurityException | PathRejectedException e) {
            return false;
        }
    }

    /**
     * Checks the path's syntax and joins it to the root without touching the file system; used for
     * files that may not exist yet (pull-through downloads). The result may still name a symlink.
     */
    public Path lexical(String relative) throws PathRejectedException {
        if (relative.length() > MAX_PATH_LENGTH) {
            throw malformed("path longer than " + MAX_PATH_LENGTH + " characters");
        }
        Path result = root;
        int start = 0;
        int length = relative.length();
        while (start <= length) {
            int slash = relative.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            if (end > start) {
                String segment = relative.substring(start, end);
                checkSegment(segment);
                try {
                    result = result.resolve(segment);
                } catch (InvalidPathException e) {
                    throw malformed("invalid path segment");
                }
            }
            start = end + 1;
        }
        return result;
    }

    private static void checkSegment(String segment) throws PathRejectedException {
        if (segment.equals(".") || segment.equals("..")) {
            throw malformed("dot segments are not allowed");
        }
        if (segment.length() > MAX_SEGMENT_LENGTH) {
            throw malformed("path segment longer than " + MAX_SEGMENT_LENGTH + " characters");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw malformed("control characters are not allowed");
            }
            if (c == '\\') {
                throw malformed("backslashes are not allowed");
            }
            if (c == '\uFFFD') {
                throw malformed("invalid UTF-8 in path");
            }
        }
    }

    private Path realRoot() throws PathRejectedException {
        Path r = realRoot;
        if (r == null) {
            try {
                r = root.toRealPath();
            } catch (IOException e) {
                throw new PathRejectedException(PathRejectedException.Reason.NOT_FOUND, "root does not exist: " + root);
            }
            realRoot = r;
        }
        return r;
    }

    private static PathRejectedException malformed(String message) {
        return new PathRejectedException(PathRejectedException.Reason.MALFORMED, message);
    }
}
