package io.lpmos.console.livelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lpmos.engine.events.HttpAccess;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The live log view alone on a headless (Monocle) stage: lines selected with the mouse, copied to the clipboard. */
class LiveLogViewTest {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private final FxRobot robot = new FxRobot();
    private final LiveLogViewModel model = new LiveLogViewModel(100);
    private ListView<LogLine> list;

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void showView() throws Exception {
        LogLineRenderer renderer = new LogLineRenderer(ZoneOffset.UTC);
        List<LogLine> lines = IntStream.range(0, 5).mapToObj(i -> renderer.render(new HttpAccess(NOON,
                i % 2 == 0 ? 200 : 404, Duration.ofMillis(2), "127.0.0." + i, "GET", "/file-" + i, 10))).toList();
        FxToolkit.setupSceneRoot(() -> {
            model.onLines(lines, lines.size(), 0);
            return new LiveLogView(model);
        });
        FxToolkit.setupStage(stage -> {
            stage.setWidth(900);
            stage.setHeight(400);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        list = robot.lookup("#" + LiveLogView.LIST_ID).queryListView();
        robot.interact(() -> Clipboard.getSystemClipboard().clear());
    }

    @AfterEach
    void closeStage() throws Exception {
        FxToolkit.cleanupStages();
    }

    private Node cell(int shownIndex) {
        return robot.lookup(".log-line").match((ListCell<?> cell) -> cell.getIndex() == shownIndex).query();
    }

    private static String clipboardText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
    }

    @Test
    void shortcutCCopiesTheSelectedLinesInLogOrder() throws Exception {
        robot.clickOn(cell(3));
        robot.press(KeyCode.SHORTCUT).clickOn(cell(1)).release(KeyCode.SHORTCUT);
        assertThat(list.getSelectionModel().getSelectedIndices()).containsExactlyInAnyOrder(1, 3);

        robot.push(KeyCode.SHORTCUT, KeyCode.C);

        assertThat(clipboardText()).isEqualTo(
                model.shownLines().get(1).text() + "\n" + model.shownLines().get(3).text() + "\n");
    }

    @Test
    void contextMenuCopiesEveryLineTheFilterShows() throws Exception {
        robot.interact(() -> model.filterProperty().set("404"));
        assertThat(list.getContextMenu().getItems()).extracting(MenuItem::getText, MenuItem::isDisable).containsExactly(
                tuple("Copy selected lines", true), tuple("Copy all shown lines", false));
        // a secondary click under Monocle's headless robot raises no context-menu event: open the list's menu directly
        robot.interact(() -> list.getContextMenu().show(cell(0), Side.BOTTOM, 0, 0));
        robot.clickOn("Copy all shown lines");

        assertThat(clipboardText()).isEqualTo(
                model.shownLines().get(0).text() + "\n" + model.shownLines().get(1).text() + "\n");
        assertThat(clipboardText()).contains("127.0.0.1").contains("127.0.0.3").doesNotContain("127.0.0.2");
    }
}
