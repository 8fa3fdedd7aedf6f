package io.lpmos.console.mainwindow;

import io.lpmos.console.boottree.BootTreeViewModel;
import io.lpmos.console.fetches.FetchesViewModel;
import io.lpmos.console.dhcp.DhcpViewModel;
import io.lpmos.console.dhcp.LeasesViewModel;
import io.lpmos.console.fx.EventBatch;
import io.lpmos.console.livelog.LiveLogViewModel;
import io.lpmos.console.livelog.LogLine;
import io.lpmos.console.nic.InterfacePickerViewModel;
import io.lpmos.console.services.ServicesViewModel;
import io.lpmos.console.statusbar.StatusBarViewModel;
import io.lpmos.console.transfers.TransfersViewModel;
import io.lpmos.engine.EngineVersion;
import io.lpmos.engine.events.EngineEvent;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The main window's state: the feature ViewModels it is made of, which engine events each receives,
 * and the theme. Confined to the FX thread.
 */
public final class MainWindowViewModel {
    private final ServicesViewModel services;
    private final InterfacePickerViewModel interfaces;
    private final LiveLogViewModel liveLog;
    private final StatusBarViewModel statusBar;
    private final BootTreeViewModel bootTree;
    private final TransfersViewModel transfers;
    private final FetchesViewModel fetches;
    private final DhcpViewModel dhcp;
    private final LeasesViewModel leases;
    private final WindowDialogs dialogs;
    private long droppedBefore;
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");

    public MainWindowViewModel(ServicesViewModel services, InterfacePickerViewModel interfaces,
                               LiveLogViewModel liveLog, StatusBarViewModel statusBar, BootTreeViewModel bootTree,
                               TransfersViewModel transfers, DhcpViewModel dhcp, LeasesViewModel leases,
                               FetchesViewModel fetches, WindowDialogs dialogs) {
        this.services = services;
        this.interfaces = interfaces;
        this.liveLog = liveLog;
        this.statusBar = statusBar;
        this.bootTree = bootTree;
        this.transfers = transfers;
        this.fetches = fetches;
        this.dhcp = dhcp;
        this.leases = leases;
        this.dialogs = dialogs;
        this.droppedBefore = liveLog.droppedProperty().get();
        statusBar.chosenInterfaceProperty().bind(interfaces.selectedProperty());
        interfaces.lockedProperty().bind(services.activeProperty());
    }

    /** Reads what the window shows at first: interfaces, free space and the fetch profiles. */
    public void load() {
        interfaces.refresh();
        statusBar.refreshFreeSpace();
        fetches.load();
    }

    /** Hands one batch from the FX adapter to every feature; called on the FX thread. */
    public void onEvents(EventBatch<ConsoleEvent> batch) {
        List<EngineEvent> events = new ArrayList<>(batch.items().size());
        List<LogLine> lines = new ArrayList<>(batch.items().size());
        for (ConsoleEvent item : batch.items()) {
            events.add(item.event());
            if (item.logLine() != null) {
                lines.add(item.logLine());
            }
        }
        services.onEvents(events);
        statusBar.onEvents(events);
        transfers.onEvents(events);
        fetches.onEvents(events);
        leases.onEvents(events, batch.dropped() > droppedBefore);
        droppedBefore = batch.dropped();
        liveLog.onLines(lines, batch.received(), batch.dropped());
    }

    /** The toolbar's Settings button. */
    public void openSettings() {
        dialogs.showSettings();
    }

    /** The toolbar's About button. */
    public void openAbout() {
        dialogs.showAbout();
    }

    public String title() {
        return "LPMOS Console " + EngineVersion.get();
    }

    public ServicesViewModel services() {
        return services;
    }

    public InterfacePickerViewModel interfaces() {
        return interfaces;
    }

    public LiveLogViewModel liveLog() {
        return liveLog;
    }

    public StatusBarViewModel statusBar() {
        return statusBar;
    }

    public BootTreeViewModel bootTree() {
        return bootTree;
    }

    public FetchesViewModel fetches() {
        return fetches;
    }

    public TransfersViewModel transfers() {
        return transfers;
    }

    public DhcpViewModel dhcp() {
        return dhcp;
    }

    public LeasesViewModel leases() {
        return leases;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }
}
