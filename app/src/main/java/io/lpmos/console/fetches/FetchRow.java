package io.lpmos.console.fetches;

import io.lpmos.engine.mirror.FetchHandle;
import io.lpmos.engine.mirror.FetchProfiles;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One profile in the Fetches view and the state of its latest fetch: phase, checksum status,
 * progress (0..1, or -1 while unknown), a detail line (bytes, speed, ETA, mirror; or the outcome) and
 * the ranked sources. Written by {@link FetchesViewModel} only; confined to the FX thread.
 */
public final class FetchRow {
    private final ObjectProperty<FetchProfiles.Loaded> profile = new SimpleObjectProperty<>(this, "profile");
    private final ObjectProperty<FetchPhase> phase = new SimpleObjectProperty<>(this, "phase", FetchPhase.IDLE);
    private final ObjectProperty<ChecksumStatus> checksum = new SimpleObjectProperty<>(this, "checksum",
            ChecksumStatus.PENDING);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty detail = new SimpleStringProperty(this, "detail", "");
    private final ObservableList<MirrorRow> mirrors = FXCollections.observableArrayList();
    private FetchHandle handle;

    FetchRow(FetchProfiles.Loaded loaded) {
        profile.set(loaded);
        detail.set(notesOf(loaded));
    }

    private static String notesOf(FetchProfiles.Loaded loaded) {
        int notes = loaded.profile().notes().size();
        return notes == 0 ? "" : notes + " line" + (notes == 1 ? "" : "s") + " of " + loaded.file().getFileName()
                + " left out when importing (see the tooltip)";
    }

    public ReadOnlyObjectProperty<FetchProfiles.Loaded> profileProperty() {
        return profile;
    }

    public ReadOnlyObjectProperty<FetchPhase> phaseProperty() {
        return phase;
    }

    public ReadOnlyObjectProperty<ChecksumStatus> checksumProperty() {
        return checksum;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail;
    }

    /** The sources of the latest fetch as ranked, fastest first. */
    public ObservableList<MirrorRow> mirrors() {
        return mirrors;
    }

    FetchHandle handle() {
        return handle;
    }

    void handle(FetchHandle value) {
        handle = value;
    }

    void profile(FetchProfiles.Loaded value) {
        profile.set(value);
    }

    void phase(FetchPhase value) {
        phase.set(value);
    }

    void checksum(ChecksumStatus value) {
        checksum.set(value);
    }

    void progress(double value) {
        progress.set(value);
    }

    void detail(String value) {
        detail.set(value);
    }
}
