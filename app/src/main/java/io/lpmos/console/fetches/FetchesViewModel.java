package io.lpmos.console.fetches;

import io.lpmos.console.tasks.BackgroundTasks;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.mirror.FetchHandle;
import io.lpmos.engine.mirror.FetchProfiles;
import io.lpmos.engine.mirror.FetchRequest;
import io.lpmos.engine.mirror.FetchService;
import io.lpmos.engine.mirror.FetchWording;
import io.lpmos.engine.mirror.ProfileException;
import io.lpmos.engine.net.IoFailures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Fetches view's state (SPEC §7, §10): the profiles in {@code <root>/profiles} (JSON, YAML and
 * imported CBSD {@code vm-*.conf} files), each with the state of its latest fetch, which follows the
 * engine's {@link FetchEvent}s as the FX adapter hands them over. Starting the fetch service, reading
 * and importing profiles run through the injected {@link BackgroundTasks}. Never touches a control;
 * confined to the FX thread.
 */
public final class FetchesViewModel {
    private final FetchService service;
    private final Path root;
    private final BackgroundTasks tasks;
    private final FetchDialogs dialogs;
    private final ObservableList<FetchRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<FetchRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty(this, "messageIsError");
    private final Map<Long, FetchRow> byFetch = new HashMap<>();

    /** What an import did: the copies that read, and a sentence for each file that did not. */
    private record Imported(List<FetchProfiles.Loaded> loaded, List<String> problems) {
    }

    /** @param root the boot tree root: profiles are read from its {@code profiles} folder, files fetched under it */
    public FetchesViewModel(FetchService service, Path root, BackgroundTasks tasks, FetchDialogs dialogs) {
        this.service = service;
        this.root = root;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** Starts the fetch service and reads the profiles, in the background. */
    public void load() {
        tasks.run("start the fetch service", () -> {
            service.start();
            return FetchProfiles.list(profilesFolder());
        }, this::show, failure -> say("Fetches are not available: " + failure.getMessage(), true));
    }

    /** Reads the profiles folder again. */
    public void refresh() {
        tasks.run("read the fetch profiles", () -> FetchProfiles.list(profilesFolder()), this::show,
                failure -> say("Cannot read " + profilesFolder() + ": " + IoFailures.describe(failure), true));
    }

    /** Asks for profile files and imports them. */
    public void chooseAndImport() {
        List<Path> chosen = dialogs.chooseProfiles();
        if (!chosen.isEmpty()) {
            importFiles(chosen);
        }
    }

    /**
     * Copies profile files (dropped or chosen) into the profiles folder, each only if it reads; CBSD
     * files are read, never run, and never changed.
     */
    public void importFiles(List<Path> files) {
        tasks.run("import fetch profiles", () -> {
            List<FetchProfiles.Loaded> loaded = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Path file : files) {
                try {
                    loaded.add(FetchProfiles.importInto(file, profilesFolder()));
                } catch (ProfileException e) {
                    problems.add(e.getMessage());
                }
            }
            return new Imported(loaded, problems);
        }, imported -> {
            refresh();
            if (imported.problems().isEmpty()) {
                say("Imported " + imported.loaded().size() + " profile" + (imported.loaded().size() == 1 ? "" : "s")
                        + " into " + profilesFolder(), false);
            } else {
                say("Not imported: " + String.join("; ", imported.problems()), true);
            }
        }, failure -> say("Cannot import into " + profilesFolder() + ": " + IoFailures.describe(failure), true));
    }

    /** Fetches the row's profile into the boot tree; does nothing while it is already being fetched. */
    public void fetch(FetchRow row) {
        if (row.phaseProperty().get().active()) {
            return;
        }
        FetchHandle handle;
        try {
            handle = service.submit(FetchRequest.of(row.profileProperty().get().profile(), root));
        } catch (IllegalStateException e) {
            say(e.getMessage(), true);
            return;
        }
        if (row.handle() != null) {
            byFetch.remove(row.handle().subject().fetchId());
        }
        row.handle(handle);
        byFetch.put(handle.subject().fetchId(), row);
        row.phase(FetchPhase.QUEUED);
        row.checksum(ChecksumStatus.PENDING);
        row.progress(0);
        row.detail("→ " + handle.subject().target());
        row.mirrors().clear();
    }

    /** Cancels the row's fetch; its {@code .part} stays, so fetching again resumes. */
    public void cancel(FetchRow row) {
        if (row.handle() != null && row.phaseProperty().get().active()) {
            row.handle().cancel();
        }
    }

