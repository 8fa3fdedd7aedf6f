package io.lpmos.engine.mirror;

import static io.lpmos.engine.mirror.FetchFixture.partOf;
import static io.lpmos.engine.mirror.FetchFixture.profile;
import static io.lpmos.engine.mirror.FetchFixture.randomBytes;
import static io.lpmos.engine.mirror.FetchFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.testing.ExternalCommand;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The fetch service against real local HTTP servers acting as official sites and mirrors: what ends
 * up in the boot tree, which events tell it, and what the servers were asked for.
 */
class FetchServiceTest {
    private static final int SIZE = 3 * 1024 * 1024;

    @TempDir
    Path root;

    private TestMirrors mirrors;
    private FetchFixture fetches;
    private final byte[] content = randomBytes(SIZE, 7);

    @BeforeEach
    void servers() throws Exception {
        mirrors = new TestMirrors();
        mirrors.put("disc1.iso", content);
        fetches = new FetchFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fetches.close();
        mirrors.close();
    }

    private Path target(String name) {
        return root.resolve("static/iso").resolve(name);
    }

    @Test
    void fetchesFromTheFastestSourceVerifiesAndPlacesTheFileWithNothingLeftOver() throws Exception {
        mirrors.mirror("official").throttle(300 * 1024);
        mirrors.mirror("fast");
        mirrors.mirror("slow").throttle(100 * 1024);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("official")),
                List.of(mirrors.base("slow"), mirrors.base("fast")));

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Verified.class);
        FetchEvent.Verified verified = (FetchEvent.Verified) last;
        assertThat(verified.source()).isEqualTo(profile.urlOn(mirrors.base("fast")));
        assertThat(verified.sha256()).isEqualTo(sha256(content));
        assertThat(Files.readAllBytes(target("disc1.iso"))).isEqualTo(content);
        try (var left = Files.list(target("disc1.iso").getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("disc1.iso",
                    ".disc1.iso.lock");
        }
        List<FetchEvent> events = fetches.eventsOf(last.subject().fetchId());
        assertThat(events).first().isInstanceOf(FetchEvent.Queued.class);
        assertThat(events).filteredOn(FetchEvent.MirrorMeasured.class::isInstance).hasSize(3);
        FetchEvent.Ranked ranked = events.stream().filter(FetchEvent.Ranked.class::isInstance)
                .map(FetchEvent.Ranked.class::cast).findFirst().orElseThrow();
        assertThat(ranked.order()).extracting(FetchEvent.SourceSpeed::source)
                .containsExactly(mirrors.base("fast"), mirrors.base("official"), mirrors.base("slow"));
        assertThat(events).filteredOn(FetchEvent.Downloading.class::isInstance).isNotEmpty()
                .allSatisfy(e -> assertThat(((FetchEvent.Downloading) e).total()).isEqualTo(SIZE));
        assertThat(events).filteredOn(FetchEvent.Verifying.class::isInstance).hasSize(1);
        assertThat(mirrors.servedBy("fast")).filteredOn(s -> !s.ranged()).hasSize(1);
    }

    @Test
    void aCorruptedMirrorNeverLeavesAFileInPlaceAndTheNextSourceIsUsed() throws Exception {
        mirrors.mirror("corrupt").corrupt();
        mirrors.mirror("good").throttle(2 * 1024 * 1024);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("good")),
                List.of(mirrors.base("corrupt")));
        Path target = target("disc1.iso");
        // the bus delivers on its own thread, so by the time the watcher sees the mismatch the next source
        // may already have begun a new .part: only the target itself must be absent then
        AtomicBoolean placedAtMismatch = new AtomicBoolean();
        fetches.bus.subscribe("mismatch-watch", 1000, event -> {
            if (event instanceof FetchEvent.Mismatch) {
                placedAtMismatch.set(Files.exists(target));
            }
        });

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Verified.class);
        assertThat(((FetchEvent.Verified) last).source()).isEqualTo(profile.urlOn(mirrors.base("good")));
        List<FetchEvent.Mismatch> mismatches = fetches.eventsOf(FetchEvent.Mismatch.class);
        assertThat(mismatches).singleElement().satisfies(m -> {
            assertThat(m.source()).isEqualTo(profile.urlOn(mirrors.base("corrupt")));
            assertThat(m.actual()).isNotEqualTo(m.expected());
        });
        assertThat(placedAtMismatch).isFalse();
        // the corrupt bytes were thrown away, not resumed from: the good source sent the file from its start
        assertThat(mirrors.servedBy("good")).isNotEmpty().allSatisfy(served -> assertThat(served.from()).isZero());
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(partOf(target)).doesNotExist();
    }

    @Test
    void whenEverySourceIsCorruptNothingIsPlacedAndTheFailureNamesEachSource() throws Exception {
        mirrors.mirror("bad1").corrupt();
        mirrors.mirror("bad2").corrupt();
        mirrors.mirror("gone").answering(404);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("bad1")),
                List.of(mirrors.base("bad2"), mirrors.base("gone")));

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Failed.class);
        FetchEvent.Failed failed = (FetchEvent.Failed) last;
        assertThat(failed.cancelled()).isFalse();
        assertThat(failed.reason()).contains("sha256");
        assertThat(failed.outcomes()).anyMatch(o -> o.startsWith(mirrors.base("bad1") + ": ") && o.contains("sha256"))
                .anyMatch(o -> o.startsWith(mirrors.base("bad2") + ": ") && o.contains("sha256"))
                .anyMatch(o -> o.startsWith(mirrors.base("gone") + ": ") && o.contains("404"));
        assertThat(target("disc1.iso")).doesNotExist();
        assertThat(partOf(target("disc1.iso"))).doesNotExist();
    }

    @Test
    void sha256ZeroSkipsTheCheckAndSaysSo() throws Exception {
        mirrors.mirror("official");
        FetchProfile profile = new FetchProfile("netboot", "static/iso", "disc1.iso", "disc1.iso",
                List.of(mirrors.base("official")), List.of(), null, true, 11034165248L, Compression.NONE, List.of());

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Skipped.class);
        assertThat(((FetchEvent.Skipped) last).reason()).contains("checking is off");
        assertThat(Files.readAllBytes(target("disc1.iso"))).isEqualTo(content);
        assertThat(fetches.eventsOf(FetchEvent.Verifying.class)).hasSize(1);
    }

    @Test
    void theGlobalSkipSwitchSkipsAProfileThatHasASum() throws Exception {
        mirrors.mirror("official").corrupt();
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("official")), List.of());

        FetchEvent last = fetches.fetch(new FetchRequest(profile, root, null, false, false, true, OrderPolicy.LIST, null));

        assertThat(last).isInstanceOf(FetchEvent.Skipped.class);
        assertThat(target("disc1.iso")).exists();
    }

    @Test
    void withoutAChecksumOnlyTheOfficialSitesAreUsed() throws Exception {
        mirrors.mirror("official").throttle(1024 * 1024);
        mirrors.mirror("mirror");
        FetchProfile profile = new FetchProfile("no-sum", "static/iso", "disc1.iso", "disc1.iso",
                List.of(mirrors.base("official")), List.of(mirrors.base("mirror")), null, false, -1, Compression.NONE,
                List.of());

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Skipped.class);
        assertThat(((FetchEvent.Skipped) last).reason()).contains("official site only");
        assertThat(mirrors.mirror("mirror").gets).hasValue(0);
        assertThat(Files.readAllBytes(target("disc1.iso"))).isEqualTo(content);
    }

    @Test
    void anInterruptedDownloadResumesWhereItStoppedWithoutFetchingAnyByteTwice() throws Exception {
        mirrors.mirror("only").droppingAt(SIZE * 2L / 5, 1);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("only")), List.of());

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Verified.class);
        assertThat(Files.readAllBytes(target("disc1.iso"))).isEqualTo(content);
        List<TestMirrors.Served> served = mirrors.servedBy("only");
        assertThat(served).hasSize(2);
        assertThat(served.get(0).from()).isZero();
        assertThat(served.get(1).ranged()).isTrue();
        assertThat(served.get(1).from()).isEqualTo(served.get(0).sent().get()).isPositive();
        assertThat(mirrors.bytesSent()).isEqualTo(SIZE);
        assertThat(fetches.eventsOf(FetchEvent.Downloading.class)).anyMatch(d -> d.resumedFrom() == served.get(1).from());
    }

    @Test
    void aCancelledFetchKeepsItsPartAndALaterServiceResumesIt() throws Exception {
        TestMirrors.Mirror only = mirrors.mirror("only");
        CountDownLatch firstRequestHeld = new CountDownLatch(1);
        only.pause = firstRequestHeld;
        only.pauseAt = SIZE / 2;
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("only")), List.of());
        Path part = partOf(target("disc1.iso"));

        FetchHandle first = fetches.service.submit(FetchRequest.of(profile, root));
        awaitSize(part, SIZE / 2);
        first.cancel();
        FetchEvent cancelled = first.result().get(20, TimeUnit.SECONDS);
        only.pause = null;

        assertThat(cancelled).isInstanceOfSatisfying(FetchEvent.Failed.class, f -> assertThat(f.cancelled()).isTrue());
        assertThat(part).hasSize(SIZE / 2);
        assertThat(PartSidecar.of(part)).exists();
        assertThat(target("disc1.iso")).doesNotExist();

        try (FetchFixture restarted = new FetchFixture()) {
            FetchEvent last = restarted.fetch(FetchRequest.of(profile, root));
            assertThat(last).isInstanceOf(FetchEvent.Verified.class);
        }
        assertThat(Files.readAllBytes(target("disc1.iso"))).isEqualTo(content);
        List<TestMirrors.Served> served = mirrors.servedBy("only");
        assertThat(served).hasSize(2);
        assertThat(served.get(1).from()).isEqualTo(SIZE / 2);
        assertThat(mirrors.bytesSent()).isEqualTo(SIZE);
        assertThat(part).doesNotExist();
        assertThat(PartSidecar.of(part)).doesNotExist();
        firstRequestHeld.countDown();
    }

    @Test
    void aServerThatIgnoresRangeStillDeliversTheWholeFileAfterAnInterruption() throws Exception {
        mirrors.mirror("plain").ignoringRange().droppingAt(SIZE / 3, 1);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("plain")), List.of());

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Verified.class);
        assertThat(Files.readAllBytes(target("disc1.iso"))).isEqualTo(content);
        assertThat(mirrors.servedBy("plain")).hasSize(2).allSatisfy(s -> assertThat(s.from()).isZero());
    }

    @Test
    void twoConcurrentFetchesOfOneFileDownloadItOnce() throws Exception {
        mirrors.mirror("only").throttle(3 * 1024 * 1024);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("only")), List.of());

        FetchHandle one = fetches.service.submit(FetchRequest.of(profile, root));
        FetchHandle two = fetches.service.submit(FetchRequest.of(profile, root));
        FetchEvent a = one.result().get(30, TimeUnit.SECONDS);
        FetchEvent b = two.result().get(30, TimeUnit.SECONDS);

        assertThat(List.of(a, b)).allMatch(FetchEvent.Verified.class::isInstance);
        assertThat(List.of(a, b)).extracting(e -> ((FetchEvent.Verified) e).source()).containsOnlyOnce((URI) null);
        assertThat(mirrors.servedBy("only")).hasSize(1);
        assertThat(mirrors.bytesSent()).isEqualTo(SIZE);
        assertThat(fetches.eventsOf(FetchEvent.Waiting.class)).hasSize(1);
    }

    @Test
    void aFileThatAlreadyVerifiesIsNotFetchedAgain() throws Exception {
        mirrors.mirror("only");
        Files.createDirectories(target("disc1.iso").getParent());
        Files.write(target("disc1.iso"), content);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("only")), List.of());

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOfSatisfying(FetchEvent.Verified.class, v -> assertThat(v.source()).isNull());
        assertThat(mirrors.served()).isEmpty();
    }

    @Test
    void deadErrorAndSilentSourcesAreDroppedWhenRankingAndTheGoodOneIsUsed() throws Exception {
        mirrors.mirror("good").throttle(4 * 1024 * 1024);
        mirrors.mirror("broken").answering(500);
        mirrors.mirror("silent").silent();
        URI dead = TestMirrors.deadBase();
        FetchProfile profile = profile("disc1.iso", content, List.of(dead, mirrors.base("broken")),
                List.of(mirrors.base("silent"), mirrors.base("good")));

        long start = System.nanoTime();
        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Verified.class);
        FetchEvent.Ranked ranked = fetches.eventsOf(FetchEvent.Ranked.class).get(0);
        assertThat(ranked.order().get(0).source()).isEqualTo(mirrors.base("good"));
        assertThat(ranked.order().subList(1, 4)).allSatisfy(s -> assertThat(s.usable()).isFalse());
        assertThat(ranked.order()).filteredOn(s -> s.source().equals(mirrors.base("broken")))
                .singleElement().satisfies(s -> assertThat(s.problem()).contains("500"));
        assertThat(ranked.order()).filteredOn(s -> s.source().equals(mirrors.base("silent")))
                .singleElement().satisfies(s -> assertThat(s.problem()).contains("no answer"));
        assertThat(ranked.order()).filteredOn(s -> s.source().equals(dead))
                .singleElement().satisfies(s -> assertThat(s.problem()).contains("cannot connect"));
        assertThat(ranked.took()).isLessThan(FetchFixture.TUNING.rankingBudget().plusMillis(700));
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aStalledSourceIsGivenUpByTheWatchdog() throws Exception {
        TestMirrors.Mirror stuck = mirrors.mirror("stuck");
        stuck.pause = new CountDownLatch(1);
        stuck.pauseAt = SIZE / 2;
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("stuck")), List.of());

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOfSatisfying(FetchEvent.Failed.class, f -> assertThat(f.outcomes())
                .anyMatch(o -> o.contains("stalled")));
        assertThat(target("disc1.iso")).doesNotExist();
        stuck.pause.countDown();
    }

    @Test
    void ownMirrorSecondTriesTheProjectMirrorRightAfterTheFastestFails() throws Exception {
        mirrors.mirror("fastbad").corrupt();
        mirrors.mirror("site2").throttle(1024 * 1024);
        mirrors.mirror("own").throttle(512 * 1024);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("fastbad"), mirrors.base("site2")),
                List.of(mirrors.base("own")));

        FetchEvent listOrder = fetches.fetch(FetchRequest.of(profile, root));
        Files.delete(target("disc1.iso"));
        FetchEvent ownSecond = fetches.fetch(new FetchRequest(profile, root, null, false, false, false,
                OrderPolicy.OWN_MIRROR_SECOND, null));

        assertThat(((FetchEvent.Verified) listOrder).source()).isEqualTo(profile.urlOn(mirrors.base("site2")));
        assertThat(((FetchEvent.Verified) ownSecond).source()).isEqualTo(profile.urlOn(mirrors.base("own")));
    }

    @Test
    void aPackedDownloadIsVerifiedAsDownloadedThenUnpacked() throws Exception {
        byte[] iso = randomBytes(512 * 1024, 11);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(packed, new LZMA2Options(1))) {
            xz.write(iso);
        }
        byte[] xzBytes = packed.toByteArray();
        mirrors.put("disc1.iso.xz", xzBytes);
        mirrors.mirror("official");
        FetchProfile profile = new FetchProfile("freebsd", "static/iso", "freebsd.iso", "disc1.iso.xz",
                List.of(mirrors.base("official")), List.of(), sha256(xzBytes), false, xzBytes.length, Compression.XZ,
                List.of());

        FetchEvent last = fetches.fetch(FetchRequest.of(profile, root));

        assertThat(last).isInstanceOf(FetchEvent.Verified.class);
        assertThat(last.subject().target()).isEqualTo(target("freebsd.iso"));
        assertThat(Files.readAllBytes(target("freebsd.iso"))).isEqualTo(iso);
        assertThat(Files.readAllBytes(target("freebsd.iso.xz"))).isEqualTo(xzBytes);
        assertThat(fetches.eventsOf(FetchEvent.Unpacking.class)).hasSize(1);

        FetchEvent keepName = fetches.fetch(new FetchRequest(profile, root, null, true, false, false, OrderPolicy.LIST,
                null));
        assertThat(keepName.subject().target()).isEqualTo(target("disc1.iso"));
        assertThat(Files.readAllBytes(target("disc1.iso"))).isEqualTo(iso);
        assertThat(target("disc1.iso.xz")).exists();
    }

    @Test
    void genSha256FetchesFromTheOfficialSiteAndWritesTheSumIntoAProfileCopy() throws Exception {
        mirrors.mirror("official");
        mirrors.mirror("mirror");
        FetchProfile profile = new FetchProfile("no-sum", "static/iso", "disc1.iso", "disc1.iso",
                List.of(mirrors.base("official")), List.of(mirrors.base("mirror")), null, false, -1, Compression.NONE,
                List.of());
        Path copy = root.resolve("no-sum.sha256.json");

        FetchEvent last = fetches.fetch(new FetchRequest(profile, root, null, false, true, false, OrderPolicy.LIST, copy));

        assertThat(last).isInstanceOf(FetchEvent.Skipped.class);
        assertThat(((FetchEvent.Skipped) last).reason()).contains(sha256(content), copy.toString());
        FetchProfile written = FetchProfiles.load(copy).profile();
        assertThat(written.sha256()).isEqualTo(sha256(content));
        assertThat(written.size()).isEqualTo(SIZE);
        assertThat(written.mirrors()).containsExactly(mirrors.base("mirror"));
        assertThat(mirrors.mirror("mirror").gets).hasValue(0);
    }

    @Test
    void aFolderThatCannotBeCreatedFailsInWordsWithNothingPlaced() throws Exception {
        mirrors.mirror("only");
        Path blocker = root.resolve("blocker");
        Files.writeString(blocker, "a file, not a folder");
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("only")), List.of());

        FetchEvent last = fetches.fetch(new FetchRequest(profile, root, blocker.resolve("iso"), false, false, false,
                OrderPolicy.LIST, null));

        assertThat(last).isInstanceOfSatisfying(FetchEvent.Failed.class, f -> assertThat(f.reason())
                .contains(blocker.resolve("iso").toString(), "--dest").doesNotContain("Exception"));
        assertThat(mirrors.served()).isEmpty();
    }

    @Test
    void aFullDiskFailsInWordsAndLeavesNothingHalfPlaced() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root (CI runs as root)");
        Path small = Files.createDirectories(root.resolve("small-disk"));
        assumeTrue(ExternalCommand.run(Duration.ofSeconds(10), List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
                small.toString())).exitCode() == 0, "tmpfs cannot be mounted here");
        try {
            mirrors.mirror("only");
            FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("only")), List.of());

            FetchEvent last = fetches.fetch(new FetchRequest(profile, root, small, false, false, false,
                    OrderPolicy.LIST, null));

            assertThat(last).isInstanceOfSatisfying(FetchEvent.Failed.class, f -> assertThat(f.reason())
                    .contains("No space left on device", "free space there", "nothing was placed"));
            try (var left = Files.list(small)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".disc1.iso.lock");
            }
        } finally {
            ExternalCommand.run(Duration.ofSeconds(10), List.of("umount", small.toString()));
        }
    }

    @Test
    void stoppingTheServiceCancelsAFetchInProgressAndKeepsItsPart() throws Exception {
        mirrors.mirror("slow").throttle(512 * 1024);
        FetchProfile profile = profile("disc1.iso", content, List.of(mirrors.base("slow")), List.of());
        FetchHandle handle = fetches.service.submit(FetchRequest.of(profile, root));
        awaitSize(partOf(target("disc1.iso")), 256 * 1024);

        fetches.service.stop();

        assertThat(handle.result()).isDone();
        assertThat(handle.result().get()).isInstanceOfSatisfying(FetchEvent.Failed.class,
                f -> assertThat(f.cancelled()).isTrue());
        assertThat(partOf(target("disc1.iso"))).exists();
        assertThat(target("disc1.iso")).doesNotExist();
    }

    private static void awaitSize(Path file, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.size(file) >= atLeast) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(file + " did not reach " + atLeast + " bytes");
    }
}
