package io.lpmos.engine.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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

    private final Path root;
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
        Path candidate = lexical(relative);
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
        if (!Files.isReadable(real)) {
            throw new PathRejectedException(PathRejectedException.Reason.FORBIDDEN, "not readable: " + relative);
        }
        return real;
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
