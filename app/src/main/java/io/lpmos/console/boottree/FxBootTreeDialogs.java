package io.lpmos.console.boottree;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/** {@link BootTreeDialogs} as modal JavaFX dialogs over the main window. Used on the FX thread. */
public final class FxBootTreeDialogs implements BootTreeDialogs {
    private static final ButtonType REPLACE = new ButtonType("Replace", ButtonBar.ButtonData.YES);
    private static final ButtonType KEEP_BOTH = new ButtonType("Keep both", ButtonBar.ButtonData.NO);
    private static final ButtonType SKIP = new ButtonType("Skip", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final Window owner;

    public FxBootTreeDialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public ClashDecision askClash(Path existing, boolean existingIsFolder) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, null, REPLACE, KEEP_BOTH, SKIP);
        alert.initOwner(owner);
        alert.setTitle("Name already in use");
        alert.setHeaderText("'" + existing.getFileName() + "' already exists in " + existing.getParent());
        alert.setContentText(existingIsFolder
                ? "Replace the folder and everything in it, keep both (the copy gets a numbered name), or skip it?"
                : "Replace the file, keep both (the copy gets a numbered name), or skip it?");
        ButtonType answer = alert.showAndWait().orElse(SKIP);
        return answer == REPLACE ? ClashDecision.REPLACE : answer == KEEP_BOTH ? ClashDecision.KEEP_BOTH
                : ClashDecision.SKIP;
    }

    @Override
    public boolean confirmDelete(Path path, boolean folder) {
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, null, delete, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Delete");
        alert.setHeaderText("Delete '" + path.getFileName() + "'" + (folder ? " and everything in it?" : "?"));
        alert.setContentText(path + "\nThis cannot be undone; clients can no longer fetch it.");
        return alert.showAndWait().filter(delete::equals).isPresent();
    }

    @Override
    public Optional<String> askNewName(Path path) {
        TextInputDialog dialog = new TextInputDialog(path.getFileName().toString());
        dialog.initOwner(owner);
        dialog.setTitle("Rename");
        dialog.setHeaderText("Rename '" + path.getFileName() + "' in " + path.getParent());
        dialog.setContentText("New name:");
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(Bindings.createBooleanBinding(
                () -> !isValidName(path.getParent(), dialog.getEditor().getText()), dialog.getEditor().textProperty()));
        return dialog.showAndWait();
    }

    private static boolean isValidName(Path folder, String name) {
        try {
            BootTreeFiles.child(folder, name.strip());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
