package io.lpmos.console.boottree;

import io.lpmos.engine.net.ByteSize;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One dropped entry in the copy list: its progress while it runs, then its SHA-256 or why it ended.
 * Confined to the FX thread; the copy itself advances the thread-safe {@link CopyProgress}, which
 * {@link #poll()} reads at the window's pace.
 */
public final class CopyEntry {
    /** Where a copy is. */
    public enum State { RUNNING, DONE, SKIPPED, CANCELLED, FAILED }

    private final String name;
    private final Path targetFolder;
    private final CopyProgress progress = new CopyProgress();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.RUNNING);
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", -1);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "measuring…");
    private final ReadOnlyStringWrapper sha256 = new ReadOnlyStringWrapper(this, "sha256");
    private final ReadOnlyObjectWrapper<Path> target = new ReadOnlyObjectWrapper<>(this, "target");

    CopyEntry(String name, Path targetFolder) {
        this.name = name;
        this.targetFolder = targetFolder;
    }

    /** Reads the copy's progress into the properties; does nothing once it has ended. */
    public void poll() {
        if (state.get() != State.RUNNING) {
            return;
        }
        fraction.set(progress.fraction());
        long total = progress.total();
        if (total >= 0) {
            detail.set(ByteSize.format(progress.copied()) + " of " + ByteSize.format(total));
        }
    }

    /** Asks a running copy to stop; it then removes its partial copy. */
    public void cancel() {
        if (state.get() == State.RUNNING) {
            progress.cancel();
            detail.set("cancelling…");
        }
    }

    void finished(CopyResult result) {
        target.set(result.target());
        fraction.set(1);
        if (result.outcome() == CopyResult.Outcome.SKIPPED) {
            state.set(State.SKIPPED);
            detail.set("skipped: " + result.target().getFileName() + " already exists");
            return;
        }
        sha256.set(result.sha256());
        String where = result.target().getFileName().toString();
        String verb = result.outcome() == CopyResult.Outcome.REPLACED ? "replaced " : "copied to ";
        detail.set(result.sha256() != null ? "sha256 " + result.sha256()
                : verb + where + " · " + result.files() + " files · " + ByteSize.format(result.bytes()));
        state.set(State.DONE);
    }

    void failed(Exception cause) {
        if (cause instanceof CopyCancelledException) {
            state.set(State.CANCELLED);
            detail.set("cancelled; nothing was left behind");
        } else {
            state.set(State.FAILED);
            detail.set("failed: " + BootTreeViewModel.describe(cause));
        }
    }

    CopyProgress progress() {
        return progress;
    }

    /** The dropped entry's name. */
    public String name() {
        return name;
    }

    /** The folder it is copied into. */
    public Path targetFolder() {
        return targetFolder;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Fraction copied in [0, 1], or -1 while the size is being measured. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    /** Bytes copied while running; the SHA-256 (files) or a summary (folders) when done; else why it ended. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The copied file's lowercase hex SHA-256, once done; null for folders and until then. */
    public ReadOnlyStringProperty sha256Property() {
        return sha256.getReadOnlyProperty();
    }

    /** Where the copy ended up (its name may differ after "keep both"), once done. */
    public ReadOnlyObjectProperty<Path> targetProperty() {
        return target.getReadOnlyProperty();
    }
}
