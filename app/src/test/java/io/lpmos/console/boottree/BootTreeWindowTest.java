package io.lpmos.console.boottree;

import io.lpmos.console.ConsoleWindowTestBase;
import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.ConsoleOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle), with a temporary root: a file dropped onto a folder of the boot tree. */
class BootTreeWindowTest extends ConsoleWindowTestBase {
    @TempDir
    Path desktop;

    private static Optional<TreeItem<BootNode>> child(TreeItem<BootNode> parent, String name) {
        return parent.getChildren().stream().filter(item -> item.getValue().name().equals(name)).findFirst();
    }

    private static TreeItem<BootNode> awaitChild(TreeItem<BootNode> parent, String name) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> child(parent, name).isPresent());
        return child(parent, name).orElseThrow();
    }

    @Test
    void aFileDroppedOntoStaticKernelsAppearsWithItsSha256AndNoPartRemains() throws Exception {
        Path kernels = Files.createDirectories(root.resolve("static/kernels"));
        Files.createDirectories(root.resolve("repos"));
        byte[] bytes = new byte[3 * 1024 * 1024 + 5];
        new Random(42).nextBytes(bytes);
        Path vmlinuz = Files.write(desktop.resolve("vmlinuz-6.1"), bytes);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        ConsoleOptions options = new ConsoleOptions(loopbackDefaults("boot-tree-test").apiPort(0).build(), false, false);
        open(options);

        @SuppressWarnings("unchecked")
        TreeTableView<BootNode> tree = robot.lookup("#" + BootTreeView.TREE_ID).queryAs(TreeTableView.class);
        TreeItem<BootNode> staticItem = awaitChild(tree.getRoot(), "static");
        assertThat(tree.getRoot().getChildren()).extracting(item -> item.getValue().name())
                .containsExactly("repos", "static");
        robot.interact(() -> staticItem.setExpanded(true));
        TreeItem<BootNode> kernelsItem = awaitChild(staticItem, "kernels");
        robot.interact(() -> kernelsItem.setExpanded(true));

        BootTreeView view = robot.lookup(".boot-tree").queryAs(BootTreeView.class);
        robot.interact(() -> view.dropFiles(kernels, List.of(vmlinuz)));

        TreeItem<BootNode> copied = awaitChild(kernelsItem, "vmlinuz-6.1");
        assertThat(copied.getValue().size()).isEqualTo(bytes.length);
        assertThat(copied.isLeaf()).isTrue();
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> robot.lookup(".copy-detail").queryAll()
                .stream().anyMatch(node -> ((Label) node).getText().equals("sha256 " + sha256)));
        assertThat(robot.lookup("#" + BootTreeView.MESSAGE_ID).queryAs(Label.class).getText())
                .isEqualTo("copied vmlinuz-6.1 · sha256 " + sha256);
        assertThat(robot.lookup(".copy-entry.copy-done").queryAll()).hasSize(1);
        try (Stream<Path> files = Files.list(kernels)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("vmlinuz-6.1");
        }
        assertThat(Files.mismatch(vmlinuz, kernels.resolve("vmlinuz-6.1"))).isEqualTo(-1);
    }
}
