package io.lpmos.engine.mirror;

/**
 * A fetch profile cannot be read or used; the message names the file and says what to change, in
 * operator words (no parser class names, no stack traces).
 */
public final class ProfileException extends Exception {
    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
