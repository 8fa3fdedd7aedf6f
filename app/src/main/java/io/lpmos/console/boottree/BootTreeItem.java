package io.lpmos.console.boottree;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A node of the boot tree whose children are listed only when it is expanded: the model lists the
 * folder in the background and keeps the listing current while it is shown (expanded, and its parents
 * too). Children are reused by
 * path across refreshes, so open sub-folders stay open. Used on the FX thread.
 */
final class BootTreeItem extends TreeItem<BootNode> {
    private final BootTreeViewModel model;
    private ObservableList<BootNode> listing;

    BootTreeItem(BootNode node, BootTreeViewModel model) {
        super(node);
        this.model = model;
        if (node.directory()) {
            expandedProperty().addListener((observable, before, expanded) -> {
                if (expanded) {
                    openShown();
                } else {
                    closeShown();
                }
            });
        }
    }

    @Override
    public boolean isLeaf() {
        return !getValue().directory();
    }

    /** Opens this folder and the sub-folders that were left expanded inside it, which show again. */
    private void openShown() {
        open();
        for (TreeItem<BootNode> child : getChildren()) {
            if (child.isExpanded() && child instanceof BootTreeItem folder) {
                folder.openShown();
            }
        }
    }

    /** Stops watching this folder and the expanded sub-folders that are now hidden inside it. */
    private void closeShown() {
        model.close(getValue().path());
        for (TreeItem<BootNode> child : getChildren()) {
            if (child.isExpanded() && child instanceof BootTreeItem folder) {
                folder.closeShown();
            }
        }
    }

    private void open() {
        boolean first = listing == null;
        listing = model.open(getValue().path());
        if (first) {
            listing.addListener((ListChangeListener<BootNode>) change -> sync());
        }
        sync();
    }

    /** Makes the children match the listing, keeping the items of entries that are still there. */
    private void sync() {
        Map<Path, TreeItem<BootNode>> shown = new HashMap<>();
        for (TreeItem<BootNode> child : getChildren()) {
            shown.put(child.getValue().path(), child);
        }
        List<TreeItem<BootNode>> children = new ArrayList<>(listing.size());
        for (BootNode node : listing) {
            TreeItem<BootNode> item = shown.get(node.path());
            if (item == null || item.getValue().directory() != node.directory()) {
                item = new BootTreeItem(node, model);
            } else if (!item.getValue().equals(node)) {
                item.setValue(node);
            }
            children.add(item);
        }
        getChildren().setAll(children);
    }
}
