package io.lpmos.engine.tftp;

import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;

/**
 * Decides what a read request maps to: the server's one point of policy (ARCHITECTURE.md principle 2).
 * The protocol code asks for a file by the name the client sent and serves the channel it gets back
 * with positional reads; it closes the channel when the transfer ends. Implementations are called
 * on transfer threads, concurrently, and must be thread-safe.
 */
@FunctionalInterface
public interface TftpFileSource {
    /**
     * Opens the file {@code requestedName} names for {@code client}.
     *
     * @param requestedName the file name exactly as the request carried it (decoded as UTF-8)
     * @throws TftpRefusal with error 1 when there is no such file, error 2 when it may not be read
     */
    OpenedFile open(String requestedName, InetSocketAddress client) throws TftpRefusal;

    /**
     * A file ready to be served.
     *
     * @param channel open for reading; the transfer closes it
     * @param size    its size when opened; the transfer serves exactly this many bytes at most
     */
    record OpenedFile(FileChannel channel, long size) {
    }
}
