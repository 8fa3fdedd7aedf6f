package io.lpmos.console.boottree;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the folders the operator has expanded and reports which of them changed, debounced: once
 * the changes have paused for {@code quiet}, or at the latest {@code maxDelay} after the first one
 * (so a long copy still refreshes its folder now and then). Runs one daemon thread named
 * {@code boot-tree-watcher}; {@code onChanged} is called on it. Thread-safe.
 */
public final class FolderWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);
    private static final long POLL_MILLIS = 100;

    private final WatchService service;
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private final long quietNanos;
    private final long maxDelayNanos;
    private final Consumer<Set<Path>> onChanged;
    private final Thread thread;
    private volatile boolean open = true;

    /**
     * Starts watching nothing yet.
     *
     * @param onChanged receives the changed folders, each at most once per report
     * @throws IOException when the file system offers no watch service
     */
    public FolderWatcher(Duration quiet, Duration maxDelay, Consumer<Set<Path>> onChanged) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.quietNanos = quiet.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.onChanged = onChanged;
        this.thread = new Thread(this::run, "boot-tree-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reports changes of entries directly in {@code folder} from now on; does nothing if already
     * watched. A folder that cannot be watched (gone, unreadable, too many watches) is logged and left
     * unwatched: the tree still shows it, it just does not refresh by itself.
     */
    public void watch(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        if (!open || keys.containsKey(key)) {
            return;
        }
        try {
            keys.put(key, key.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.warn("cannot watch {} for changes ({}); it refreshes only when reopened", key, e.toString());
        }
    }

    /** Stops reporting changes of {@code folder}. */
    public void unwatch(Path folder) {
        WatchKey key = keys.remove(folder.toAbsolutePath().normalize());
        if (key != null) {
            key.cancel();
        }
    }

    /** Whether {@code folder} is being watched. */
    public boolean isWatching(Path folder) {
        return keys.containsKey(folder.toAbsolutePath().normalize());
    }

    private void run() {
        Set<Path> pending = new HashSet<>();
        long first = 0;
        long last = 0;
        while (open) {
            WatchKey key;
            try {
                key = service.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            long now = System.nanoTime();
            if (key != null) {
                Path folder = (Path) key.watchable();
                if (pending.isEmpty()) {
                    first = now;
                }
                key.pollEvents();
                if (!key.reset()) {
                    keys.remove(folder, key);
                    if (folder.getParent() != null) {
                        pending.add(folder.getParent());
                    }
                }
                pending.add(folder);
                last = now;
            }
            if (!pending.isEmpty() && (now - last >= quietNanos || now - first >= maxDelayNanos)) {
                Set<Path> report = Set.copyOf(pending);
                pending.clear();
                try {
                    onChanged.accept(report);
                } catch (RuntimeException e) {
                    LOG.warn("boot tree refresh after a change failed: {}", e.toString(), e);
                }
            }
        }
    }

    /** Stops the thread (bounded wait of one second) and every watch. */
    @Override
    public void close() {
        open = false;
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
