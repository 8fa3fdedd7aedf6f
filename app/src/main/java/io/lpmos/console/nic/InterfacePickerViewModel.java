package io.lpmos.console.nic;

import io.lpmos.console.tasks.BackgroundTasks;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The interface picker: the machine's interfaces as the OS reports them, one selected. The first
 * read preselects the configured interface, else the first preferred one. Confined to the FX thread.
 */
public final class InterfacePickerViewModel {
    private final NetworkInterfaceCatalog catalog;
    private final BackgroundTasks tasks;
    private final String configuredName;
    private final ObservableList<NetworkInterfaceChoice> interfaces = FXCollections.observableArrayList();
    private final ObjectProperty<NetworkInterfaceChoice> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked");

    /** @param configuredName the engine's configured interface, or null */
    public InterfacePickerViewModel(NetworkInterfaceCatalog catalog, BackgroundTasks tasks, String configuredName) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.configuredName = configuredName;
    }

    /** Reads the interfaces again in the background, keeping the selection when it still exists. */
    public void refresh() {
        tasks.run("list the network interfaces", catalog::read, this::show,
                failure -> problem.set("Cannot list network interfaces: " + failure.getMessage()));
    }

    void show(List<NetworkInterfaceChoice> found) {
        problem.set("");
        String keep = selected.get() != null ? selected.get().name() : configuredName;
        interfaces.setAll(found);
        NetworkInterfaceChoice choice = found.stream().filter(c -> c.name().equals(keep)).findFirst()
                .orElseGet(() -> found.stream().filter(NetworkInterfaceChoice::isPreferred).findFirst()
                        .orElse(found.isEmpty() ? null : found.get(0)));
        selected.set(choice);
    }

    public ObservableList<NetworkInterfaceChoice> interfaces() {
        return interfaces;
    }

    public ObjectProperty<NetworkInterfaceChoice> selectedProperty() {
        return selected;
    }

    /**
     * Set while PXE services run: the services are bound to the chosen interface, so the choice
     * cannot change until they stop.
     */
    public BooleanProperty lockedProperty() {
        return locked;
    }

    /** Why the list could not be read, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
