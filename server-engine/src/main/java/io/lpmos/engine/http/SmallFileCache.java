package io.lpmos.engine.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Contents of small files (iPXE scripts, pxelinux configs, kickstarts, 4 KiB probes) kept in direct
 * memory so that serving them costs no open, read and close. Every use is validated against the
 * attributes the request has just read anyway (file identity, size, modification time in
 * nanoseconds): a replaced or rewritten file is read again. Bounded by {@link #budgetBytes}; when
 * full, older entries are dropped. Thread-safe.
 */
final class SmallFileCache {
    static final int MAX_FILE_BYTES = 64 * 1024;

    private record Entry(Object fileKey, long modifiedNanos, long size, ByteBuffer content) {
        boolean matches(BasicFileAttributes attributes) {
            return size == attributes.size() && modifiedNanos == SmallFileCache.modifiedNanos(attributes)
                    && Objects.equals(fileKey, attributes.fileKey());
        }
    }

    private final long budgetBytes;
    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();

    SmallFileCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * The whole content of {@code file} as a buffer of its own (position 0, limit = size), or null when
     * the file is too large to cache or changed while it was read (the caller then streams it).
     *
     * @throws IOException when the file cannot be opened or read (mapped to 403/404 by the caller)
     */
    ByteBuffer content(Path file, BasicFileAttributes attributes) throws IOException {
        long size = attributes.size();
        if (size > MAX_FILE_BYTES) {
            return null;
        }
        Entry entry = entries.get(file);
        if (entry != null && entry.matches(attributes)) {
            return entry.content().duplicate();
        }
        ByteBuffer content = ByteBuffer.allocateDirect((int) size);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (content.hasRemaining()) {
                if (channel.read(content, content.position()) < 0) {
                    return null;
                }
            }
            if (channel.size() != size) {
                return null;
            }
        }
        content.flip();
        Entry fresh = new Entry(attributes.fileKey(), modifiedNanos(attributes), size, content.asReadOnlyBuffer());
        Entry previous = entries.put(file, fresh);
        cachedBytes.addAndGet(size - (previous == null ? 0 : previous.size()));
        if (cachedBytes.get() > budgetBytes) {
            evict();
        }
        return fresh.content().duplicate();
    }

    private void evict() {
        Iterator<Entry> it = entries.values().iterator();
        while (cachedBytes.get() > budgetBytes * 3 / 4 && it.hasNext()) {
            Entry dropped = it.next();
            it.remove();
            cachedBytes.addAndGet(-dropped.size());
        }
    }

    /** Bytes of file content held now. */
    long cachedBytes() {
        return cachedBytes.get();
    }

    private static long modifiedNanos(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
}
