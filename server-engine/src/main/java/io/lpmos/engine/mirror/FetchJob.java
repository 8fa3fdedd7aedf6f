package io.lpmos.engine.mirror;

import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.events.FetchEvent.SourceSpeed;
import io.lpmos.engine.net.IoFailures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One fetch from queue to its last event, run on one executor thread: waits for a slot and for the
 * target's {@link TargetLock}, checks whether a verifying file is already in place, ranks the sources
 * ({@link MirrorRanker}; skipped for a single source, and a resumable part's source goes first),
 * downloads ({@link SourceDownload}) source after source in the {@link OrderPolicy}'s order until one
 * delivers bytes that match, then places the file (fsync, atomic rename) and unpacks it when packed.
 * Mirrors are used only when there is a checksum to check their bytes against (or checking is off);
 * without one, only the official sites are. Not thread-safe; one per fetch.
 */
final class FetchJob {
    private static final int COPY_BUFFER = 1024 * 1024;

    private final FetchHandle handle;
    private final FetchRequest request;
    private final FetchProfile profile;
    private final HttpClient client;
    private final ScheduledExecutorService timer;
    private final Semaphore slots;
    private final FetchTuning tuning;
    private final Consumer<FetchEvent> publish;
    private final Path folder;
    private final Path download;
    private final Path target;
    private final Path part;
    private final boolean verify;
    private final boolean skip;
    private final List<String> outcomes = new ArrayList<>();

    FetchJob(FetchHandle handle, HttpClient client, ScheduledExecutorService timer, Semaphore slots, FetchTuning tuning,
             Consumer<FetchEvent> publish) {
        this.handle = handle;
        this.request = handle.request();
        this.profile = request.profile();
        this.client = client;
        this.timer = timer;
        this.slots = slots;
        this.tuning = tuning;
        this.publish = publish;
        this.folder = folderOf(request);
        this.download = folder.resolve(profile.downloadName(request.keepName()));
        this.target = handle.subject().target();
        this.part = download.resolveSibling(download.getFileName() + ".part");
        this.skip = request.skipChecksum() || profile.checksumSkipped();
        this.verify = !skip && !request.genSha256() && profile.verifiable();
    }

    /** The folder a request's file goes to. */
    static Path folderOf(FetchRequest request) {
        if (request.dest() != null) {
            return request.dest().toAbsolutePath().normalize();
        }
        Path root = request.root().toAbsolutePath().normalize();
        return request.profile().folder().isEmpty() ? root : root.resolve(request.profile().folder()).normalize();
    }

    /** The file a request finally places (the unpacked one for a packed download). */
    static Path finalTarget(FetchRequest request) {
        return folderOf(request).resolve(request.profile().unpackedName(request.keepName()));
    }

    /** Ends a fetch that could not be started at all. */
    void refuse(String reason) {
        finish(failed(reason, false));
    }

    void run() {
        FetchEvent last;
        try {
            last = queuedThenFetch();
        } catch (CancellationException e) {
            last = failed("cancelled — fetch again to resume", true);
        } catch (DiskProblem e) {
            last = failed(e.getMessage(), false);
        } catch (RuntimeException e) {
            last = failed("failed unexpectedly: " + IoFailures.describe(e), false);
        }
        finish(last);
    }

    private void finish(FetchEvent last) {
        publish.accept(last);
        handle.result().complete(last);
    }

    private boolean cancelled() {
        return handle.cancelRequested() || Thread.currentThread().isInterrupted();
    }

    private FetchEvent queuedThenFetch() {
        try {
            while (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (cancelled()) {
                    throw new CancellationException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException();
        }
        try {
            try {
                Files.createDirectories(folder);
            } catch (FileAlreadyExistsException e) {
                return failed("cannot create the folder " + folder + ": a file of that name is in the way"
                        + " — remove it or choose another destination (--dest)", false);
            } catch (IOException e) {
                return failed("cannot create the folder " + folder + ": " + IoFailures.describe(e)
                        + " — choose another destination (--dest) or fix its permissions", false);
            }
            try (TargetLock lock = TargetLock.acquire(download, this::cancelled, () -> publish.accept(
                    new FetchEvent.Waiting(Instant.now(), handle.subject(), "another fetch is writing "
                            + download.getFileName() + "; waiting for it to end")))) {
                return fetchLocked();
            } catch (IOException e) {
                return failed("cannot write into " + folder + ": " + IoFailures.describe(e)
                        + " — choose another destination (--dest) or fix its permissions", false);
            }
        } finally {
            slots.release();
        }
    }

    /** Called with the target's lock held. */
    private FetchEvent fetchLocked() throws IOException {
        Optional<FetchEvent> inPlace = alreadyInPlace();
        if (inPlace.isPresent()) {
            return inPlace.get();
        }
        List<URI> bases = verify || skip ? profile.allSources() : profile.sites();
        if (bases.isEmpty()) {
            return failed("the profile lists no official site, and without a sha256 its mirrors are not trusted"
                    + " — add the sha256 or an official site to the profile", false);
        }
        Map<URI, URI> urls = new LinkedHashMap<>();
        bases.forEach(base -> urls.put(base, profile.urlOn(base)));
        Set<URI> tried = new LinkedHashSet<>();
        URI resumeFrom = resumableSource(urls);
        if (resumeFrom != null || urls.size() == 1) {
            URI first = resumeFrom != null ? resumeFrom : bases.get(0);
            tried.add(first);
            Optional<FetchEvent> placed = downloadFrom(first, urls.get(first));
            if (placed.isPresent()) {
                return placed.get();
            }
        }
        Map<URI, URI> rest = new LinkedHashMap<>(urls);
        tried.forEach(rest::remove);
        if (!rest.isEmpty()) {
            for (URI base : order(rank(rest))) {
                Optional<FetchEvent> placed = downloadFrom(base, urls.get(base));
                if (placed.isPresent()) {
                    return placed.get();
                }
            }
        }
        return failed("no source delivered " + (verify ? "a file matching the profile's sha256" : "the file"), false);
    }

    /** The source of a resumable {@code .part} when it is one of this fetch's sources. */
    private URI resumableSource(Map<URI, URI> urls) throws IOException {
        Optional<PartSidecar> sidecar = PartSidecar.read(part);
        if (sidecar.isEmpty() || !Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) || Files.size(part) == 0) {
            return null;
        }
        for (Map.Entry<URI, URI> entry : urls.entrySet()) {
            if (entry.getValue().equals(sidecar.get().source())) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** A verified (or, without a checksum, present) file in place ends the fetch without downloading. */
    private Optional<FetchEvent> alreadyInPlace() throws IOException {
        if (request.genSha256() || !Files.isRegularFile(download, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        long size = Files.size(download);
        boolean sizeMatches = profile.size() < 0 || size == profile.size();
        if (verify) {
            if (!sizeMatches) {
                outcomes.add(download.getFileName() + " in place has " + size + " bytes, not " + profile.size()
                        + "; fetching it again");
                return Optional.empty();
            }
            publish.accept(new FetchEvent.Verifying(Instant.now(), handle.subject(), null));
            String actual = FileHashing.of(download, size, this::cancelled);
            if (!actual.equals(profile.sha256())) {
                outcomes.add(download.getFileName() + " in place does not match the sha256; fetching it again");
                return Optional.empty();
            }
            unpackIfNeeded();
            return Optional.of(new FetchEvent.Verified(Instant.now(), handle.subject(), null, actual, size));
        }
        if (!skip && !sizeMatches) {
            return Optional.empty();
        }
        unpackIfNeeded();
        return Optional.of(new FetchEvent.Skipped(Instant.now(), handle.subject(), null, "already in place; "
                + (skip ? "checking is off" : "the profile gives no sha256 to check it against"), size));
    }

    private List<URI> rank(Map<URI, URI> urls) {
        Duration budget = tuning.rankingBudget();
        publish.accept(new FetchEvent.Ranking(Instant.now(), handle.subject(), urls.size(), budget));
        long start = System.nanoTime();
        List<MirrorRanker.Measurement> ranked = new MirrorRanker(client, timer, tuning.probeBytes())
                .rank(urls, verify ? profile.size() : -1, budget, measurement -> publish.accept(
                        new FetchEvent.MirrorMeasured(Instant.now(), handle.subject(), measurement.speed())));
        List<SourceSpeed> speeds = ranked.stream().map(MirrorRanker.Measurement::speed).toList();
        publish.accept(new FetchEvent.Ranked(Instant.now(), handle.subject(), speeds,
                Duration.ofNanos(System.nanoTime() - start)));
        List<URI> usable = new ArrayList<>();
        for (SourceSpeed speed : speeds) {
            if (speed.usable()) {
                usable.add(speed.source());
            } else {
                outcomes.add(speed.source() + ": " + speed.problem() + " (dropped when ranking)");
            }
        }
        return usable;
    }

    /** The order to try {@code ranked} (usable sources, best first) in: the fastest, then as the policy says. */
    private List<URI> order(List<URI> ranked) {
        if (ranked.isEmpty()) {
            return ranked;
        }
        List<URI> order = new ArrayList<>();
        order.add(ranked.get(0));
        if (request.order() == OrderPolicy.OWN_MIRROR_SECOND) {
            for (URI each : ranked) {
                if (profile.mirrors().contains(each) && !order.contains(each)) {
                    order.add(each);
                }
            }
        }
        for (URI each : profile.allSources()) {
            if (ranked.contains(each) && !order.contains(each)) {
                order.add(each);
            }
        }
        return order;
    }

    /**
     * Downloads from one source, resuming after interruptions that made progress; returns the final
     * event when the file was placed, empty when the next source should be tried.
     */
    private Optional<FetchEvent> downloadFrom(URI base, URI url) throws IOException {
        for (int attempt = 1; attempt <= tuning.attemptsPerSource(); attempt++) {
            if (cancelled()) {
                throw new CancellationException();
            }
            MessageDigest digest = FileHashing.newSha256();
            long offset = 0;
            String validator = null;
            Optional<PartSidecar> sidecar = PartSidecar.read(part);
            if (sidecar.isPresent() && Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
                long have = Files.size(part);
                boolean sameSource = sidecar.get().source().equals(url);
                long length = sidecar.get().length();
                if (have > 0 && (length < 0 || have < length) && (sameSource || verify)) {
                    offset = have;
                    validator = sameSource ? sidecar.get().validator() : null;
                }
            }
            if (offset == 0) {
                discardPart();
            }
            ProgressReporter progress = new ProgressReporter(url, offset);
            SourceDownload.Outcome outcome = new SourceDownload(client, tuning, url, part, digest, progress)
                    .run(offset, validator, this::cancelled);
            switch (outcome.end()) {
                case CANCELLED -> throw new CancellationException();
                case DISK -> {
                    discardPart();
                    throw new DiskProblem(outcome.problem() + " — free space there or choose another destination"
                            + " (--dest); nothing was placed");
                }
                case REFUSED -> {
                    outcomes.add(base + ": " + outcome.problem());
                    if (offset > 0) {
                        discardPart();
                        continue;
                    }
                    return Optional.empty();
                }
                case INTERRUPTED -> {
                    outcomes.add(base + ": " + outcome.problem());
                    if (outcome.received() == 0) {
                        return Optional.empty();
                    }
                }
                case COMPLETE -> {
                    progress.last(outcome.bytes(), outcome.total());
                    return verifyAndPlace(base, url, digest, outcome.bytes());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<FetchEvent> verifyAndPlace(URI base, URI url, MessageDigest digest, long bytes) throws IOException {
        publish.accept(new FetchEvent.Verifying(Instant.now(), handle.subject(), url));
        String actual = FileHashing.hex(digest);
        if (verify) {
            String problem = null;
            if (profile.size() >= 0 && bytes != profile.size()) {
                problem = "sent " + bytes + " bytes, the profile expects " + profile.size();
            } else if (!actual.equals(profile.sha256())) {
                problem = "sent bytes whose sha256 is " + actual + ", not " + profile.sha256();
            }
            if (problem != null) {
                discardPart();
                outcomes.add(base + ": " + problem + " (nothing kept)");
                publish.accept(new FetchEvent.Mismatch(Instant.now(), handle.subject(), url, profile.sha256(), actual));
                return Optional.empty();
            }
        }
        place();
        unpackIfNeeded();
        if (verify) {
            return Optional.of(new FetchEvent.Verified(Instant.now(), handle.subject(), url, actual, bytes));
        }
        if (request.genSha256()) {
            FetchProfiles.writeJson(profile.withChecksum(actual, bytes), request.generatedProfile());
            return Optional.of(new FetchEvent.Skipped(Instant.now(), handle.subject(), url, "sha256 generated from the"
                    + " official site: " + actual + ", written to " + request.generatedProfile(), bytes));
        }
        return Optional.of(new FetchEvent.Skipped(Instant.now(), handle.subject(), url, skip ? "checking is off"
                : "the profile gives no sha256; fetched from an official site only", bytes));
    }

    /** Renames the complete, fsynced part into place and makes the rename durable. */
    private void place() throws IOException {
        Files.move(part, download, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        PartSidecar.delete(part);
        syncFolder();
    }

    private void syncFolder() {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every file system can sync a folder; the rename itself is atomic either way
        }
    }

    /** Unpacks a verified packed download into the target, through its own {@code .part}. */
    private void unpackIfNeeded() throws IOException {
        if (profile.compression() == Compression.NONE || download.equals(target)
                || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        publish.accept(new FetchEvent.Unpacking(Instant.now(), handle.subject(), download));
        Path unpacking = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = profile.compression().unpacking(Files.newInputStream(download));
             FileChannel channel = FileChannel.open(unpacking, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[COPY_BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (cancelled()) {
                    throw new CancellationException();
                }
                out.write(buffer, 0, n);
            }
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(unpacking);
            if (e instanceof CancellationException cancellation) {
                throw cancellation;
            }
            throw new DiskProblem("cannot unpack " + download.getFileName() + " into " + target.getFileName() + ": "
                    + IoFailures.describe(e) + "; nothing was placed");
        }
        Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder();
    }

    private void discardPart() throws IOException {
        Files.deleteIfExists(part);
        PartSidecar.delete(part);
    }

    private FetchEvent.Failed failed(String reason, boolean cancelled) {
        return new FetchEvent.Failed(Instant.now(), handle.subject(), reason, outcomes, cancelled);
    }

    /** A failure no other source can help with (the disk); ends the fetch. */
    private static final class DiskProblem extends RuntimeException {
        DiskProblem(String message) {
            super(message, null, false, false);
        }
    }

    /** Turns the download's byte counts into {@link FetchEvent.Downloading} events at a bounded rate. */
    private final class ProgressReporter implements SourceDownload.Progress {
        private final URI url;
        private final long resumedFrom;
        private final long intervalNanos = tuning.progressInterval().toNanos();
        private long lastAt = System.nanoTime();
        private long lastBytes;
        private double speed;

        ProgressReporter(URI url, long resumedFrom) {
            this.url = url;
            this.resumedFrom = resumedFrom;
            this.lastBytes = resumedFrom;
        }

        @Override
        public synchronized void update(long bytes, long total) {
            long now = System.nanoTime();
            if (now - lastAt < intervalNanos) {
                return;
            }
            report(now, bytes, total);
        }

        synchronized void last(long bytes, long total) {
            report(System.nanoTime(), bytes, total);
        }

        private void report(long now, long bytes, long total) {
            double seconds = Math.max(1e-3, (now - lastAt) / 1e9);
            double instant = (bytes - lastBytes) / seconds;
            speed = speed == 0 ? instant : 0.6 * speed + 0.4 * instant;
            lastAt = now;
            lastBytes = bytes;
            Duration eta = total > 0 && speed > 1 ? Duration.ofSeconds((long) Math.ceil((total - bytes) / speed)) : null;
            publish.accept(new FetchEvent.Downloading(Instant.now(), handle.subject(), url, bytes, total, (long) speed,
                    eta, resumedFrom));
        }
    }
}
