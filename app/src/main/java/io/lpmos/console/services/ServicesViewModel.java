package io.lpmos.console.services;

import io.lpmos.console.settings.SettingsWording;
import io.lpmos.console.tasks.BackgroundTasks;
import io.lpmos.engine.Engine;
import io.lpmos.engine.dhcp.DhcpService;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.lifecycle.ServiceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * Start/Stop PXE and one badge and toggle per engine service. Start PXE starts the enabled services.
 * Most services are on unless the operator switched them off; the ones that can break a network when
 * started carelessly ({@link #OFF_UNTIL_SWITCHED_ON}: DHCP) are off until the operator switches them on,
 * so a fresh console never answers DHCP by surprise;
 * toggling a service while PXE runs starts or stops that service alone. Engine calls run through the
 * injected {@link BackgroundTasks}, never on the FX thread; badges follow {@link ServiceStateChanged}
 * events only, so they show what the engine reported, in order. Confined to the FX thread.
 */
public final class ServicesViewModel {
    /** Services Start PXE leaves out until the operator switches them on. */
    public static final Set<String> OFF_UNTIL_SWITCHED_ON = Set.of(DhcpService.NAME);

    private final Engine engine;
    private final BackgroundTasks tasks;
    private final Map<String, ServiceBadgeViewModel> badgesByName = new LinkedHashMap<>();
    private final ObservableList<ServiceBadgeViewModel> badges;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");

    private final ObservableSet<String> disabled = FXCollections.observableSet(new TreeSet<>());
    private final ObservableSet<String> disabledView = FXCollections.unmodifiableObservableSet(disabled);
    private final ObservableSet<String> switchedOn = FXCollections.observableSet(new TreeSet<>());
    private final ObservableSet<String> switchedOnView = FXCollections.unmodifiableObservableSet(switchedOn);

    /**
     * @param disabledServices   names of the services Start PXE leaves out (the saved toggles)
     * @param switchedOnServices names of the {@link #OFF_UNTIL_SWITCHED_ON} services the operator switched on
     */
    public ServicesViewModel(Engine engine, BackgroundTasks tasks, Set<String> disabledServices,
                             Set<String> switchedOnServices) {
        this.engine = engine;
        this.tasks = tasks;
        List<ServiceBadgeViewModel> all = new ArrayList<>();
        for (Service service : engine.services()) {
            ServiceBadgeViewModel badge = new ServiceBadgeViewModel(service.name(), service.state(),
                    service.failureCause());
            boolean enabled = OFF_UNTIL_SWITCHED_ON.contains(service.name())
                    ? switchedOnServices.contains(service.name()) : !disabledServices.contains(service.name());
            badge.enabledProperty().set(enabled);
            if (!enabled) {
                disabled.add(service.name());
            } else if (OFF_UNTIL_SWITCHED_ON.contains(service.name())) {
                switchedOn.add(service.name());
            }
            badge.enabledProperty().addListener((observable, was, now) -> toggled(service, badge, now));
            badgesByName.put(service.name(), badge);
            all.add(badge);
        }
        this.badges = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(all));
        recomputeActions();
    }

    private void toggled(Service service, ServiceBadgeViewModel badge, boolean enabled) {
        if (enabled) {
            disabled.remove(service.name());
        } else {
            disabled.add(service.name());
        }
        if (OFF_UNTIL_SWITCHED_ON.contains(service.name())) {
            if (enabled) {
                switchedOn.add(service.name());
            } else {
                switchedOn.remove(service.name());
            }
        }
        boolean pxeRunning = badges.stream().anyMatch(b -> b.state() == ServiceState.RUNNING
                || b.state() == ServiceState.STARTING);
        if (pxeRunning && enabled && badge.state() != ServiceState.RUNNING) {
            say("Starting " + service.name() + "…", false);
            tasks.run("start " + service.name(), () -> {
                service.start();
                return null;
            }, ignored -> say(service.name() + " running", false),
                    failure -> say(service.name() + " failed: " + SettingsWording.forConsole(failure.getMessage()), true));
        } else if (pxeRunning && !enabled && badge.state() != ServiceState.STOPPED) {
            say("Stopping " + service.name() + "…", false);
            tasks.run("stop " + service.name(), () -> {
                service.stop();
                return null;
            }, ignored -> say(service.name() + " stopped", false),
                    failure -> say("Could not stop " + service.name() + ": " + failure.getMessage(), true));
        }
        recomputeActions();
    }

    /** Starts every engine service in the background; the outcome lands in {@link #messageProperty()}. */
    public void startAll() {
        if (!canStart.get()) {
            return;
        }
        setBusy(true);
        say("Starting PXE services…", false);
        tasks.run("start the PXE services", () -> engine.startAll(service -> !disabled.contains(service.name())),
                this::started, failure -> {
            setBusy(false);
            say("Could not start: " + SettingsWording.forConsole(failure.getMessage()), true);
        });
    }

    private void started(Map<Service, ServiceException> failures) {
        setBusy(false);
        if (failures.isEmpty()) {
            List<String> running = engine.runningServices();
            say(running.isEmpty() ? "No PXE service is enabled: switch one on in the toolbar"
                    : "PXE services running: " + String.join(", ", running), running.isEmpty());
        } else {
            say(failures.entrySet().stream()
                    .map(entry -> entry.getKey().name() + " failed: "
                            + SettingsWording.forConsole(entry.getValue().getMessage()))
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
                    String cause = SettingsWording.forConsole(change.cause());
                    badge.update(change.to(), cause);
                    changed = true;
                    if (change.to() == ServiceState.FAILED && cause != null) {
                        say(change.service() + " failed: " + cause, true);
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

    /** Shows an outcome that is not the services' own (e.g. applying settings) where theirs show. */
    public void announce(String text, boolean error) {
        say(text, error);
    }

    private void say(String text, boolean error) {
        messageIsError.set(error);
        message.set(text);
    }

    private void recomputeActions() {
        boolean anyNotRunning = badges.stream().anyMatch(b -> b.isEnabled() && b.state() != ServiceState.RUNNING);
        boolean anyActive = badges.stream().anyMatch(b -> b.state() == ServiceState.RUNNING
                || b.state() == ServiceState.STARTING || b.state() == ServiceState.FAILED);
        canStart.set(!busy.get() && anyNotRunning);
        canStop.set(!busy.get() && anyActive);
        active.set(busy.get() || anyActive);
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

    /**
     * Names of the services Start PXE leaves out, as the toggles say; read-only, for saving. Services
     * off until switched on are saved by {@link #switchedOnServices()} instead.
     */
    public ObservableSet<String> disabledServices() {
        return disabledView;
    }

    /** Names of the {@link #OFF_UNTIL_SWITCHED_ON} services the operator switched on; read-only, for saving. */
    public ObservableSet<String> switchedOnServices() {
        return switchedOnView;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    /** True while any service runs, starts or has failed, or Start/Stop is under way. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
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
