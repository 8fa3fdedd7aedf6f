package io.lpmos.console.livelog;

import io.lpmos.console.style.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import java.util.Arrays;
import atlantafx.base.controls.CustomTextField;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * The live log: a filter field, a service filter, pause/follow toggles, clear and the counts above a virtualised list
 * whose cells take their colour from the line's style class. Lines can be selected (several at once)
 * and copied as plain text with Shortcut+C (Ctrl+C, or Cmd+C on macOS) or the list's context menu; the
 * text comes from the {@link LiveLogViewModel}, and only this view touches the system clipboard.
 * Binds to the model and forwards gestures; built and used on the FX thread.
 */
public final class LiveLogView extends VBox {
    /** Node ids, for tests and CSS. */
    public static final String LIST_ID = "liveLogList";
    public static final String FILTER_ID = "liveLogFilter";
    public static final String COUNTS_ID = "liveLogCounts";
    public static final String SOURCE_FILTER_ID = "liveLogSource";

    /** Copies the selected lines while the list has the focus: Ctrl+C, or Cmd+C on macOS. */
    private static final KeyCombination COPY_SHORTCUT = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    public LiveLogView(LiveLogViewModel model) {
        getStyleClass().add(StyleClasses.LIVE_LOG);

        CustomTextField filter = new CustomTextField();
        filter.setId(FILTER_ID);
        filter.setPromptText("Filter: path, client, status…");
        filter.setLeft(new FontIcon(MaterialDesignM.MAGNIFY));
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setPrefColumnCount(28);

        ComboBox<LogSource> source = new ComboBox<>();
        source.setId(SOURCE_FILTER_ID);
        source.getItems().add(null);
        source.getItems().addAll(LogSource.values());
        source.setConverter(new StringConverter<>() {
            @Override
            public String toString(LogSource value) {
                return value == null ? "All services" : value.label();
            }

            @Override
            public LogSource fromString(String text) {
                return Arrays.stream(LogSource.values()).filter(s -> s.label().equals(text)).findFirst().orElse(null);
            }
        });
        source.valueProperty().bindBidirectional(model.sourceFilterProperty());
        source.setTooltip(new Tooltip("Show the lines of one service only"));
        source.setMinWidth(Region.USE_PREF_SIZE);

        ToggleButton pause = new ToggleButton("Pause", new FontIcon(MaterialDesignP.PAUSE));
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        pause.setTooltip(new Tooltip("Hold new lines until resumed"));

        ToggleButton follow = new ToggleButton("Follow", new FontIcon(MaterialDesignA.ARROW_COLLAPSE_DOWN));
        follow.selectedProperty().bindBidirectional(model.followProperty());
        follow.setTooltip(new Tooltip("Keep the newest line in sight"));

        Button clear = new Button("Clear", new FontIcon(MaterialDesignD.DELETE_SWEEP_OUTLINE));
        clear.setOnAction(event -> model.clear());

        Label counts = new Label();
        counts.setId(COUNTS_ID);
        counts.getStyleClass().add(StyleClasses.LOG_COUNTS);
        counts.textProperty().bind(Bindings.createStringBinding(
                () -> String.format("%,d lines shown · %,d events received · %,d dropped%s",
                        model.shownLines().size(), model.receivedProperty().get(), model.droppedProperty().get(),
                        model.heldProperty().get() > 0 ? String.format(" · %,d held", model.heldProperty().get()) : ""),
                model.shownLines(), model.receivedProperty(), model.droppedProperty(), model.heldProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        pause.setMinWidth(Region.USE_PREF_SIZE);
        follow.setMinWidth(Region.USE_PREF_SIZE);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, filter, source, pause, follow, clear, spacer, counts);
        controls.getStyleClass().add(StyleClasses.LOG_CONTROLS);

        ListView<LogLine> list = new ListView<>(model.shownLines());
        list.setId(LIST_ID);
        list.getStyleClass().add(StyleClasses.LOG_LIST);
        list.setCellFactory(view -> new LogLineCell());
        list.setPlaceholder(new Label("No requests yet — press Start PXE, then boot a client or open the HTTP URL."));
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (COPY_SHORTCUT.match(event)) {
                copy(model.textOf(list.getSelectionModel().getSelectedIndices()));
                event.consume();
            }
        });
        MenuItem copySelected = new MenuItem("Copy selected lines", new FontIcon(MaterialDesignC.CONTENT_COPY));
        copySelected.setOnAction(event -> copy(model.textOf(list.getSelectionModel().getSelectedIndices())));
        copySelected.disableProperty().bind(Bindings.isEmpty(list.getSelectionModel().getSelectedIndices()));
        MenuItem copyShown = new MenuItem("Copy all shown lines");
        copyShown.setOnAction(event -> copy(model.shownText()));
        copyShown.disableProperty().bind(Bindings.isEmpty(model.shownLines()));
        list.setContextMenu(new ContextMenu(copySelected, copyShown));
        model.appendedProperty().addListener((observable, before, now) -> followTail(model, list));
        model.followProperty().addListener((observable, before, now) -> followTail(model, list));

        getChildren().addAll(controls, list);
    }

    /** Puts {@code text} on the system clipboard as plain text; an empty text leaves the clipboard alone. */
    private static void copy(String text) {
        if (!text.isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    private static void followTail(LiveLogViewModel model, ListView<LogLine> list) {
        if (model.followProperty().get() && !model.shownLines().isEmpty()) {
            list.scrollTo(model.shownLines().size() - 1);
        }
    }

    /**
     * A log line; its style class changes only when the kind of line it shows changes, since every
     * style class change makes JavaFX restyle the cell and most neighbouring lines are of one kind.
     */
    private static final class LogLineCell extends ListCell<LogLine> {
        private LogLineKind shownKind;

        LogLineCell() {
            getStyleClass().add(StyleClasses.LOG_LINE);
        }

        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            LogLineKind kind = empty || line == null ? null : line.kind();
            setText(kind == null ? null : line.text());
            if (kind != shownKind) {
                if (shownKind != null) {
                    getStyleClass().remove(shownKind.styleClass());
                }
                if (kind != null) {
                    getStyleClass().add(kind.styleClass());
                }
                shownKind = kind;
            }
        }
    }
}
