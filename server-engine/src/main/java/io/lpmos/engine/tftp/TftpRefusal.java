package io.lpmos.engine.tftp;

/**
 * A read request the server will not serve: the error packet to send ({@link #code()} and the
 * message) and nothing else. Thrown by {@link TftpFileSource} implementations; carries no stack trace.
 */
public final class TftpRefusal extends Exception {
    private final TftpErrorCode code;

    public TftpRefusal(TftpErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public TftpErrorCode code() {
        return code;
    }
}