    /** Applies the fetch events of one batch from the FX adapter. */
    public void onEvents(List<EngineEvent> events) {
        for (EngineEvent event : events) {
            if (event instanceof FetchEvent fetch) {
                FetchRow row = byFetch.get(fetch.subject().fetchId());
                if (row != null) {
                    apply(row, fetch);
                }
            }
        }
    }

    private void apply(FetchRow row, FetchEvent event) {
        if (event instanceof FetchEvent.Waiting waiting) {
            row.phase(FetchPhase.WAITING);
            row.detail(waiting.reason());
        } else if (event instanceof FetchEvent.Ranking ranking) {
            row.phase(FetchPhase.RANKING);
            row.progress(-1);
            row.detail("measuring " + ranking.sources() + " sources at once");
        } else if (event instanceof FetchEvent.Ranked ranked) {
            List<MirrorRow> ordered = new ArrayList<>();
            int rank = 0;
            for (FetchEvent.SourceSpeed speed : ranked.order()) {
                ordered.add(speed.usable()
                        ? new MirrorRow(++rank, speed.source().toString(), FetchWording.rate(speed.bytesPerSecond()),
                        speed.rangeSupported() ? "" : "ignores Range: cannot resume")
                        : new MirrorRow(0, speed.source().toString(), "", "dropped: " + speed.problem()));
            }
            row.mirrors().setAll(ordered);
        } else if (event instanceof FetchEvent.Downloading downloading) {
            row.phase(FetchPhase.DOWNLOADING);
            row.progress(downloading.total() > 0 ? (double) downloading.bytes() / downloading.total() : -1);
            row.detail(FetchWording.transfer(downloading));
        } else if (event instanceof FetchEvent.Verifying) {
            row.phase(FetchPhase.VERIFYING);
            row.checksum(ChecksumStatus.VERIFYING);
        } else if (event instanceof FetchEvent.Unpacking unpacking) {
            row.phase(FetchPhase.UNPACKING);
            row.detail("unpacking " + unpacking.packed().getFileName());
        } else if (event instanceof FetchEvent.Mismatch mismatch) {
            row.checksum(ChecksumStatus.MISMATCH);
            row.detail("sha256 mismatch from " + mismatch.source().getHost() + ": nothing kept, trying the next source");
        } else if (event instanceof FetchEvent.Verified verified) {
            row.phase(FetchPhase.PLACED);
            row.checksum(ChecksumStatus.VERIFIED);
            row.progress(1);
            row.detail("verified sha256 " + verified.sha256().substring(0, 16) + "… → " + verified.subject().target()
                    + (verified.source() == null ? " (already in place)" : ""));
        } else if (event instanceof FetchEvent.Skipped skipped) {
            row.phase(FetchPhase.PLACED);
            row.checksum(ChecksumStatus.SKIPPED);
            row.progress(1);
            row.detail("placed without a check: " + skipped.reason());
        } else if (event instanceof FetchEvent.Failed failed) {
            row.phase(failed.cancelled() ? FetchPhase.CANCELLED : FetchPhase.FAILED);
            if (row.checksumProperty().get() == ChecksumStatus.VERIFYING) {
                row.checksum(ChecksumStatus.PENDING);
            }
            if (!failed.cancelled()) {
                row.progress(0);
            }
            row.detail(failed.reason() + (failed.outcomes().isEmpty() ? "" : " — " + String.join("; ", failed.outcomes())));
        }
    }

    private void show(FetchProfiles.Listing listing) {
        Map<Path, FetchRow> existing = new HashMap<>();
        rows.forEach(row -> existing.put(row.profileProperty().get().file(), row));
        List<FetchRow> next = new ArrayList<>();
        for (FetchProfiles.Loaded loaded : listing.profiles()) {
            FetchRow row = existing.get(loaded.file());
            if (row == null) {
                row = new FetchRow(loaded);
            } else {
                row.profile(loaded);
            }
            next.add(row);
        }
        FetchRow before = selected.get();
        rows.setAll(next);
        selected.set(next.contains(before) ? before : null);
        if (!listing.problems().isEmpty()) {
            say(listing.problems().size() + " profile file" + (listing.problems().size() == 1 ? "" : "s")
                    + " could not be read: " + listing.problems().get(0).message(), true);
        }
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    public Path profilesFolder() {
        return FetchProfiles.folderOf(root);
    }

    public ObservableList<FetchRow> rows() {
        return rows;
    }

    /** The row the operator selected; the buttons and the mirrors table follow it. */
    public ObjectProperty<FetchRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError;
    }
}
