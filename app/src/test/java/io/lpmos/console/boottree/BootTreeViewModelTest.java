package io.lpmos.console.boottree;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.tasks.BackgroundTasks;
import io.lpmos.console.tasks.SameThreadTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot tree's state and actions without a stage: background work runs on the calling thread. */
class BootTreeViewModelTest {
    private static final String BASE = "http://10.0.0.5:8081";

    @TempDir
    Path root;
    @TempDir
    Path desktop;

    private final SameThreadTasks tasks = new SameThreadTasks();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private BootTreeViewModel model;
    private Path kernels;

    @BeforeEach
    void layOutTheRoot() throws Exception {
        kernels = Files.createDirectories(root.resolve("static/kernels"));
        Files.createDirectories(root.resolve("repos/ubuntu/22.04"));
        Files.createDirectories(root.resolve("notes"));
        model = new BootTreeViewModel(root, tasks, dialogs, new BootTreeCopier(), new FileManager(), () -> BASE,
                Duration.ofHours(1));
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> names(List<BootNode> nodes) {
        return nodes.stream().map(BootNode::name).toList();
    }

    private static BootNode node(Path path) throws Exception {
        return BootTreeFiles.node(path);
    }

    @Test
    void foldersAreListedOnlyWhenOpenedAndWatchedWhileOpen() throws Exception {
        for (int i = 0; i < 200; i++) {
            Files.writeString(root.resolve("repos/ubuntu/22.04/pkg-" + i + ".deb"), "x");
        }
        ObservableList<BootNode> top = model.open(root);
        assertThat(names(top)).containsExactly("notes", "repos", "static");
        assertThat(tasks.runs()).isEqualTo(1);
        assertThat(model.isWatching(root)).isTrue();
        assertThat(model.isWatching(root.resolve("repos"))).isFalse();

        ObservableList<BootNode> mirror = model.open(root.resolve("repos/ubuntu/22.04"));
        assertThat(mirror).hasSize(200);
        assertThat(tasks.runs()).isEqualTo(2);

        model.close(root.resolve("repos/ubuntu/22.04"));
        assertThat(model.isWatching(root.resolve("repos/ubuntu/22.04"))).isFalse();
        assertThat(model.open(root.resolve("repos/ubuntu/22.04"))).isSameAs(mirror);
    }

    @Test
    void aDroppedFileIsCopiedShowsItsSha256AndAppearsInTheOpenFolder() throws Exception {
        Path kernel = Files.write(desktop.resolve("vmlinuz"), new byte[300_000]);
        ObservableList<BootNode> listing = model.open(kernels);
        assertThat(listing).isEmpty();

        List<CopyEntry> copies = model.drop(kernels, List.of(kernel));

        assertThat(copies).hasSize(1);
        CopyEntry entry = copies.get(0);
        model.pollProgress();
        assertThat(entry.stateProperty().get()).isEqualTo(CopyEntry.State.DONE);
        assertThat(entry.sha256Property().get()).isEqualTo(sha256(kernel));
        assertThat(entry.detailProperty().get()).isEqualTo("sha256 " + sha256(kernel));
        assertThat(entry.fractionProperty().get()).isEqualTo(1.0);
        assertThat(entry.targetProperty().get()).isEqualTo(kernels.resolve("vmlinuz"));
        assertThat(model.copies()).containsExactly(entry);
        assertThat(names(listing)).containsExactly("vmlinuz");
        assertThat(listing.get(0).size()).isEqualTo(300_000);
        assertThat(model.messageProperty().get()).isEqualTo("copied vmlinuz · sha256 " + sha256(kernel));
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(dialogs.asked()).isEmpty();

        model.clearFinished();
        assertThat(model.copies()).isEmpty();
    }

    @Test
    void droppingOntoAFileCopiesIntoItsFolderAndFoldersAreCopiedRecursively() throws Exception {
        Path existing = Files.writeString(kernels.resolve("initrd.img"), "old");
        Path iso = Files.createDirectories(desktop.resolve("debian-12/install"));
        Files.writeString(iso.resolve("vmlinuz"), "kernel");
        Files.writeString(iso.resolve("initrd.gz"), "initrd");

        List<CopyEntry> copies = model.drop(existing, List.of(desktop.resolve("debian-12")));

        assertThat(copies.get(0).stateProperty().get()).isEqualTo(CopyEntry.State.DONE);
        assertThat(copies.get(0).detailProperty().get()).isEqualTo("copied to debian-12 · 2 files · 12 B");
        assertThat(Files.readString(kernels.resolve("debian-12/install/vmlinuz"))).isEqualTo("kernel");
        assertThat(Files.readString(kernels.resolve("debian-12/install/initrd.gz"))).isEqualTo("initrd");
    }

    @Test
    void aNameClashAsksOnceAndFollowsTheAnswer() throws Exception {
        Files.writeString(kernels.resolve("grubx64.efi"), "old");
        Path dropped = Files.writeString(desktop.resolve("grubx64.efi"), "new");

        dialogs.answer(ClashDecision.SKIP);
        assertThat(model.drop(kernels, List.of(dropped))).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("skipped grubx64.efi: kept the existing one");

        dialogs.answer(ClashDecision.KEEP_BOTH);
        CopyEntry both = model.drop(kernels, List.of(dropped)).get(0);
        assertThat(both.targetProperty().get()).isEqualTo(kernels.resolve("grubx64 (1).efi"));

        dialogs.answer(ClashDecision.REPLACE);
        CopyEntry replaced = model.drop(kernels, List.of(dropped)).get(0);
        assertThat(replaced.detailProperty().get()).startsWith("sha256 ");
        assertThat(Files.readString(kernels.resolve("grubx64.efi"))).isEqualTo("new");
        assertThat(dialogs.asked()).containsExactly("clash grubx64.efi", "clash grubx64.efi", "clash grubx64.efi");
        try (Stream<Path> files = Files.list(kernels)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("grubx64.efi",
                    "grubx64 (1).efi");
        }
    }

    @Test
    void dropsOutsideTheRootHostileNamesAndVanishedFilesAreRefusedWithWhy() throws Exception {
        Path file = Files.writeString(desktop.resolve("a.txt"), "a");
        assertThat(model.drop(desktop, List.of(file))).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("drop files onto a folder of the boot tree");
        assertThat(model.messageIsErrorProperty().get()).isTrue();

        Path hostile = Files.writeString(desktop.resolve("..\\escape"), "x");
        assertThat(model.drop(kernels, List.of(hostile))).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("not copied: ").contains("path separator");

        assertThat(model.drop(kernels, List.of(root.resolve("static")))).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("not copied: static cannot be copied into itself");

        CopyEntry failed = model.drop(kernels, List.of(desktop.resolve("gone.iso"))).get(0);
        assertThat(failed.stateProperty().get()).isEqualTo(CopyEntry.State.FAILED);
        assertThat(failed.detailProperty().get()).startsWith("failed: ").contains("gone.iso");
        assertThat(model.messageProperty().get()).startsWith("copy of gone.iso failed: ");
        try (Stream<Path> files = Files.list(kernels)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void httpUrlsExistOnlyForTheStaticAndReposTrees() throws Exception {
        Path kernel = Files.writeString(kernels.resolve("vmlinuz 6.1+rc#1"), "k");
        assertThat(model.httpUrl(node(kernel))).contains(BASE + "/static/kernels/vmlinuz%206.1+rc%231");
        assertThat(model.httpUrl(node(kernels))).contains(BASE + "/static/kernels/");
        assertThat(model.httpUrl(node(root.resolve("static")))).contains(BASE + "/static/");
        assertThat(model.httpUrl(node(root.resolve("repos/ubuntu/22.04")))).contains(BASE + "/repos/ubuntu/22.04/");
        assertThat(model.httpUrl(node(root.resolve("notes")))).isEmpty();
        assertThat(model.httpUrl(node(desktop))).isEmpty();
        assertThat(model.isServed(node(kernels))).isTrue();
        assertThat(model.isServed(node(root.resolve("notes")))).isFalse();

        try (BootTreeViewModel portUnknown = new BootTreeViewModel(root, tasks, dialogs, new BootTreeCopier(),
                new FileManager(), () -> null, Duration.ofHours(1))) {
            assertThat(portUnknown.httpUrl(node(kernel))).isEmpty();
            assertThat(portUnknown.isServed(node(kernel))).isTrue();
        }
    }

    @Test
    void theBaseUrlUsesTheListenAddressElseTheChosenInterfaceElseLoopback() {
        assertThat(BootTreeViewModel.httpBase(false, "0.0.0.0", "192.168.1.10", 8081))
                .isEqualTo("http://192.168.1.10:8081");
        assertThat(BootTreeViewModel.httpBase(false, "0.0.0.0", null, 8081)).isEqualTo("http://127.0.0.1:8081");
        assertThat(BootTreeViewModel.httpBase(true, "10.1.2.3", "192.168.1.10", 443)).isEqualTo("https://10.1.2.3:443");
        assertThat(BootTreeViewModel.httpBase(false, "fd00::1", null, 8081)).isEqualTo("http://[fd00::1]:8081");
    }

    @Test
    void renameIsValidatedAndRefreshesTheFolder() throws Exception {
        Path file = Files.writeString(kernels.resolve("old.img"), "x");
        ObservableList<BootNode> listing = model.open(kernels);

        dialogs.answer("../outside.img");
        model.rename(node(file));
        assertThat(model.messageProperty().get()).startsWith("not renamed: ").contains("path separator");
        assertThat(Files.exists(root.resolve("static/outside.img"))).isFalse();

        dialogs.answer(null);
        model.rename(node(file));
        assertThat(names(listing)).containsExactly("old.img");

        dialogs.answer(" new.img ");
        model.rename(node(file));
        assertThat(names(listing)).containsExactly("new.img");
        assertThat(model.messageProperty().get()).isEqualTo("renamed old.img to new.img");

        Files.writeString(kernels.resolve("other.img"), "y");
        dialogs.answer("other.img");
        model.rename(node(kernels.resolve("new.img")));
        assertThat(model.messageProperty().get()).isEqualTo("cannot rename new.img: 'other.img' already exists in "
                + kernels);
    }

    @Test
    void deleteAsksFirst() throws Exception {
        Path folder = Files.createDirectories(kernels.resolve("old-release"));
        Files.writeString(folder.resolve("vmlinuz"), "x");
        ObservableList<BootNode> listing = model.open(kernels);

        dialogs.answer(false);
        model.delete(node(folder));
        assertThat(Files.exists(folder)).isTrue();

        dialogs.answer(true);
        model.delete(node(folder));
        assertThat(Files.exists(folder)).isFalse();
        assertThat(listing).isEmpty();
        assertThat(dialogs.asked()).containsExactly("delete old-release", "delete old-release");
        assertThat(model.messageProperty().get()).isEqualTo("deleted old-release");
    }

    @Test
    void aChangeOnDiskRefreshesAnOpenFolderByItself() throws Exception {
        try (SerialTasks serial = new SerialTasks()) {
            BootTreeViewModel watching = new BootTreeViewModel(root, serial, dialogs, new BootTreeCopier(),
                    new FileManager(), () -> BASE, Duration.ofMillis(100));
            try {
                ObservableList<BootNode> listing = serial.call(() -> watching.open(kernels));
                Files.writeString(kernels.resolve("arrived-by-scp.img"), "x");

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                List<String> seen = List.of();
                while (System.nanoTime() < deadline && !seen.contains("arrived-by-scp.img")) {
                    Thread.sleep(50);
                    seen = serial.call(() -> names(listing));
                }
                assertThat(seen).containsExactly("arrived-by-scp.img");
            } finally {
                watching.close();
            }
        }
    }

    /** Work and its outcome on one thread that stands in for the FX thread, as the console's tasks do. */
    private static final class SerialTasks implements BackgroundTasks, AutoCloseable {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final SameThreadTasks onThatThread = new SameThreadTasks();

        @Override
        public <T> void run(String description, Callable<T> work, Consumer<? super T> onSuccess,
                            Consumer<? super Exception> onFailure) {
            thread.execute(() -> onThatThread.run(description, work, onSuccess, onFailure));
        }

        <T> T call(Callable<T> action) throws Exception {
            return thread.submit(action).get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            thread.shutdown();
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
