package io.lpmos.console.fetches;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.tasks.SameThreadTasks;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.mirror.FetchService;
import io.lpmos.engine.mirror.FetchTuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fetches view's state without a stage: profiles imported from files, a fetch from a real local
 * site followed through the engine's events, mismatch, cancel and retry (which resumes).
 */
class FetchesViewModelTest {
    private static final int SIZE = 2 * 1024 * 1024;

    @TempDir
    Path root;

    @TempDir
    Path upstreamTree;

    @TempDir
    Path elsewhere;

    private final EventBus bus = new EventBus();
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Path> chosen = new ArrayList<>();
    private final List<EngineEvent> seen = new ArrayList<>();
    private EventBus.Subscription recorder;
    private FetchService service;
    private FetchesViewModel model;
    private Upstream upstream;

    @BeforeEach
    void start() {
        recorder = bus.subscribe("test", 100_000, events::add);
        service = new FetchService(bus, executor, FetchTuning.DEFAULTS);
        model = new FetchesViewModel(service, root, new SameThreadTasks(), () -> List.copyOf(chosen));
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
        recorder.close();
        executor.shutdownNow();
        if (upstream != null) {
            upstream.close();
        }
    }

    /** Hands the events published so far to the ViewModel, as the FX adapter would, until {@code done} holds. */
    private void pump(Predicate<FetchRow> done, FetchRow row) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            recorder.awaitDrained(2000);
            List<EngineEvent> batch = new ArrayList<>(events);
            events.removeAll(batch);
            seen.addAll(batch);
            model.onEvents(batch);
            if (done.test(row)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("row stayed " + row.phaseProperty().get() + ": " + row.detailProperty().get());
    }

    private Path profileFile(String name, String json) throws Exception {
        Path file = elsewhere.resolve(name + ".json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void importedProfilesAreListedAndAFileThatDoesNotReadIsNamed() throws Exception {
        model.load();
        assertThat(model.rows()).isEmpty();
        assertThat(service.state().label()).isEqualTo("running");
        Path good = profileFile("good", Upstream.profile("good", "0".repeat(64), 10, java.net.URI.create("https://a/")));
        Path cbsd = elsewhere.resolve("vm-linux-Custom.conf");
        Files.writeString(cbsd, "vm_profile=\"Custom\"\niso_site=\"https://a/ \\\nhttps://b/\n\"\niso_img=\"c.iso\"\n"
                + "sha256sum=\"0\"\n[ -x /bin/true ] && rm -rf /\n");
        Path broken = elsewhere.resolve("vm-broken.conf");
        Files.writeString(broken, "iso_site=\"never closed\n");
        chosen.addAll(List.of(good, cbsd, broken));

        model.chooseAndImport();

        assertThat(model.rows()).extracting(r -> r.profileProperty().get().profile().name())
                .containsExactly("good", "Custom");
        assertThat(model.rows().get(1).detailProperty().get()).contains("1 line of vm-linux-Custom.conf left out");
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Not imported: vm-broken.conf line 1:");
        assertThat(root.resolve("profiles/vm-broken.conf")).doesNotExist();
        assertThat(Files.readString(root.resolve("profiles/vm-linux-Custom.conf"))).isEqualTo(Files.readString(cbsd));
    }

    @Test
    void aFetchGoesFromQueuedToVerifiedWithRankedMirrorsAndTheFileInPlace() throws Exception {
        upstream = new Upstream(upstreamTree, 0);
        String sum = upstream.put("a", "disc1.iso", SIZE);
        upstream.put("b", "disc1.iso", SIZE);
        model.load();
        model.importFiles(List.of(profileFile("debian", Upstream.profile("debian", sum, SIZE, upstream.site("a"),
                upstream.site("b")))));
        FetchRow row = model.rows().get(0);
        assertThat(row.checksumProperty().get()).isEqualTo(ChecksumStatus.PENDING);

        model.fetch(row);
        assertThat(row.phaseProperty().get()).isEqualTo(FetchPhase.QUEUED);
        pump(r -> r.phaseProperty().get() == FetchPhase.PLACED, row);

        assertThat(row.checksumProperty().get()).isEqualTo(ChecksumStatus.VERIFIED);
        assertThat(row.progressProperty().get()).isEqualTo(1.0);
        assertThat(row.detailProperty().get()).startsWith("verified sha256 " + sum.substring(0, 16));
        assertThat(row.mirrors()).hasSize(2).allSatisfy(m -> {
            assertThat(m.rank()).isPositive();
            assertThat(m.speed()).endsWith("/s");
        });
        assertThat(root.resolve("static/iso/debian.iso")).hasSize(SIZE);
    }

    @Test
    void aMismatchShowsAndTheFetchFailsWithNothingPlaced() throws Exception {
        upstream = new Upstream(upstreamTree, 0);
        upstream.put("a", "disc1.iso", SIZE);
        model.load();
        model.importFiles(List.of(profileFile("wrong", Upstream.profile("wrong", "ab".repeat(32), SIZE,
                upstream.site("a")))));
        FetchRow row = model.rows().get(0);

        model.fetch(row);
        pump(r -> r.phaseProperty().get() == FetchPhase.FAILED, row);

        assertThat(row.checksumProperty().get()).isEqualTo(ChecksumStatus.MISMATCH);
        assertThat(row.detailProperty().get()).contains("no source delivered a file matching the profile's sha256");
        assertThat(root.resolve("static/iso/wrong.iso")).doesNotExist();
    }

    @Test
    void cancelThenRetryResumesTheDownload() throws Exception {
        upstream = new Upstream(upstreamTree, 512 * 1024);
        String sum = upstream.put("a", "disc1.iso", SIZE);
        model.load();
        model.importFiles(List.of(profileFile("slow", Upstream.profile("slow", sum, SIZE, upstream.site("a")))));
        FetchRow row = model.rows().get(0);

        model.fetch(row);
        pump(r -> r.progressProperty().get() > 0.2, row);
        assertThat(row.phaseProperty().get()).isEqualTo(FetchPhase.DOWNLOADING);
        assertThat(row.detailProperty().get()).contains("MiB", "/s", "ETA", "from 127.0.0.1:");
        model.cancel(row);
        pump(r -> r.phaseProperty().get() == FetchPhase.CANCELLED, row);
        double cancelledAt = row.progressProperty().get();
        assertThat(root.resolve("static/iso/slow.iso.part")).exists();

        model.fetch(row);
        pump(r -> r.phaseProperty().get() == FetchPhase.PLACED, row);

        assertThat(row.checksumProperty().get()).isEqualTo(ChecksumStatus.VERIFIED);
        assertThat(cancelledAt).isGreaterThan(0.2);
        assertThat(seen).filteredOn(FetchEvent.Downloading.class::isInstance).map(FetchEvent.Downloading.class::cast)
                .anySatisfy(d -> assertThat(d.resumedFrom()).isPositive());
        assertThat(root.resolve("static/iso/slow.iso")).hasSize(SIZE);
    }
}
