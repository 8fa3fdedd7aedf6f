package io.lpmos.engine.http;

import io.lpmos.engine.mirror.DebianReleaseChecksums;
import io.lpmos.engine.net.IoFailures;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpDateTime;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;

/**
 * One upstream download of one missing repository file, shared by every client that asks for the
 * file while it runs. The body is appended to {@code <name>.part} as fast as the upstream sends it
 * and the disk takes it (the next chunk is demanded only once the previous one is written), never
 * at the pace of a client: clients follow the growing {@code .part} through {@link PulledBody}. When
 * the upstream has finished without error and the byte count matches its Content-Length, the
 * {@code .part} is fsynced, stamped with the upstream Last-Modified and atomically renamed into place.
 * When the repository's index on disk lists a SHA-256 for the file ({@link DebianReleaseChecksums}), the
 * bytes are hashed as they are written and a mismatch keeps nothing. On any failure the {@code .part}
 * is deleted.
 *
 * <p>Threading: the upstream callbacks run on the HTTP client's threads, followers poll and wait from
 * the server's threads. The state fields are guarded by {@code this}; the output channel by
 * {@link #fileLock}. Where both are needed, {@code fileLock} is taken first.
 */
final class UpstreamFetch {
    enum Phase {
        /** Waiting for the upstream's status line and headers. */
        CONNECTING,
        /** Upstream said 200; bytes are being appended to the {@code .part}. */
        STREAMING,
        /** The file is in its final place. */
        COMPLETE,
        /** Nothing is kept; {@link Snapshot#failureStatus()} tells clients that have not started what to answer. */
        FAILED
    }

    /**
     * What a follower needs to know at one moment; taken under the fetch's lock.
     *
     * @param sendable bytes a client may be sent: all that are on disk, except that while streaming a
     *                 file of known length the last byte is held back, so that no client sees a complete
     *                 transfer before the file is kept (and a file that is then not kept fails its clients)
     */
    record Snapshot(Phase phase, long sendable, long contentLength, String lastModified, int failureStatus,
                    String failureText) {
    }

    /** The registry a fetch belongs to; called from the HTTP client's threads. */
    interface Owner {
        /** Creates the folders above {@code target}, refusing any that leaves the tree. */
        void prepareFolders(Path target) throws IOException;

        /** The checksum the repository lists for {@code target}, or null when there is none to check. */
        DebianReleaseChecksums.Expected expectedChecksum(Path target);

        /** The file is in place; called once. */
        void completed(UpstreamFetch fetch, long bytes);

        /** Nothing was kept; called once. {@code status} is what clients that have not started get. */
        void failed(UpstreamFetch fetch, int status, String reason);
    }

    private final Path target;
    private final Path part;
    private final URI source;
    private final String urlPath;
    private final Owner owner;
    private final Object fileLock = new Object();

    private Phase phase = Phase.CONNECTING;
    private long written;
    private long contentLength = -1;
    private String lastModified;
    private int failureStatus;
    private String failureText;
    private List<Runnable> waiters = new ArrayList<>();
    private Request upstreamRequest;

    /** Guarded by {@link #fileLock}. */
    private FileChannel out;
    /** Guarded by {@link #fileLock}; null when there is nothing to verify. */
    private DebianReleaseChecksums.Expected expected;
    /** Guarded by {@link #fileLock}. */
    private MessageDigest digest;
    private volatile String verifiedAgainst;

    /**
     * @param target  the file's final place inside the repository tree (checked by the caller)
     * @param source  the upstream URL of the file
     * @param urlPath the path clients asked for, for messages, e.g. {@code /repos/ubuntu/dists/jammy/Release}
     */
    UpstreamFetch(Path target, URI source, String urlPath, Owner owner) {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.source = source;
        this.urlPath = urlPath;
        this.owner = owner;
    }

    Path target() {
        return target;
    }

    URI source() {
        return source;
    }

    String urlPath() {
        return urlPath;
    }

    /** Where the verified checksum was listed (e.g. {@code dists/jammy/InRelease}), or null if none was. */
    String verifiedAgainst() {
        return verifiedAgainst;
    }

    /** Sends the upstream GET; returns at once. Content decoding must be off in {@code client}. */
    void start(HttpClient client, long idleTimeoutMillis) {
        Request request = client.newRequest(source)
                .method(HttpMethod.GET)
                .idleTimeout(idleTimeoutMillis, TimeUnit.MILLISECONDS)
                .onResponseHeaders(this::onHeaders)
                .onResponseContentSource(this::onContentSource);
        synchronized (this) {
            upstreamRequest = request;
        }
        request.send(this::onComplete);
    }

