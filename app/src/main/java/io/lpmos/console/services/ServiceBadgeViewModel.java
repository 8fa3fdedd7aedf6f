package io.lpmos.console.services;

import io.lpmos.console.style.StyleClasses;
import io.lpmos.engine.lifecycle.ServiceState;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The state of one engine service as its toolbar badge shows it: "http: running", or "http: failed"
 * with the operator-worded cause as tooltip. Confined to the FX thread.
 */
public final class ServiceBadgeViewModel {
    private final String serviceName;
    private final ReadOnlyObjectWrapper<ServiceState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper cause = new ReadOnlyStringWrapper(this, "cause");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text");
    private final ReadOnlyStringWrapper tooltip = new ReadOnlyStringWrapper(this, "tooltip");
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", true);

    public ServiceBadgeViewModel(String serviceName, ServiceState initial, String initialCause) {
        this.serviceName = serviceName;
        update(initial, initialCause);
    }

    /** Moves the badge to {@code newState}; {@code newCause} is kept only for FAILED. */
    void update(ServiceState newState, String newCause) {
        String kept = newState == ServiceState.FAILED ? newCause : null;
        cause.set(kept);
        state.set(newState);
        text.set(serviceName.toUpperCase(Locale.ROOT) + " · " + newState.label());
        tooltip.set(kept != null ? serviceName + " failed: " + kept : serviceName + " is " + newState.label());
    }

    public String serviceName() {
        return serviceName;
    }

    public ReadOnlyObjectProperty<ServiceState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ServiceState state() {
        return state.get();
    }

    /**
     * Whether Start PXE starts this service; the toolbar's toggle. Changing it while PXE runs starts
     * or stops the service at once (see {@link ServicesViewModel}).
     */
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public boolean isEnabled() {
        return enabled.get();
    }

    /** Why the service failed, or null unless it is FAILED. */
    public ReadOnlyStringProperty causeProperty() {
        return cause.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tooltipProperty() {
        return tooltip.getReadOnlyProperty();
    }

    /** The CSS style class of a badge in the given state. */
    public static String styleClassOf(ServiceState state) {
        return switch (state) {
            case STOPPED -> StyleClasses.BADGE_STOPPED;
            case STARTING -> StyleClasses.BADGE_STARTING;
            case RUNNING -> StyleClasses.BADGE_RUNNING;
            case STOPPING -> StyleClasses.BADGE_STOPPING;
            case FAILED -> StyleClasses.BADGE_FAILED;
        };
    }
}
