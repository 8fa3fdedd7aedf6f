package io.lpmos.console.transfers;

import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.TftpProgress;
import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.tftp.TftpLogFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Transfers tab: one row per TFTP transfer, newest first — running ones with a progress bar
 * (from {@link TftpProgress}, which the engine sends for transfers that run longer than a moment),
 * ended ones with their outcome — and one line per client with its counts. Keeps the newest
 * {@value #MAX_ROWS} rows. Carries over when the console installs a new engine
 * ({@link #engineReplaced()}). Confined to the FX thread; no engine access.
 */
public final class TransfersViewModel {
    public static final int MAX_ROWS = 1000;

    private final ObservableList<TransferRow> rows = FXCollections.observableArrayList();
    private final ObservableList<TransferRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<ClientTransfers> clients = FXCollections.observableArrayList();
    private final ObservableList<ClientTransfers> clientsView = FXCollections.unmodifiableObservableList(clients);
    private final Map<Long, TransferRow> running = new HashMap<>();
    private final Map<String, ClientTransfers> byClient = new LinkedHashMap<>();
    private final ReadOnlyIntegerWrapper active = new ReadOnlyIntegerWrapper(this, "active");

    /** Applies the TFTP events of one batch; other events are ignored. Called on the FX thread. */
    public void onEvents(List<EngineEvent> events) {
        for (EngineEvent event : events) {
            if (event instanceof TftpProgress progress) {
                TransferRow row = running.computeIfAbsent(progress.id(),
                        id -> add(new TransferRow(id, progress.client(), progress.file())));
                row.progressed(progress.bytes(), progress.size(), progress.elapsed());
            } else if (event instanceof TftpTransfer transfer) {
                TransferRow row = running.remove(transfer.id());
                if (row == null) {
                    row = add(new TransferRow(transfer.id(), transfer.client(), transfer.file()));
                }
                TransferState state = TransferState.of(transfer.outcome());
                String outcome = TftpLogFormat.outcome(transfer)
                        + (transfer.detail().isEmpty() ? "" : ": " + transfer.detail());
                row.ended(state, outcome, transfer.options().describe(), transfer.bytes(), transfer.size(),
                        transfer.duration());
                ClientTransfers client = byClient.computeIfAbsent(transfer.client(), name -> {
                    ClientTransfers created = new ClientTransfers(name);
                    clients.add(created);
                    return created;
                });
                client.count(state, transfer.bytes());
            }
        }
        active.set(running.size());
    }

    private TransferRow add(TransferRow row) {
        rows.add(0, row);
        if (rows.size() > MAX_ROWS) {
            for (int i = rows.size() - 1; i >= 0 && rows.size() > MAX_ROWS; i--) {
                TransferRow oldest = rows.get(i);
                if (oldest.stateProperty().get() != TransferState.RUNNING) {
                    rows.remove(i);
                }
            }
        }
        return row;
    }

    /**
     * The console replaced its engine (new settings, another interface): transfers still shown as
     * running will never report again and are marked as ended by the restart.
     */
    public void engineReplaced() {
        for (TransferRow row : running.values()) {
            row.ended(TransferState.ABORTED, "stopped: the PXE services were restarted", "",
                    row.bytesProperty().get(), row.size(), Duration.ZERO);
        }
        running.clear();
        active.set(0);
    }

    /** Newest first; read-only. */
    public ObservableList<TransferRow> rows() {
        return rowsView;
    }

    /** One entry per client, in the order they were first seen; read-only. */
    public ObservableList<ClientTransfers> clients() {
        return clientsView;
    }

    /** Transfers running now (as far as their progress was reported). */
    public ReadOnlyIntegerProperty activeProperty() {
        return active.getReadOnlyProperty();
    }
}
