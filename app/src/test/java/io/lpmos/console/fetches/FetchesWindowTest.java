package io.lpmos.console.fetches;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.ConsoleOptions;
import io.lpmos.console.ConsoleWindowTestBase;
import io.lpmos.console.boottree.BootNode;
import io.lpmos.console.boottree.BootTreeView;
import io.lpmos.console.livelog.LiveLogView;
import io.lpmos.console.livelog.LogLine;
import io.lpmos.console.livelog.LogSource;
import io.lpmos.console.mainwindow.MainTab;
import io.lpmos.console.mainwindow.MainWindowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Fetches tab of the real window (headless): a profile in the boot tree's profiles folder is
 * listed, Fetch downloads it from a local site, its checksum icon turns to verified, the live log has
 * the fetch's lines under Fetches, and the file shows up in the boot tree.
 */
class FetchesWindowTest extends ConsoleWindowTestBase {
    private static final int SIZE = 1024 * 1024;

    @TempDir
    Path upstreamTree;

    private Upstream upstream;

    @AfterEach
    void stopUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static Optional<TreeItem<BootNode>> child(TreeItem<BootNode> parent, String name) {
        return parent.getChildren().stream().filter(item -> item.getValue().name().equals(name)).findFirst();
    }

    @Test
    void fetchAProfileFromTheFetchesTabAndSeeItVerifiedLoggedAndInTheBootTree() throws Exception {
        upstream = new Upstream(upstreamTree, 0);
        String sum = upstream.put("a", "disc1.iso", SIZE);
        Files.createDirectories(root.resolve("profiles"));
        Files.writeString(root.resolve("profiles/lab.json"), Upstream.profile("lab", sum, SIZE, upstream.site("a")));
        open(new ConsoleOptions(loopbackDefaults("fetch-test").apiPort(0).build(), false, false));

        TabPane tabs = robot.lookup("#" + MainWindowView.TABS_ID).queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(tab -> tab.getText()).contains("Live log", "Fetches")
                .containsExactlyElementsOf(Arrays.stream(MainTab.values()).map(MainTab::title).toList());
        robot.interact(() -> tabs.getSelectionModel().select(MainTab.FETCHES.ordinal()));
        @SuppressWarnings("unchecked")
        TableView<FetchRow> profiles = robot.lookup("#" + FetchesView.PROFILES_ID).queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> profiles.getItems().size() == 1);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup(".checksum-pending").queryAll().size() == 1);

        robot.interact(() -> profiles.getSelectionModel().select(0));
        robot.clickOn("#" + FetchesView.FETCH_ID);

        FetchRow row = profiles.getItems().get(0);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> row.phaseProperty().get() == FetchPhase.PLACED);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup(".checksum-verified").tryQuery().isPresent());
        FontIcon icon = robot.lookup(".checksum-verified").queryAs(FontIcon.class);
        assertThat(icon.getIconCode()).isEqualTo(MaterialDesignS.SHIELD_CHECK);
        assertThat(robot.lookup("#" + FetchesView.CANCEL_ID).queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#" + FetchesView.RETRY_ID).queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#" + FetchesView.FETCH_ID).queryButton().isDisabled()).isFalse();

        @SuppressWarnings("unchecked")
        ListView<LogLine> log = robot.lookup("#" + LiveLogView.LIST_ID).queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> log.getItems().stream()
                .anyMatch(line -> line.source() == LogSource.FETCH && line.text().contains("lab: ✓ verified sha256 " + sum)));

        @SuppressWarnings("unchecked")
        TreeTableView<BootNode> tree = robot.lookup("#" + BootTreeView.TREE_ID).queryAs(TreeTableView.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> child(tree.getRoot(), "static").isPresent());
        TreeItem<BootNode> staticItem = child(tree.getRoot(), "static").orElseThrow();
        robot.interact(() -> staticItem.setExpanded(true));
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> child(staticItem, "iso").isPresent());
        TreeItem<BootNode> iso = child(staticItem, "iso").orElseThrow();
        robot.interact(() -> iso.setExpanded(true));
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> child(iso, "lab.iso").isPresent());
        assertThat(child(iso, "lab.iso").orElseThrow().getValue().size()).isEqualTo(SIZE);
    }
}
