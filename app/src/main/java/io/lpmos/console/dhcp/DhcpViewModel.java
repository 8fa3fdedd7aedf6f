package io.lpmos.console.dhcp;

import io.lpmos.console.services.ServicesViewModel;
import io.lpmos.console.settings.SettingsWording;
import io.lpmos.console.tasks.BackgroundTasks;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.dhcp.DhcpService;
import io.lpmos.engine.dhcp.ProbeReport;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The DHCP controls beside its toolbar toggle: the mode (proxy or full; choosing another rebuilds the
 * engine, so it is locked while services run) and the rogue-server probe, whose result is shown before
 * DHCP starts (status bar, and the Probe button's tooltip). Confined to the FX thread; the probe runs
 * through the injected {@link BackgroundTasks}.
 */
public final class DhcpViewModel {
    private final DhcpService service;
    private final BackgroundTasks tasks;
    private final ServicesViewModel services;
    private final ObjectProperty<DhcpMode> mode = new SimpleObjectProperty<>(this, "mode");
    private final ReadOnlyBooleanWrapper probing = new ReadOnlyBooleanWrapper(this, "probing");
    private final ReadOnlyBooleanWrapper othersFound = new ReadOnlyBooleanWrapper(this, "othersFound");
    private final ReadOnlyStringWrapper probeResult = new ReadOnlyStringWrapper(this, "probeResult");

    /**
     * @param service    the engine's DHCP service; empty while no interface is chosen
     * @param current    the mode the engine runs DHCP in
     * @param modeChosen told when the operator picks the other mode (the engine must be rebuilt for it)
     */
    public DhcpViewModel(Optional<DhcpService> service, DhcpMode current, BackgroundTasks tasks,
                         ServicesViewModel services, Consumer<DhcpMode> modeChosen) {
        this.service = service.orElse(null);
        this.tasks = tasks;
        this.services = services;
        mode.set(current);
        probeResult.set(this.service == null ? "DHCP needs a network interface: choose one in the toolbar"
                : "Look for other DHCP servers on " + this.service.interfaceName() + " (takes 2 s)");
        mode.addListener((observable, before, now) -> {
            if (now != null && now != before) {
                modeChosen.accept(now);
            }
        });
    }

    /** Sends a DISCOVER on the interface and reports every other server that answered; about 2 s. */
    public void probe() {
        if (service == null) {
            services.announce("Choose a network interface first: DHCP answers on one", true);
            return;
        }
        if (probing.get()) {
            return;
        }
        probing.set(true);
        services.announce("Looking for other DHCP servers on " + service.interfaceName() + "…", false);
        tasks.run("look for other DHCP servers", service::probe, this::probed, failure -> {
            probing.set(false);
            String reason = SettingsWording.forConsole(failure.getMessage());
            probeResult.set("Could not look for other DHCP servers: " + reason);
            services.announce("Could not look for other DHCP servers: " + reason, true);
        });
    }

    private void probed(ProbeReport report) {
        probing.set(false);
        othersFound.set(report.foundOthers());
        String advice = !report.foundOthers() ? ""
                : mode.get() == DhcpMode.FULL ? " — full mode will refuse to start beside it: choose proxy mode"
                : " — proxy mode works beside it";
        String text = capitalized(report.summary()) + advice;
        probeResult.set(text);
        services.announce(text, report.foundOthers() && mode.get() == DhcpMode.FULL);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The mode DHCP runs in; set by the toolbar's choice. */
    public ObjectProperty<DhcpMode> modeProperty() {
        return mode;
    }

    /** True when the engine has a DHCP service (an interface is chosen). */
    public boolean available() {
        return service != null;
    }

    public ReadOnlyBooleanProperty probingProperty() {
        return probing.getReadOnlyProperty();
    }

    /** True when the last probe found another DHCP server. */
    public ReadOnlyBooleanProperty othersFoundProperty() {
        return othersFound.getReadOnlyProperty();
    }

    /** The last probe's result in operator words, or what the probe does before it ran. */
    public ReadOnlyStringProperty probeResultProperty() {
        return probeResult.getReadOnlyProperty();
    }

    /** True while services run or start: the mode cannot change then. */
    public ReadOnlyBooleanProperty lockedProperty() {
        return services.activeProperty();
    }
}
