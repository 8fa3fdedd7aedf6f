package io.lpmos.engine.files;

/** A requested path was refused; {@link #reason()} maps to a protocol status (HTTP 400/403/404, TFTP error 1/2). */
public final class PathRejectedException extends Exception {
    public enum Reason {
        /** Malformed: NUL or control characters, backslashes, dot segments, too long. */
        MALFORMED,
        /** Exists but leaves the root (symlink) or may not be read. */
        FORBIDDEN,
        /** Nothing there. */
        NOT_FOUND
    }

    private final Reason reason;

    public PathRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