    /** Aborts the download (e.g. on shutdown); clients that are following it fail. */
    void abort(String reason) {
        Request request;
        synchronized (this) {
            request = upstreamRequest;
        }
        fail(HttpStatus.BAD_GATEWAY_502, reason);
        if (request != null) {
            request.abort(new IOException(reason));
        }
    }

    /**
     * Returns the current state, or registers {@code wake} and returns null when a follower that has
     * sent {@code position} bytes has nothing to do until the fetch moves on. {@code wake} is run once,
     * on a fetch thread, at the next progress or end; it must only hand off work.
     */
    synchronized Snapshot pollOrAwait(long position, Runnable wake) {
        long sendable = phase == Phase.STREAMING && contentLength >= 0 ? Math.min(written, contentLength - 1) : written;
        if (phase == Phase.CONNECTING || phase == Phase.STREAMING && sendable <= position) {
            waiters.add(wake);
            return null;
        }
        return new Snapshot(phase, sendable, contentLength, lastModified, failureStatus, failureText);
    }

    /**
     * Opens the downloaded bytes for reading: the {@code .part} while streaming, the final file once
     * complete (chosen under the lock the rename is done under, so it cannot vanish in between).
     *
     * @return null when the fetch has failed meanwhile
     */
    synchronized FileChannel openForReading() throws IOException {
        return switch (phase) {
            case STREAMING -> FileChannel.open(part, StandardOpenOption.READ);
            case COMPLETE -> FileChannel.open(target, StandardOpenOption.READ);
            case CONNECTING, FAILED -> null;
        };
    }

    private void onHeaders(Response response) {
        int status = response.getStatus();
        if (status != HttpStatus.OK_200) {
            if (status == HttpStatus.NOT_FOUND_404 || status == HttpStatus.GONE_410) {
                fail(HttpStatus.NOT_FOUND_404, "upstream answered " + status);
            } else {
                fail(HttpStatus.BAD_GATEWAY_502, "upstream answered " + status);
            }
            response.abort(new IOException("upstream answered " + status));
            return;
        }
        long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        List<Runnable> wake = List.of();
        Runnable failed = null;
        synchronized (fileLock) {
            if (phase() == Phase.CONNECTING) {
                expected = owner.expectedChecksum(target);
                if (expected != null && expected.size() >= 0 && length >= 0 && length != expected.size()) {
                    failed = failLocked(HttpStatus.BAD_GATEWAY_502, "upstream file has " + length + " bytes but "
                            + expected.listedIn() + " lists " + expected.size());
                } else {
                    try {
                        openPart();
                        synchronized (this) {
                            phase = Phase.STREAMING;
                            contentLength = length;
                            lastModified = response.getHeaders().get(HttpHeader.LAST_MODIFIED);
                            wake = takeWaiters();
                        }
                    } catch (IOException e) {
                        failed = failLocked(HttpStatus.INTERNAL_SERVER_ERROR_500,
                                "cannot create " + part + ": " + IoFailures.describe(e));
                    }
                }
            }
        }
        if (phase() != Phase.STREAMING) {
            response.abort(new IOException("pull-through ended"));
        }
        if (failed != null) {
            failed.run();
        }
        wake.forEach(Runnable::run);
    }

