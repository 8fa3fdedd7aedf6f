package io.lpmos.engine.mirror;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Makes sure one file is fetched by one fetch at a time, across fetches of this process and across
 * processes (two {@code regional-client fetch} runs, or one and the console): an exclusive
 * {@link FileLock} on a hidden, empty {@code .<name>.lock} file next to the target. The lock file is
 * left in place (deleting it would let a waiter lock a file nobody else sees); the operating system
 * releases the lock when the holder ends, however it ends.
 *
 * <p>Within this process the lock file is touched by one fetch at a time: a file lock is held by the
 * process (POSIX {@code fcntl}), and closing <em>any</em> channel on the lock file would release it for
 * other processes, so a second fetch here waits on {@link #HELD_HERE} before it opens the file. That
 * registry is process-wide on purpose (two engines in one console share the process's locks).
 * Thread-safe to acquire; each instance is closed by its holder.
 */
final class TargetLock implements AutoCloseable {
    static final long POLL_MILLIS = 100;

    /** Lock files held by a fetch of this process, with the holder's thread. */
    private static final ConcurrentHashMap<Path, Thread> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private TargetLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code target}. */
    static Path fileOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".lock");
    }

    /**
     * Takes the lock, waiting (polling) while another fetch holds it.
     *
     * @param cancelled  checked while waiting; the wait ends with {@link CancellationException} when it says so
     * @param onWait     run once, when the lock turns out to be held by another fetch
     * @throws IOException when the lock file cannot be created (the folder is not writable, ...)
     */
    static TargetLock acquire(Path target, BooleanSupplier cancelled, Runnable onWait) throws IOException {
        Path file = fileOf(target).toAbsolutePath().normalize();
        boolean waited = false;
        while (true) {
            if (HELD_HERE.putIfAbsent(file, Thread.currentThread()) != null) {
                if (!waited) {
                    waited = true;
                    onWait.run();
                }
                pause(cancelled, target);
                continue;
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException e) {
                HELD_HERE.remove(file);
                throw e;
            }
            FileLock lock = null;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException | IOException e) {
                lock = null;
            } finally {
                if (lock == null) {
                    channel.close();
                    HELD_HERE.remove(file);
                }
            }
            if (lock != null) {
                return new TargetLock(file, channel, lock);
            }
            if (!waited) {
                waited = true;
                onWait.run();
            }
            pause(cancelled, target);
        }
    }

    private static void pause(BooleanSupplier cancelled, Path target) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled while another fetch of " + target.getFileName() + " ran");
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for another fetch of " + target.getFileName());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD_HERE.remove(file);
            }
        }
    }
}
