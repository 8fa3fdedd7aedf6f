package io.lpmos.engine.mirror;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** SHA-256 of files already on disk (a part being resumed, a file already in place). Stateless. */
final class FileHashing {
    private static final int BUFFER = 1024 * 1024;

    private FileHashing() {
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Feeds the first {@code length} bytes of {@code file} into {@code digest}.
     *
     * @throws CancellationException when {@code cancelled} says so between two reads
     * @throws IOException           when the file is shorter or cannot be read
     */
    static void update(MessageDigest digest, Path file, long length, BooleanSupplier cancelled) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long left = length;
            while (left > 0) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled while hashing " + file.getFileName());
                }
                buffer.clear();
                if (left < buffer.capacity()) {
                    buffer.limit((int) left);
                }
                int read = channel.read(buffer);
                if (read < 0) {
                    throw new IOException(file + " ended after " + (length - left) + " of " + length + " bytes");
                }
                buffer.flip();
                digest.update(buffer);
                left -= read;
            }
        }
    }

    /** The hex SHA-256 of the whole of {@code file}. */
    static String of(Path file, long length, BooleanSupplier cancelled) throws IOException {
        MessageDigest digest = newSha256();
        update(digest, file, length, cancelled);
        return hex(digest);
    }
}