    /** Called with {@link #fileLock} held. */
    private void openPart() throws IOException {
        owner.prepareFolders(target);
        Files.deleteIfExists(part);
        out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        if (expected != null) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no SHA-256", e);
            }
        }
    }

    private void onContentSource(Response response, Content.Source body) {
        if (phase() != Phase.STREAMING) {
            body.fail(new IOException("pull-through ended"));
            return;
        }
        readLoop(body);
    }

    private void readLoop(Content.Source body) {
        while (true) {
            if (phase() != Phase.STREAMING) {
                body.fail(new IOException("pull-through ended"));
                return;
            }
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                body.demand(() -> readLoop(body));
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                fail(HttpStatus.BAD_GATEWAY_502, "upstream transfer failed after " + writtenNow() + " bytes: "
                        + IoFailures.describe(chunk.getFailure()));
                body.fail(chunk.getFailure());
                return;
            }
            boolean last = chunk.isLast();
            try {
                append(chunk.getByteBuffer());
            } catch (IOException e) {
                fail(HttpStatus.INTERNAL_SERVER_ERROR_500, "cannot write " + part + ": " + IoFailures.describe(e));
                body.fail(e);
                return;
            } finally {
                chunk.release();
            }
            if (last) {
                finish();
                return;
            }
        }
    }

    private void append(ByteBuffer bytes) throws IOException {
        int count = bytes.remaining();
        if (count == 0) {
            return;
        }
        synchronized (fileLock) {
            if (out == null) {
                throw new IOException("download already ended");
            }
            if (digest != null) {
                digest.update(bytes.duplicate());
            }
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        List<Runnable> wake;
        synchronized (this) {
            written += count;
            wake = takeWaiters();
        }
        wake.forEach(Runnable::run);
    }

    private void finish() {
        long count;
        long declared;
        String modified;
        synchronized (this) {
            count = written;
            declared = contentLength;
            modified = lastModified;
        }
        if (declared >= 0 && count != declared) {
            fail(HttpStatus.BAD_GATEWAY_502, "upstream sent " + count + " of " + declared + " bytes");
            return;
        }
        List<Runnable> wake = List.of();
        IOException storeFailure = null;
        Runnable rejected = null;
        synchronized (fileLock) {
            if (out == null) {
                return;
            }
            String mismatch = checksumMismatch(count);
            if (mismatch != null) {
                rejected = failLocked(HttpStatus.BAD_GATEWAY_502, mismatch);
            } else {
                storeFailure = commit(modified);
                if (storeFailure == null) {
                    synchronized (this) {
                        wake = takeWaiters();
                    }
                }
            }
        }
        if (rejected != null) {
            rejected.run();
            return;
        }
        if (storeFailure != null) {
            fail(HttpStatus.INTERNAL_SERVER_ERROR_500, "cannot store " + target + ": " + IoFailures.describe(storeFailure));
            return;
        }
        owner.completed(this, count);
        wake.forEach(Runnable::run);
    }

    /**
     * Called with {@link #fileLock} held: fsyncs and closes the {@code .part}, stamps its time and
     * renames it into place, switching to COMPLETE under the state lock. Returns the failure, if any.
     */
    private IOException commit(String modified) {
        try {
            out.force(true);
            out.close();
            out = null;
            long modifiedMillis = modified == null ? -1 : parseDate(modified);
            if (modifiedMillis >= 0) {
                Files.setLastModifiedTime(part, FileTime.fromMillis(modifiedMillis));
            }
            synchronized (this) {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                phase = Phase.COMPLETE;
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** Called with {@link #fileLock} held once every byte is written; null when the file is as listed. */
    private String checksumMismatch(long count) {
        if (expected == null) {
            return null;
        }
        if (expected.size() >= 0 && count != expected.size()) {
            return "upstream sent " + count + " bytes but " + expected.listedIn() + " lists " + expected.size();
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected.sha256())) {
            return "sha256 " + actual + " does not match " + expected.sha256() + " listed in " + expected.listedIn();
        }
        verifiedAgainst = expected.listedIn();
        return null;
    }

    private void onComplete(Result result) {
        if (result.isFailed()) {
            Throwable failure = result.getFailure();
            fail(HttpStatus.BAD_GATEWAY_502, phase() == Phase.CONNECTING
                    ? IoFailures.describe(failure)
                    : "upstream transfer failed after " + writtenNow() + " bytes: " + IoFailures.describe(failure));
        }
    }

    /** Ends the fetch as failed unless it has already ended: closes and removes the {@code .part}. */
    private void fail(int status, String reason) {
        Runnable after;
        synchronized (fileLock) {
            after = failLocked(status, reason);
        }
        if (after != null) {
            after.run();
        }
    }

    /**
     * Called with {@link #fileLock} held. Returns what must run once the lock is released (the owner's
     * report and the followers' wake-ups), or null when the fetch had already ended.
     */
    private Runnable failLocked(int status, String reason) {
        List<Runnable> wake;
        synchronized (this) {
            if (phase == Phase.COMPLETE || phase == Phase.FAILED) {
                return null;
            }
            phase = Phase.FAILED;
            failureStatus = status;
            failureText = reason;
            wake = takeWaiters();
        }
        closeQuietly();
        String reported = reason;
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            reported = reason + " (and " + part + " could not be removed: " + IoFailures.describe(e) + ")";
        }
        String finalReason = reported;
        return () -> {
            owner.failed(this, status, finalReason);
            wake.forEach(Runnable::run);
        };
    }

    /** Called with {@link #fileLock} held. */
    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the bytes are being thrown away
            }
            out = null;
        }
    }

    private List<Runnable> takeWaiters() {
        List<Runnable> taken = waiters;
        waiters = new ArrayList<>();
        return taken;
    }

    private synchronized Phase phase() {
        return phase;
    }

    private synchronized long writtenNow() {
        return written;
    }

    private static long parseDate(String value) {
        try {
            return HttpDateTime.parseToEpoch(value);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
