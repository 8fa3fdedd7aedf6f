package io.lpmos.console.boottree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootTreeCopierTest {
    @TempDir
    Path desktop;
    @TempDir
    Path folder;

    private final BootTreeCopier copier = new BootTreeCopier();

    private static Path randomFile(Path path, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        return Files.write(path, data);
    }

    /** The SHA-256 as the coreutils tool prints it. */
    private static String sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        try (InputStream out = process.getInputStream()) {
            String line = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(line).isZero();
            return line.substring(0, 64);
        }
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void copiesAFileReportingProgressAndItsSha256AsSha256sumPrintsIt() throws Exception {
        Path kernel = randomFile(desktop.resolve("vmlinuz"), 5 * 1024 * 1024 + 17);
        Files.setLastModifiedTime(kernel, FileTime.fromMillis(1_600_000_000_000L));
        CopyProgress progress = new CopyProgress();

        CopyResult result = copier.copy(kernel, folder, ClashDecision.KEEP_BOTH, progress);

        assertThat(result.outcome()).isEqualTo(CopyResult.Outcome.COPIED);
        assertThat(result.target()).isEqualTo(folder.resolve("vmlinuz"));
        assertThat(result.sha256()).isEqualTo(sha256sum(kernel)).isEqualTo(sha256sum(result.target()));
        assertThat(result.bytes()).isEqualTo(Files.size(kernel));
        assertThat(progress.total()).isEqualTo(Files.size(kernel));
        assertThat(progress.copied()).isEqualTo(Files.size(kernel));
        assertThat(progress.fraction()).isEqualTo(1.0);
        assertThat(Files.mismatch(kernel, result.target())).isEqualTo(-1);
        assertThat(Files.getLastModifiedTime(result.target()).toMillis()).isEqualTo(1_600_000_000_000L);
        assertThat(names(folder)).containsExactly("vmlinuz");
    }

    @Test
    void progressIsUnknownBeforeTheCopyMeasuresIt() {
        CopyProgress progress = new CopyProgress();
        assertThat(progress.total()).isEqualTo(-1);
        assertThat(progress.fraction()).isEqualTo(-1);
    }

    @Test
    void cancellingMidCopyLeavesNothingBehind() throws Exception {
        // large enough that the copy is still running when the canceller, spinning on the progress, sees it start
        Path iso = randomFile(desktop.resolve("big.iso"), 64 * 1024 * 1024);
        CopyProgress progress = new CopyProgress();
        Thread canceller = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (progress.copied() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            progress.cancel();
        });
        canceller.start();
        try {
            assertThatThrownBy(() -> copier.copy(iso, folder, ClashDecision.KEEP_BOTH, progress))
                    .isInstanceOf(CopyCancelledException.class).hasMessageContaining("big.iso");
        } finally {
            canceller.join(10_000);
        }
        assertThat(progress.copied()).isGreaterThan(0).isLessThan(Files.size(iso));
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void aCancelledFolderCopyLeavesNothingBehind() throws Exception {
        Path tree = Files.createDirectories(desktop.resolve("tree/sub"));
        randomFile(tree.resolve("a.bin"), 3 * 1024 * 1024);
        randomFile(tree.resolve("b.bin"), 3 * 1024 * 1024);
        CopyProgress progress = new CopyProgress();
        progress.cancel();

        assertThatThrownBy(() -> copier.copy(desktop.resolve("tree"), folder, ClashDecision.KEEP_BOTH, progress))
                .isInstanceOf(CopyCancelledException.class);
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void aFailedCopyLeavesNoPartialFile() throws Exception {
        Path vanished = desktop.resolve("gone.img");
        assertThatThrownBy(() -> copier.copy(vanished, folder, ClashDecision.KEEP_BOTH, new CopyProgress()))
                .isInstanceOf(IOException.class).hasMessageContaining("gone.img");
        assertThat(names(folder)).isEmpty();
    }

    @Test
    void aStalePartFromAnEarlierCrashIsReplaced() throws Exception {
        Path initrd = Files.writeString(desktop.resolve("initrd.img"), "fresh");
        Files.writeString(folder.resolve("initrd.img.part"), "half of an old copy");

        CopyResult result = copier.copy(initrd, folder, ClashDecision.KEEP_BOTH, new CopyProgress());

        assertThat(Files.readString(result.target())).isEqualTo("fresh");
        assertThat(names(folder)).containsExactly("initrd.img");
    }

    @Test
    void clashPoliciesReplaceKeepBothAndSkip() throws Exception {
        Path dropped = Files.writeString(desktop.resolve("pxelinux.0"), "new");
        Files.writeString(folder.resolve("pxelinux.0"), "old");

        CopyResult skipped = copier.copy(dropped, folder, ClashDecision.SKIP, new CopyProgress());
        assertThat(skipped.outcome()).isEqualTo(CopyResult.Outcome.SKIPPED);
        assertThat(skipped.sha256()).isNull();
        assertThat(Files.readString(folder.resolve("pxelinux.0"))).isEqualTo("old");

        CopyResult both = copier.copy(dropped, folder, ClashDecision.KEEP_BOTH, new CopyProgress());
        assertThat(both.target()).isEqualTo(folder.resolve("pxelinux (1).0"));
        CopyResult both2 = copier.copy(dropped, folder, ClashDecision.KEEP_BOTH, new CopyProgress());
        assertThat(both2.target()).isEqualTo(folder.resolve("pxelinux (2).0"));
        assertThat(Files.readString(folder.resolve("pxelinux.0"))).isEqualTo("old");

        CopyResult replaced = copier.copy(dropped, folder, ClashDecision.REPLACE, new CopyProgress());
        assertThat(replaced.outcome()).isEqualTo(CopyResult.Outcome.REPLACED);
        assertThat(replaced.target()).isEqualTo(folder.resolve("pxelinux.0"));
        assertThat(Files.readString(folder.resolve("pxelinux.0"))).isEqualTo("new");
        assertThat(names(folder)).containsExactly("pxelinux (1).0", "pxelinux (2).0", "pxelinux.0");
    }

    @Test
    void copiesAFolderRecursivelyAndCanReplaceAFolder() throws Exception {
        Path ubuntu = Files.createDirectories(desktop.resolve("ubuntu/casper"));
        randomFile(ubuntu.resolve("vmlinuz"), 70_000);
        randomFile(ubuntu.resolve("initrd"), 90_000);
        Files.createDirectories(desktop.resolve("ubuntu/empty"));
        Files.writeString(desktop.resolve("ubuntu/README"), "hello");
        Files.createDirectories(folder.resolve("ubuntu/old-stuff"));
        Files.createSymbolicLink(desktop.resolve("ubuntu/latest"), desktop.resolve("ubuntu/README"));
        Files.createSymbolicLink(desktop.resolve("ubuntu/loop"), desktop.resolve("ubuntu"));

        CopyProgress progress = new CopyProgress();
        CopyResult result = copier.copy(desktop.resolve("ubuntu"), folder, ClashDecision.REPLACE, progress);

        assertThat(result.outcome()).isEqualTo(CopyResult.Outcome.REPLACED);
        assertThat(result.files()).isEqualTo(4);
        assertThat(result.bytes()).isEqualTo(160_010);
        assertThat(result.sha256()).isNull();
        assertThat(progress.fraction()).isEqualTo(1.0);
        assertThat(Files.mismatch(ubuntu.resolve("vmlinuz"), folder.resolve("ubuntu/casper/vmlinuz"))).isEqualTo(-1);
        assertThat(Files.mismatch(ubuntu.resolve("initrd"), folder.resolve("ubuntu/casper/initrd"))).isEqualTo(-1);
        assertThat(Files.isDirectory(folder.resolve("ubuntu/empty"))).isTrue();
        assertThat(names(folder.resolve("ubuntu"))).containsExactly("README", "casper", "empty", "latest");
        assertThat(Files.isSymbolicLink(folder.resolve("ubuntu/latest"))).isFalse();
        assertThat(Files.readString(folder.resolve("ubuntu/latest"))).isEqualTo("hello");
        assertThat(names(folder)).containsExactly("ubuntu");

        CopyResult kept = copier.copy(desktop.resolve("ubuntu"), folder, ClashDecision.KEEP_BOTH, new CopyProgress());
        assertThat(kept.target()).isEqualTo(folder.resolve("ubuntu (1)"));
    }

    @Test
    void aFolderIsNotCopiedIntoItself() throws Exception {
        Path tree = Files.createDirectories(folder.resolve("tree/inner"));
        assertThatThrownBy(() -> copier.copy(folder.resolve("tree"), tree, ClashDecision.KEEP_BOTH, new CopyProgress()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("into itself");
    }

    @Test
    void hostileNamesAreRefused() throws Exception {
        Path backslash = Files.writeString(desktop.resolve("..\\evil"), "x");
        assertThatThrownBy(() -> copier.copy(backslash, folder, ClashDecision.KEEP_BOTH, new CopyProgress()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path separator");
        assertThat(names(folder)).isEmpty();

        assertThatThrownBy(() -> BootTreeFiles.child(folder, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootTreeFiles.child(folder, "..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootTreeFiles.child(folder, "a\nb")).hasMessageContaining("control character");
        assertThatThrownBy(() -> BootTreeFiles.child(folder, " ")).hasMessageContaining("empty");
        assertThat(BootTreeFiles.child(folder, "..x")).isEqualTo(folder.resolve("..x"));

        Path file = Files.writeString(folder.resolve("grubx64.efi"), "x");
        assertThatThrownBy(() -> BootTreeFiles.rename(file, "../escaped")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(folder.getParent().resolve("escaped"))).isFalse();
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void renameRefusesToOverwriteAndDeleteRemovesFolders() throws Exception {
        Path a = Files.writeString(folder.resolve("a"), "a");
        Files.writeString(folder.resolve("b"), "b");
        assertThatThrownBy(() -> BootTreeFiles.rename(a, "b")).hasMessageContaining("'b' already exists");
        assertThat(BootTreeFiles.rename(a, "c")).isEqualTo(folder.resolve("c"));

        Files.createDirectories(folder.resolve("d/e"));
        Files.writeString(folder.resolve("d/e/f"), "f");
        BootTreeFiles.deleteRecursively(folder.resolve("d"));
        assertThat(names(folder)).containsExactly("b", "c");
    }

    @Test
    void listsFoldersFirstThenFilesByName() throws Exception {
        Files.writeString(folder.resolve("b.txt"), "12345");
        Files.writeString(folder.resolve("A.txt"), "1");
        Files.createDirectories(folder.resolve("zeta"));

        List<BootNode> nodes = BootTreeFiles.list(folder);

        assertThat(nodes).extracting(BootNode::name).containsExactly("zeta", "A.txt", "b.txt");
        assertThat(nodes.get(0).directory()).isTrue();
        assertThat(nodes.get(2).size()).isEqualTo(5);
    }
}
