package io.lpmos.console.services;

import io.lpmos.console.tasks.BackgroundTasks;
import io.lpmos.engine.Engine;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.lifecycle.ServiceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Start/Stop PXE and one badge per engine service. Engine calls run through the injected
 * {@link BackgroundTasks}, never on the FX thread; badges follow {@link ServiceStateChanged} events
 * only, so they show what the engine reported, in order. Confined to the FX thread.
 */
public final class ServicesViewModel {
    private final Engine engine;
    private final BackgroundTasks tasks;
    private final Map<String, ServiceBadgeViewModel> badgesByName = new LinkedHashMap<>();
    private final ObservableList<ServiceBadgeViewModel> badges;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");

    public ServicesViewModel(Engine engine, BackgroundTasks tasks) {
        this.engine = engine;
        this.tasks = tasks;
        List<ServiceBadgeViewModel> all = new ArrayList<>();
        for (Service service : engine.services()) {
            ServiceBadgeViewModel badge = new ServiceBadgeViewModel(service.name(), service.state(),
                    service.failureCause());
            badgesByName.put(service.name(), badge);
            all.add(badge);
        }
        this.badges = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(all));
        recomputeActions();
    }

    /** Starts every engine service in the background; the outcome lands in {@link #messageProperty()}. */
    public void startAll() {
        if (!canStart.get()) {
            return;
        }
        setBusy(true);
        say("Starting PXE services…", false);
        tasks.run("start the PXE services", engine::startAll, this::started, failure -> {
            setBusy(false);
            say("Could not start: " + failure.getMessage(), true);
        });
    }

    private void started(Map<Service, ServiceException> failures) {
        setBusy(false);
        if (failures.isEmpty()) {
            say("PXE services running: " + String.join(", ", engine.runningServices()), false);
        } else {
            say(failures.entrySet().stream()
                    .map(entry -> entry.getKey().name() + " failed: " + entry.getValue().getMessage())
                    .collect(Collectors.joining("; ")), true);
        }
    }

    /** Stops every engine service in the background. */
    public void stopAll() {
        if (!canStop.get()) {
            return;
        }
        setBusy(true);
        say("Stopping PXE services…", false);
        tasks.run("stop the PXE services", () -> {
            engine.stopAll();
            return null;
        }, ignored -> {
            setBusy(false);
            say("PXE services stopped", false);
        }, failure -> {
            setBusy(false);
            say("Could not stop: " + failure.getMessage(), true);
        });
    }

    /** Applies service state changes from one batch of engine events; called on the FX thread. */
    public void onEvents(List<EngineEvent> events) {
        boolean changed = false;
        for (EngineEvent event : events) {
            if (event instanceof ServiceStateChanged change) {
                ServiceBadgeViewModel badge = badgesByName.get(change.service());
                if (badge != null) {
                    badge.update(change.to(), change.cause());
                    changed = true;
                    if (change.to() == ServiceState.FAILED && change.cause() != null) {
                        say(change.service() + " failed: " + change.cause(), true);
                    }
                }
            }
        }
        if (changed) {
            recomputeActions();
        }
    }

    private void setBusy(boolean value) {
        busy.set(value);
        recomputeActions();
    }

    private void say(String text, boolean error) {
        messageIsError.set(error);
        message.set(text);
    }

    private void recomputeActions() {
        boolean anyNotRunning = badges.stream().anyMatch(b -> b.state() != ServiceState.RUNNING);
        boolean anyActive = badges.stream().anyMatch(b -> b.state() == ServiceState.RUNNING
                || b.state() == ServiceState.STARTING || b.state() == ServiceState.FAILED);
        canStart.set(!busy.get() && anyNotRunning);
        canStop.set(!busy.get() && anyActive);
    }

    /** One badge per engine service, in start order. */
    public ObservableList<ServiceBadgeViewModel> badges() {
        return badges;
    }

    /** The badge of the named service, e.g. {@code "http"}. */
    public ServiceBadgeViewModel badge(String serviceName) {
        ServiceBadgeViewModel badge = badgesByName.get(serviceName);
        if (badge == null) {
            throw new IllegalArgumentException("the engine has no service named " + serviceName
                    + "; it has " + badgesByName.keySet());
        }
        return badge;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    /** The last outcome in operator words, e.g. "http failed: port 8081 is in use — …". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }
}
