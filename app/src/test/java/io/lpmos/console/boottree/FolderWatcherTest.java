package io.lpmos.console.boottree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {
    @TempDir
    Path root;

    private static void awaitReports(List<Set<Path>> reports, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reports.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aBurstOfChangesIsReportedOnceAfterItPauses() throws Exception {
        Path kernels = Files.createDirectories(root.resolve("kernels"));
        Path other = Files.createDirectories(root.resolve("other"));
        List<Set<Path>> reports = new CopyOnWriteArrayList<>();
        try (FolderWatcher watcher = new FolderWatcher(Duration.ofMillis(300), Duration.ofSeconds(5), reports::add)) {
            watcher.watch(kernels);
            assertThat(watcher.isWatching(kernels)).isTrue();
            assertThat(watcher.isWatching(other)).isFalse();

            for (int i = 0; i < 20; i++) {
                Files.writeString(kernels.resolve("file-" + i), "x");
            }
            Files.writeString(other.resolve("unwatched"), "x");
            awaitReports(reports, 1);
            Thread.sleep(600);

            assertThat(reports).containsExactly(Set.of(kernels.toAbsolutePath().normalize()));

            watcher.unwatch(kernels);
            assertThat(watcher.isWatching(kernels)).isFalse();
            Files.writeString(kernels.resolve("after-unwatch"), "x");
            Thread.sleep(600);
            assertThat(reports).hasSize(1);
        }
    }

    @Test
    void aLongRunOfChangesIsStillReportedWithinTheMaximumDelay() throws Exception {
        Path folder = Files.createDirectories(root.resolve("busy"));
        List<Set<Path>> reports = new CopyOnWriteArrayList<>();
        try (FolderWatcher watcher = new FolderWatcher(Duration.ofMillis(400), Duration.ofMillis(800), reports::add)) {
            watcher.watch(folder);
            long start = System.nanoTime();
            int i = 0;
            while (reports.isEmpty() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                Files.writeString(folder.resolve("chunk-" + i++ % 5), "x".repeat(i));
                Thread.sleep(50);
            }
            assertThat(reports).isNotEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        }
    }
}
