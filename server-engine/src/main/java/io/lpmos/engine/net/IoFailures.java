package io.lpmos.engine.net;

/**
 * Operator words for network and disk failures, shared by everything that downloads or writes files
 * (pull-through, mirror fetches). Stateless and thread-safe.
 */
public final class IoFailures {
    private IoFailures() {
    }

    /** Failures whose kind says more than whatever they wrap (a refused connection wraps a closed channel). */
    private static final java.util.Set<String> TELLING = java.util.Set.of("ConnectException", "UnknownHostException",
            "HttpConnectTimeoutException", "HttpTimeoutException");

    /**
     * A short, operator-readable reason for an upstream or disk failure (no connection dumps): the
     * outermost failure of a telling kind (refused connection, unknown host, time-out) in the cause
     * chain, else the root cause.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (!TELLING.contains(root.getClass().getSimpleName()) && root.getCause() != null
                && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind;
        switch (root.getClass().getSimpleName()) {
            case "ConnectException" -> kind = "cannot connect";
            case "UnknownHostException" -> kind = "unknown host";
            case "TimeoutException", "SocketTimeoutException", "HttpTimeoutException", "HttpConnectTimeoutException" -> kind = "no answer in time";
            case "EofException", "EOFException", "ClosedChannelException", "AsynchronousCloseException" -> {
                kind = "connection closed early";
                message = null;
            }
            case "NoSuchFileException" -> kind = "no such file";
            case "AccessDeniedException" -> kind = "permission denied";
            case "FileSystemException" -> kind = null;
            case "IOException" -> kind = null;
            default -> kind = root.getClass().getSimpleName();
        }
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        if (message == null || message.isBlank()) {
            return kind == null ? "I/O error" : kind;
        }
        return kind == null ? message : kind + " (" + message + ")";
    }
}
