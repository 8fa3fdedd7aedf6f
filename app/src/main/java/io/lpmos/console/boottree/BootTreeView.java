package io.lpmos.console.boottree;

import atlantafx.base.theme.Styles;
import io.lpmos.console.fx.WhileShowing;
import io.lpmos.console.style.StyleClasses;
import io.lpmos.engine.net.ByteSize;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Function;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The boot tree pane: the static root as a lazily listed tree table (name with a folder or file icon,
 * size, modified), a drop target for files and folders from the desktop, a context menu (copy HTTP
 * URL, rename, delete, reveal), the list of copies with their progress and SHA-256, and the last
 * message. Binds to a {@link BootTreeViewModel} and forwards gestures; built and used on the FX thread.
 */
public final class BootTreeView extends VBox {
    /** Node ids, for tests and CSS. */
    public static final String TREE_ID = "bootTree";
    public static final String COPIES_ID = "bootTreeCopies";
    public static final String MESSAGE_ID = "bootTreeMessage";

    private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final Duration POLL_INTERVAL = Duration.millis(100);
    private static final double COPY_LIST_HEIGHT = 150;

    private final BootTreeViewModel model;
    private final TreeTableView<BootNode> tree;

    public BootTreeView(BootTreeViewModel model) {
        this.model = model;
        getStyleClass().add(StyleClasses.BOOT_TREE);

        Label title = new Label("Boot tree");
        title.getStyleClass().add(StyleClasses.BOOT_TREE_TITLE);
        Label hint = new Label("drop files onto a folder");
        hint.getStyleClass().add(StyleClasses.BOOT_TREE_MESSAGE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button(null, new FontIcon(MaterialDesignR.REFRESH));
        refresh.setTooltip(new Tooltip("List the open folders again"));
        HBox header = new HBox(8, title, hint, spacer, refresh);
        header.getStyleClass().add(StyleClasses.BOOT_TREE_HEADER);
        header.setAlignment(Pos.CENTER_LEFT);

        BootTreeItem rootItem = new BootTreeItem(new BootNode(model.root(), model.root().toString(), true, 0,
                Instant.EPOCH), model);
        tree = new TreeTableView<>(rootItem);
        tree.setId(TREE_ID);
        tree.setShowRoot(false);
        tree.getStyleClass().add(Styles.DENSE);
        tree.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label empty = new Label("The boot tree is empty: drop kernels, initrds or ISOs here.");
        empty.setWrapText(true);
        empty.setPadding(new Insets(0, 16, 0, 16));
        tree.setPlaceholder(empty);
        tree.getColumns().setAll(List.of(nameColumn(), sizeColumn(), modifiedColumn()));
        tree.setRowFactory(view -> new BootTreeRow());
        tree.setOnDragOver(this::acceptFiles);
        tree.setOnDragDropped(event -> dropped(event, model.root()));
        tree.setOnKeyPressed(event -> {
            BootNode selected = selected();
            if (selected == null) {
                return;
            }
            if (event.getCode() == KeyCode.DELETE) {
                model.delete(selected);
            } else if (event.getCode() == KeyCode.F2) {
                model.rename(selected);
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        rootItem.setExpanded(true);
        refresh.setOnAction(event -> refreshOpen(rootItem));

        VBox copyRows = new VBox();
        copyRows.getStyleClass().add(StyleClasses.COPY_ROWS);
        model.copies().addListener((ListChangeListener<CopyEntry>) change -> showCopies(copyRows));
        ScrollPane copies = new ScrollPane(copyRows);
        copies.setId(COPIES_ID);
        copies.getStyleClass().add(StyleClasses.COPY_LIST);
        copies.setFitToWidth(true);
        copies.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        copies.setFocusTraversable(false);
        copies.visibleProperty().bind(Bindings.isNotEmpty(model.copies()));
        copies.managedProperty().bind(copies.visibleProperty());
        copies.setPrefViewportHeight(COPY_LIST_HEIGHT);
        copies.setMaxHeight(Region.USE_PREF_SIZE);

        Button clear = new Button("Clear finished", new FontIcon(MaterialDesignC.CHECK_ALL));
        clear.setOnAction(event -> model.clearFinished());
        clear.visibleProperty().bind(copies.visibleProperty());
        clear.managedProperty().bind(copies.visibleProperty());

        Label message = new Label();
        message.setId(MESSAGE_ID);
        message.getStyleClass().add(StyleClasses.BOOT_TREE_MESSAGE);
        message.textProperty().bind(model.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        message.setMinWidth(0);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Tooltip messageTip = new Tooltip();
        messageTip.textProperty().bind(model.messageProperty());
        message.setTooltip(messageTip);
        model.messageIsErrorProperty().addListener((observable, before, error) -> {
            if (error) {
                message.getStyleClass().add(StyleClasses.BOOT_TREE_ERROR);
            } else {
                message.getStyleClass().remove(StyleClasses.BOOT_TREE_ERROR);
            }
        });
        HBox footer = new HBox(8, message, clear);
        footer.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(header, tree, copies, footer);

        Timeline poll = new Timeline(new KeyFrame(POLL_INTERVAL, event -> model.pollProgress()));
        poll.setCycleCount(Animation.INDEFINITE);
        WhileShowing.play(this, poll);
    }

    /** Shows one row per copy, newest at the top, keeping the rows of copies still listed. */
    private void showCopies(VBox rows) {
        Map<CopyEntry, Node> shown = new HashMap<>();
        for (Node row : rows.getChildren()) {
            shown.put(((CopyRow) row).entry, row);
        }
        List<Node> children = new ArrayList<>();
        for (CopyEntry entry : model.copies()) {
            Node row = shown.get(entry);
            children.add(0, row != null ? row : new CopyRow(entry));
        }
        rows.getChildren().setAll(children);
    }

    private BootNode selected() {
        TreeItem<BootNode> item = tree.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    private void refreshOpen(TreeItem<BootNode> item) {
        if (item.isExpanded()) {
            model.refresh(item.getValue().path());
            item.getChildren().forEach(this::refreshOpen);
        }
    }

    private void acceptFiles(DragEvent event) {
        if (event.getDragboard().hasFiles()) {
            event.acceptTransferModes(TransferMode.COPY);
        }
        event.consume();
    }

    /** The drag gesture's end: hands the dragged files to {@link #dropFiles}. */
    private void dropped(DragEvent event, Path target) {
        boolean hasFiles = event.getDragboard().hasFiles();
        if (hasFiles) {
            dropFiles(target, event.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        event.setDropCompleted(hasFiles);
        event.consume();
    }

    /**
     * Files or folders dropped onto {@code target} (a folder, or a file standing for its folder): copies
     * them in the background, listed in the copy list. The drag gesture calls this; so can tests.
     */
    public List<CopyEntry> dropFiles(Path target, List<Path> files) {
        return model.drop(target, files);
    }

    private TreeTableColumn<BootNode, BootNode> nameColumn() {
        TreeTableColumn<BootNode, BootNode> column = new TreeTableColumn<>("Name");
        column.setPrefWidth(230);
        column.setMinWidth(120);
        column.setComparator(BootTreeFiles.ORDER);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue()));
        column.setCellFactory(c -> new TreeTableCell<>() {
            private final FontIcon icon = new FontIcon();

            @Override
            protected void updateItem(BootNode node, boolean empty) {
                super.updateItem(node, empty);
                if (empty || node == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(node.name());
                icon.setIconCode(node.directory() ? MaterialDesignF.FOLDER : MaterialDesignF.FILE_OUTLINE);
                icon.getStyleClass().setAll("ikonli-font-icon",
                        node.directory() ? StyleClasses.BOOT_TREE_FOLDER : StyleClasses.BOOT_TREE_FILE);
                setGraphic(icon);
            }
        });
        return column;
    }

    private TreeTableColumn<BootNode, BootNode> sizeColumn() {
        return numberColumn("Size", 80, Comparator.comparing((BootNode node) -> !node.directory())
                .thenComparingLong(BootNode::size), node -> node.directory() ? null : ByteSize.format(node.size()));
    }

    private TreeTableColumn<BootNode, BootNode> modifiedColumn() {
        return numberColumn("Modified", 142, Comparator.comparing(BootNode::modified),
                node -> MODIFIED.format(node.modified()));
    }

    /** A fixed-width, right-aligned column showing {@code text} of each node (null: empty cell). */
    private static TreeTableColumn<BootNode, BootNode> numberColumn(String title, double width,
                                                                    Comparator<BootNode> order,
                                                                    Function<BootNode, String> text) {
        TreeTableColumn<BootNode, BootNode> column = new TreeTableColumn<>(title);
        fixedWidth(column, width);
        column.setComparator(order);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue()));
        column.setCellFactory(c -> new TreeTableCell<>() {
            {
                getStyleClass().add(StyleClasses.BOOT_TREE_NUMBER);
            }

            @Override
            protected void updateItem(BootNode node, boolean empty) {
                super.updateItem(node, empty);
                setText(empty || node == null ? null : text.apply(node));
            }
        });
        return column;
    }

    private static void fixedWidth(TreeTableColumn<BootNode, BootNode> column, double width) {
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setMaxWidth(width);
    }

    /** A row: drop target for its folder (or a file's folder), with the context menu. */
    private final class BootTreeRow extends TreeTableRow<BootNode> {
        BootTreeRow() {
            MenuItem copyUrl = new MenuItem("Copy HTTP URL", new FontIcon(MaterialDesignL.LINK_VARIANT));
            copyUrl.setOnAction(event -> url().ifPresent(url -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(url);
                Clipboard.getSystemClipboard().setContent(content);
            }));
            MenuItem rename = new MenuItem("Rename…", new FontIcon(MaterialDesignR.RENAME_BOX));
            rename.setOnAction(event -> model.rename(getItem()));
            MenuItem delete = new MenuItem("Delete…", new FontIcon(MaterialDesignD.DELETE_OUTLINE));
            delete.setOnAction(event -> model.delete(getItem()));
            MenuItem reveal = new MenuItem("Show in file manager", new FontIcon(MaterialDesignF.FOLDER_SEARCH_OUTLINE));
            reveal.setOnAction(event -> model.reveal(getItem()));
            ContextMenu menu = new ContextMenu(copyUrl, new SeparatorMenuItem(), rename, delete,
                    new SeparatorMenuItem(), reveal);
            menu.setOnShowing(event -> {
                Optional<String> url = url();
                copyUrl.setDisable(url.isEmpty());
                copyUrl.setText(url.map(u -> "Copy HTTP URL  " + u).orElse(getItem() != null && model.isServed(getItem())
                        ? "Copy HTTP URL (the port is chosen when HTTP starts)"
                        : "Copy HTTP URL (only static/ and repos/ are served)"));
            });
            contextMenuProperty().bind(Bindings.when(emptyProperty()).then((ContextMenu) null).otherwise(menu));

            setOnDragOver(event -> {
                if (!isEmpty() && event.getDragboard().hasFiles()) {
                    event.acceptTransferModes(TransferMode.COPY);
                }
                event.consume();
            });
            setOnDragEntered(event -> {
                if (!isEmpty() && event.getDragboard().hasFiles()) {
                    getStyleClass().add(StyleClasses.BOOT_TREE_DROP_TARGET);
                }
            });
            setOnDragExited(event -> getStyleClass().remove(StyleClasses.BOOT_TREE_DROP_TARGET));
            setOnDragDropped(event -> {
                if (!isEmpty()) {
                    dropped(event, getItem().path());
                }
            });
        }

        private Optional<String> url() {
            return getItem() == null ? Optional.empty() : model.httpUrl(getItem());
        }
    }

    /** One copy: name, cancel button, progress bar, then bytes copied, the SHA-256 or why it ended. */
    private static final class CopyRow extends VBox {
        private final CopyEntry entry;

        CopyRow(CopyEntry entry) {
            super(3);
            this.entry = entry;
            getStyleClass().add(StyleClasses.COPY_ENTRY);
            Label name = new Label(entry.name() + " → " + entry.targetFolder().getFileName());
            name.getStyleClass().add(StyleClasses.COPY_NAME);
            name.setMinWidth(0);
            Button cancel = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
            cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            cancel.setTooltip(new Tooltip("Cancel this copy; nothing of it is kept"));
            cancel.setOnAction(event -> entry.cancel());
            cancel.visibleProperty().bind(entry.stateProperty().isEqualTo(CopyEntry.State.RUNNING));
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(6, name, spacer, cancel);
            top.setAlignment(Pos.CENTER_LEFT);
            ProgressBar bar = new ProgressBar();
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.progressProperty().bind(entry.fractionProperty());
            Label detail = new Label();
            detail.getStyleClass().add(StyleClasses.COPY_DETAIL);
            detail.setWrapText(true);
            detail.textProperty().bind(entry.detailProperty());
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(entry.detailProperty());
            detail.setTooltip(tip);
            getChildren().addAll(top, bar, detail);
            showState(entry.stateProperty().get());
            entry.stateProperty().addListener((observable, before, now) -> showState(now));
        }

        private void showState(CopyEntry.State state) {
            getStyleClass().removeAll(StyleClasses.COPY_DONE, StyleClasses.COPY_FAILED);
            if (state == CopyEntry.State.DONE) {
                getStyleClass().add(StyleClasses.COPY_DONE);
            } else if (state == CopyEntry.State.FAILED || state == CopyEntry.State.CANCELLED) {
                getStyleClass().add(StyleClasses.COPY_FAILED);
            }
        }
    }
}
