package io.lpmos.console.fetches;

import atlantafx.base.theme.Styles;
import io.lpmos.console.style.StyleClasses;
import io.lpmos.engine.mirror.FetchProfiles;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The Fetches tab: buttons (import, fetch, retry, cancel), the profiles with their checksum icon,
 * phase, progress bar and detail line, and below them the selected fetch's sources ranked by measured
 * speed. Profile files dropped anywhere on it are imported. Binds to {@link FetchesViewModel} and
 * forwards gestures; built and used on the FX thread.
 */
public final class FetchesView extends VBox {
    public static final String PROFILES_ID = "fetch-profiles";
    public static final String MIRRORS_ID = "fetch-mirrors";
    public static final String IMPORT_ID = "fetch-import";
    public static final String FETCH_ID = "fetch-start";
    public static final String RETRY_ID = "fetch-retry";
    public static final String CANCEL_ID = "fetch-cancel";
    public static final String MESSAGE_ID = "fetch-message";

    public FetchesView(FetchesViewModel model) {
        getStyleClass().add(StyleClasses.FETCHES);

        TableView<FetchRow> profiles = new TableView<>(model.rows());
        profiles.setId(PROFILES_ID);
        profiles.getStyleClass().add(Styles.DENSE);
        profiles.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        profiles.setPlaceholder(new Label("No fetch profiles in " + model.profilesFolder()
                + ".\nDrop CBSD vm-*.conf, .json or .yaml profiles here, or use Import…"));
        profiles.getColumns().setAll(List.of(checksumColumn(), nameColumn(), phaseColumn(), progressColumn(),
                detailColumn()));
        profiles.getSelectionModel().selectedItemProperty().addListener((observable, before, now) ->
                model.selectedProperty().set(now));
        model.selectedProperty().addListener((observable, before, now) -> {
            if (profiles.getSelectionModel().getSelectedItem() != now) {
                profiles.getSelectionModel().select(now);
            }
        });
        profiles.setOnMouseClicked(event -> {
            FetchRow row = model.selectedProperty().get();
            if (event.getClickCount() == 2 && row != null) {
                model.fetch(row);
            }
        });

        TableView<MirrorRow> mirrors = new TableView<>();
        mirrors.setId(MIRRORS_ID);
        mirrors.getStyleClass().add(Styles.DENSE);
        mirrors.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        mirrors.setPlaceholder(new Label("Sources appear here, fastest first, once a fetch has ranked them."));
        mirrors.getColumns().setAll(List.of(mirrorColumn("#", 40, m -> m.rank() == 0 ? "–" : String.valueOf(m.rank())),
                mirrorColumn("Speed", 100, MirrorRow::speed), mirrorColumn("Source", 380, MirrorRow::source),
                mirrorColumn("Note", 200, MirrorRow::note)));
        model.selectedProperty().addListener((observable, before, now) ->
                mirrors.setItems(now == null ? null : now.mirrors()));

        Button importButton = button(IMPORT_ID, "Import…", MaterialDesignF.FILE_IMPORT,
                "Import CBSD vm-*.conf, .json or .yaml profiles (read, never run) into " + model.profilesFolder());
        importButton.setOnAction(event -> model.chooseAndImport());
        Button fetch = button(FETCH_ID, "Fetch", MaterialDesignD.DOWNLOAD,
                "Rank the sources, download the file and verify it before it is placed");
        fetch.setOnAction(event -> model.fetch(model.selectedProperty().get()));
        Button retry = button(RETRY_ID, "Retry", MaterialDesignR.RELOAD,
                "Fetch again: resumes a cancelled or interrupted download");
        retry.setOnAction(event -> model.fetch(model.selectedProperty().get()));
        Button cancel = button(CANCEL_ID, "Cancel", MaterialDesignS.STOP_CIRCLE_OUTLINE,
                "Stop this fetch; its .part stays so Retry resumes it");
        cancel.setOnAction(event -> model.cancel(model.selectedProperty().get()));
        Button reload = new Button(null, new FontIcon(MaterialDesignR.REFRESH));
        reload.setTooltip(new Tooltip("Read " + model.profilesFolder() + " again"));
        reload.setOnAction(event -> model.refresh());
        ChangeListener<FetchPhase> phaseChanged = (observable, before, now) -> enableButtons(now, fetch, retry, cancel);
        model.selectedProperty().addListener((observable, before, now) -> {
            if (before != null) {
                before.phaseProperty().removeListener(phaseChanged);
            }
            if (now != null) {
                now.phaseProperty().addListener(phaseChanged);
            }
            enableButtons(now == null ? null : now.phaseProperty().get(), fetch, retry, cancel);
        });
        enableButtons(null, fetch, retry, cancel);

        Label message = new Label();
        message.setId(MESSAGE_ID);
        message.getStyleClass().add(StyleClasses.FETCH_MESSAGE);
        message.textProperty().bind(model.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        model.messageIsErrorProperty().addListener((observable, before, error) -> {
            message.getStyleClass().remove(StyleClasses.FETCH_ERROR);
            if (error) {
                message.getStyleClass().add(StyleClasses.FETCH_ERROR);
            }
        });
        message.tooltipProperty().bind(Bindings.createObjectBinding(() -> model.messageProperty().get().isEmpty()
                ? null : new Tooltip(model.messageProperty().get()), model.messageProperty()));
        Region gap = new Region();
        gap.setMinWidth(8);
        HBox buttons = new HBox(6, importButton, reload, gap, fetch, retry, cancel, message);
        buttons.setAlignment(Pos.CENTER_LEFT);

        SplitPane split = new SplitPane(profiles, mirrors);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().setAll(buttons, split);

        setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        setOnDragDropped(event -> dropped(event, model));
    }

    private static void dropped(DragEvent event, FetchesViewModel model) {
        boolean files = event.getDragboard().hasFiles();
        if (files) {
            model.importFiles(event.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        event.setDropCompleted(files);
        event.consume();
    }

    /** Fetch while nothing runs (and nothing failed: that is Retry's), Retry after a failure, Cancel while it runs. */
    private static void enableButtons(FetchPhase phase, Button fetch, Button retry, Button cancel) {
        boolean failed = phase == FetchPhase.FAILED || phase == FetchPhase.CANCELLED;
        fetch.setDisable(phase == null || phase.active() || failed);
        retry.setDisable(!failed);
        cancel.setDisable(phase == null || !phase.active());
    }

    private static Button button(String id, String text, Ikon icon, String tip) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    /** The Ikonli glyph of a checksum status. */
    static Ikon glyphOf(ChecksumStatus status) {
        return switch (status) {
            case PENDING -> MaterialDesignS.SHIELD_OUTLINE;
            case VERIFYING -> MaterialDesignS.SHIELD_SYNC;
            case VERIFIED -> MaterialDesignS.SHIELD_CHECK;
            case MISMATCH -> MaterialDesignS.SHIELD_ALERT;
            case SKIPPED -> MaterialDesignS.SHIELD_OFF_OUTLINE;
        };
    }

    /** The CSS style class (its colour) of a checksum status icon. */
    static String styleOf(ChecksumStatus status) {
        return switch (status) {
            case PENDING -> StyleClasses.CHECKSUM_PENDING;
            case VERIFYING -> StyleClasses.CHECKSUM_VERIFYING;
            case VERIFIED -> StyleClasses.CHECKSUM_VERIFIED;
            case MISMATCH -> StyleClasses.CHECKSUM_MISMATCH;
            case SKIPPED -> StyleClasses.CHECKSUM_SKIPPED;
        };
    }

    private static TableColumn<FetchRow, ChecksumStatus> checksumColumn() {
        TableColumn<FetchRow, ChecksumStatus> column = new TableColumn<>("");
        column.setCellValueFactory(cell -> cell.getValue().checksumProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ChecksumStatus status, boolean empty) {
                super.updateItem(status, empty);
                if (empty || status == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                FontIcon icon = new FontIcon(glyphOf(status));
                icon.getStyleClass().add(styleOf(status));
                setGraphic(icon);
                setTooltip(new Tooltip("sha256: " + status.label()));
                setAlignment(Pos.CENTER);
            }
        });
        column.setMinWidth(32);
        column.setMaxWidth(32);
        column.setSortable(false);
        return column;
    }

    private static TableColumn<FetchRow, FetchProfiles.Loaded> nameColumn() {
        TableColumn<FetchRow, FetchProfiles.Loaded> column = new TableColumn<>("Profile");
        column.setCellValueFactory(cell -> cell.getValue().profileProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(FetchProfiles.Loaded loaded, boolean empty) {
                super.updateItem(loaded, empty);
                if (empty || loaded == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(loaded.profile().name());
                StringBuilder tip = new StringBuilder(loaded.file().toString()).append("\n→ ")
                        .append(loaded.profile().folder()).append('/').append(loaded.profile().fileName())
                        .append("\n").append(loaded.profile().sites().size()).append(" official sites, ")
                        .append(loaded.profile().mirrors().size()).append(" mirrors; sha256 ")
                        .append(loaded.profile().checksumSkipped() ? "0 (not checked)"
                                : loaded.profile().sha256() == null ? "not given" : loaded.profile().sha256());
                loaded.profile().notes().forEach(note -> tip.append("\n• ").append(note));
                setTooltip(new Tooltip(tip.toString()));
            }
        });
        column.setPrefWidth(190);
        return column;
    }

    private static TableColumn<FetchRow, FetchPhase> phaseColumn() {
        TableColumn<FetchRow, FetchPhase> column = new TableColumn<>("Status");
        column.setCellValueFactory(cell -> cell.getValue().phaseProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(FetchPhase phase, boolean empty) {
                super.updateItem(phase, empty);
                setText(empty || phase == null ? null : phase.label());
            }
        });
        column.setPrefWidth(130);
        return column;
    }

    private static TableColumn<FetchRow, Number> progressColumn() {
        TableColumn<FetchRow, Number> column = new TableColumn<>("Progress");
        column.setCellValueFactory(cell -> cell.getValue().progressProperty());
        column.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar(0);

            {
                bar.setMaxWidth(Double.MAX_VALUE);
            }

            @Override
            protected void updateItem(Number progress, boolean empty) {
                super.updateItem(progress, empty);
                if (empty || progress == null) {
                    setGraphic(null);
                    return;
                }
                bar.setProgress(progress.doubleValue() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : progress.doubleValue());
                setGraphic(bar);
            }
        });
        column.setPrefWidth(140);
        return column;
    }

    private static TableColumn<FetchRow, String> detailColumn() {
        TableColumn<FetchRow, String> column = new TableColumn<>("Detail");
        column.setCellValueFactory(cell -> cell.getValue().detailProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String detail, boolean empty) {
                super.updateItem(detail, empty);
                getStyleClass().remove(StyleClasses.FETCH_DETAIL);
                if (empty || detail == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                getStyleClass().add(StyleClasses.FETCH_DETAIL);
                setText(detail);
                setTooltip(detail.isEmpty() ? null : new Tooltip(detail));
            }
        });
        column.setPrefWidth(420);
        return column;
    }

    private static TableColumn<MirrorRow, String> mirrorColumn(String title, double width,
                                                               java.util.function.Function<MirrorRow, String> value) {
        TableColumn<MirrorRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().remove(StyleClasses.MIRROR_DROPPED);
                setText(empty ? null : text);
                MirrorRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && row.rank() == 0) {
                    getStyleClass().add(StyleClasses.MIRROR_DROPPED);
                }
            }
        });
        column.setPrefWidth(width);
        return column;
    }
}
