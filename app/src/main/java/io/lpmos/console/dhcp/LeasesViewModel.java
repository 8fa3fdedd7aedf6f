package io.lpmos.console.dhcp;

import io.lpmos.console.tasks.BackgroundTasks;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.dhcp.DhcpService;
import io.lpmos.engine.dhcp.Lease;
import io.lpmos.engine.events.DhcpExchange;
import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.ServiceState;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Leases tab (full mode): one row per MAC with its address, host name, architecture and lease end,
 * kept up to date from the engine's {@link DhcpExchange} events (an ACK adds or renews a row, a
 * RELEASE or DECLINE removes it). When DHCP starts, or when the console lost events under load, the
 * rows are read again from the service. Confined to the FX thread; reads go through {@link BackgroundTasks}.
 */
public final class LeasesViewModel {
    private static final Comparator<LeaseRow> BY_ADDRESS = Comparator.comparing(LeasesViewModel::addressKey);

    private final DhcpService service;
    private final BackgroundTasks tasks;
    private final Map<String, LeaseRow> byMac = new LinkedHashMap<>();
    private final ObservableList<LeaseRow> rows = FXCollections.observableArrayList();
    private final ObservableList<LeaseRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary");

    /** @param service the engine's DHCP service; empty while no interface is chosen */
    public LeasesViewModel(Optional<DhcpService> service, BackgroundTasks tasks) {
        this.service = service.orElse(null);
        this.tasks = tasks;
        placeholder.set(this.service == null ? "DHCP needs a network interface: choose one in the toolbar"
                : this.service.mode() == DhcpMode.PROXY
                ? "Proxy mode hands out no addresses: leases appear here in full mode"
                : "No leases yet: machines that boot get theirs here");
        updateSummary();
    }

    /**
     * Applies one batch of engine events; called on the FX thread.
     *
     * @param eventsLost the console lost events since the last batch, so the rows are read again
     */
    public void onEvents(List<EngineEvent> events, boolean eventsLost) {
        boolean changed = false;
        boolean reload = eventsLost;
        for (EngineEvent event : events) {
            if (event instanceof DhcpExchange exchange) {
                changed |= apply(exchange);
            } else if (event instanceof ServiceStateChanged change && change.service().equals(DhcpService.NAME)
                    && change.to() == ServiceState.RUNNING) {
                reload = true;
            }
        }
        if (changed) {
            show();
        }
        if (reload) {
            reload();
        }
    }

    private boolean apply(DhcpExchange exchange) {
        if (exchange.reply() == DhcpMessage.ACK && exchange.leaseExpires() != null) {
            byMac.put(exchange.mac(), new LeaseRow(exchange.mac(), exchange.address(), exchange.hostname(),
                    exchange.arch(), exchange.leaseExpires()));
            return true;
        }
        if (exchange.request() == DhcpMessage.RELEASE || exchange.request() == DhcpMessage.DECLINE) {
            return byMac.remove(exchange.mac()) != null;
        }
        return false;
    }

    /** Reads the leases from the service again, keeping the architectures the events told. */
    public void reload() {
        if (service == null || service.mode() != DhcpMode.FULL) {
            return;
        }
        tasks.run("read the DHCP leases", service::leases, this::replace, failure -> { });
    }

    private void replace(List<Lease> leases) {
        Map<String, LeaseRow> before = new LinkedHashMap<>(byMac);
        byMac.clear();
        for (Lease lease : leases) {
            LeaseRow known = before.get(lease.mac());
            byMac.put(lease.mac(), new LeaseRow(lease.mac(), lease.address(), lease.hostname(),
                    known == null ? null : known.arch(), lease.expires()));
        }
        show();
    }

    private void show() {
        rows.setAll(byMac.values().stream().sorted(BY_ADDRESS).toList());
        updateSummary();
    }

    private void updateSummary() {
        summary.set(rows.size() == 1 ? "1 lease" : rows.size() + " leases");
    }

    /** Sorts 10.0.0.9 before 10.0.0.10. */
    private static long addressKey(LeaseRow row) {
        long key = 0;
        for (String part : row.address().split("\\.")) {
            key = key << 8 | Integer.parseInt(part);
        }
        return key;
    }

    /** The rows, by address; read-only. */
    public ObservableList<LeaseRow> rows() {
        return rowsView;
    }

    /** What the empty table says. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** {@code 3 leases}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
