package io.lpmos.console.transfers;

import io.lpmos.engine.net.ByteSize;
import java.time.Duration;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One TFTP transfer as the Transfers tab shows it: running with its progress, or ended with its
 * outcome. Updated by {@link TransfersViewModel} only; confined to the FX thread.
 */
public final class TransferRow {
    private final long id;
    private final String client;
    private final String file;
    private final ReadOnlyLongWrapper bytes = new ReadOnlyLongWrapper(this, "bytes");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper(this, "speed", "");
    private final ReadOnlyObjectWrapper<TransferState> state = new ReadOnlyObjectWrapper<>(this, "state",
            TransferState.RUNNING);
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "running");
    private final ReadOnlyStringWrapper options = new ReadOnlyStringWrapper(this, "options", "");
    private long size = -1;

    TransferRow(long id, String client, String file) {
        this.id = id;
        this.client = client;
        this.file = file;
    }

    /** A running transfer moved on: {@code size} is -1 when unknown (netascii). */
    void progressed(long acknowledged, long fileSize, Duration elapsed) {
        size = fileSize;
        bytes.set(acknowledged);
        progress.set(fileSize > 0 ? Math.min(1.0, (double) acknowledged / fileSize) : -1);
        speed.set(speedOf(acknowledged, elapsed));
    }

    /** The transfer ended. */
    void ended(TransferState how, String outcomeText, String optionsText, long acknowledged, long fileSize,
               Duration duration) {
        size = fileSize;
        bytes.set(acknowledged);
        if (how == TransferState.COMPLETE) {
            progress.set(1.0);
        } else if (progress.get() >= 0 && fileSize > 0) {
            progress.set(Math.min(1.0, (double) acknowledged / fileSize));
        }
        speed.set(acknowledged > 0 ? speedOf(acknowledged, duration) : "");
        options.set(optionsText);
        outcome.set(outcomeText);
        state.set(how);
    }

    /** "12.3 MiB/s"; empty before a measurable time has passed. */
    static String speedOf(long bytes, Duration elapsed) {
        long nanos = elapsed.toNanos();
        if (nanos <= 0) {
            return "";
        }
        return ByteSize.format((long) (bytes * 1e9 / nanos)) + "/s";
    }

    public long id() {
        return id;
    }

    public String client() {
        return client;
    }

    public String file() {
        return file;
    }

    /** The file's size in bytes; -1 while unknown. */
    public long size() {
        return size;
    }

    public ReadOnlyLongProperty bytesProperty() {
        return bytes.getReadOnlyProperty();
    }

    /** 0..1 for a transfer whose progress was reported (a large file); -1 for one that never was. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TransferState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "running", "complete", "error 1: File not found", "aborted 8: client sent error 8: …", "timed out". */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The agreed options, e.g. "blksize=1468 windowsize=4 tsize". */
    public ReadOnlyStringProperty optionsProperty() {
        return options.getReadOnlyProperty();
    }
}
