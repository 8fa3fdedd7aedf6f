package io.lpmos.console.fetches;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link FetchDialogs} as modal file dialogs over the main window. Used on the FX thread. */
public final class FxFetchDialogs implements FetchDialogs {
    private final Window owner;

    public FxFetchDialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public List<Path> chooseProfiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import fetch profiles");
        chooser.getExtensionFilters().setAll(
                new FileChooser.ExtensionFilter("Fetch profiles (vm-*.conf, .json, .yaml)", "vm-*.conf", "*.json",
                        "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> chosen = chooser.showOpenMultipleDialog(owner);
        return chosen == null ? List.of() : chosen.stream().map(File::toPath).toList();
    }
}
