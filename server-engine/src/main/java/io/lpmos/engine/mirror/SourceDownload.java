package io.lpmos.engine.mirror;

import io.lpmos.engine.net.IoFailures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One download of a file from one source into its {@code .part}: a GET (with {@code Range} and
 * {@code If-Range} when the part already holds bytes), each arriving buffer appended as it comes
 * (a few buffers are asked for ahead, so the socket never waits for the disk), and a watchdog that
 * gives up when nothing arrives for the stall timeout. The bytes are written on the HTTP client's
 * threads; the caller's thread meanwhile hashes the part from the start, following the writer
 * through the page cache — so a resumed part is re-hashed once, while the rest downloads, and the
 * SHA-256 costs no extra time on a machine with a second core. Not thread-safe; one per download.
 */
final class SourceDownload {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final long WAIT_STEP_MILLIS = 10;
    /** Buffer lists asked for ahead of the one being written. */
    private static final int WINDOW = 16;
    private static final int HASH_CHUNK = 1024 * 1024;
    /**
     * Bytes written and not yet forced to disk after which the hashing thread, once it has caught up,
     * forces them: the disk writes while the rest downloads, so the closing fsync has little left.
     */
    private static final long WRITE_BACK_STEP = 64L * 1024 * 1024;

    /** How a download ended. */
    enum End {
        /** Every byte the source announced is in the part (fsynced). */
        COMPLETE,
        /** The source or the disk failed; what is in the part stays for a resume. */
        INTERRUPTED,
        /** The source refused or does not have the file; nothing was written. */
        REFUSED,
        /** The disk refused the bytes (full, read-only, ...): no point trying another source. */
        DISK,
        /** The fetch was cancelled; the part stays for a resume. */
        CANCELLED
    }

    /**
     * @param bytes    bytes in the part now (from its start)
     * @param received bytes this download received
     * @param problem  operator words for anything but COMPLETE
     */
    record Outcome(End end, long bytes, long received, long total, String problem) {
    }

    /** Told the part's size and the total as bytes arrive, on an HTTP client thread. */
    interface Progress {
        void update(long bytes, long total);
    }

    private final HttpClient client;
    private final FetchTuning tuning;
    private final URI url;
    private final Path part;
    private final MessageDigest digest;
    private final Progress progress;

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Object lock = new Object();
    /** Guards {@link #digest} and {@link #hashed}; taken after {@link #lock} where both are needed. */
    private final Object hashLock = new Object();
    private final ByteBuffer hashBuffer = ByteBuffer.allocate(HASH_CHUNK);
    private FileChannel reader;
    private long hashed;
    /** Bytes of the part known to be on disk; touched by the caller's thread only. */
    private long forced;
    /** Bytes in the part that the hasher may read; follows {@link #position}. */
    private volatile long written;
    private FileChannel channel;
    private Flow.Subscription subscription;
    private long position;
    private long received;
    private long total = -1;
    private volatile long lastByteAt;
    private String problem;
    private End failure;

    /**
     * @param digest a fresh SHA-256; once {@link #run} returns COMPLETE it holds the hash of the whole part
     */
    SourceDownload(HttpClient client, FetchTuning tuning, URI url, Path part, MessageDigest digest, Progress progress) {
        this.client = client;
        this.tuning = tuning;
        this.url = url;
        this.part = part;
        this.digest = digest;
        this.progress = progress;
    }

    /**
     * Downloads, resuming at {@code offset} when it is above zero.
     *
     * @param validator the {@code If-Range} value for a resume, null to resume without one
     */
    Outcome run(long offset, String validator, BooleanSupplier cancelled) throws IOException {
        position = offset;
        written = offset;
        channel = offset > 0
                ? FileChannel.open(part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        try {
            channel.truncate(offset);
            channel.position(offset);
            reader = FileChannel.open(part, StandardOpenOption.READ);
            HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(tuning.headersTimeout());
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
                if (validator != null) {
                    request.header("If-Range", validator);
                }
            }
            lastByteAt = System.nanoTime();
            CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(request.build(), this::onHeaders);
            sent.whenComplete((response, error) -> {
                if (error != null) {
                    fail(End.INTERRUPTED, IoFailures.describe(error));
                }
                done.complete(null);
            });
            return await(sent, cancelled, offset);
        } finally {
            synchronized (lock) {
                channel.close();
                if (reader != null) {
                    reader.close();
                }
            }
        }
    }

    /**
     * Hashes the next chunk of what is written and not hashed yet.
     *
     * @return false when there was nothing to hash
     */
    private boolean hashSome() throws IOException {
        synchronized (hashLock) {
            long available = written;
            if (hashed >= available) {
                return false;
            }
            hashBuffer.clear();
            hashBuffer.limit((int) Math.min(HASH_CHUNK, available - hashed));
            int read = reader.read(hashBuffer, hashed);
            if (read <= 0) {
                throw new IOException(part + " is shorter than the " + available + " bytes written into it");
            }
            hashBuffer.flip();
            digest.update(hashBuffer);
            hashed += read;
            return true;
        }
    }

    private Outcome await(CompletableFuture<HttpResponse<Void>> sent, BooleanSupplier cancelled, long offset)
            throws IOException {
        long stallNanos = tuning.stallTimeout().toNanos();
        while (true) {
            try {
                if (hashSome() && !done.isDone()) {
                    continue;
                }
                writeBack();
                done.get(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                if (cancelled.getAsBoolean()) {
                    stop(End.CANCELLED, "cancelled");
                    sent.cancel(true);
                    break;
                }
                if (System.nanoTime() - lastByteAt > stallNanos) {
                    stop(End.INTERRUPTED, "stalled: nothing arrived for " + seconds(tuning.stallTimeout())
                            + " s after " + position + " bytes");
                    sent.cancel(true);
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(End.CANCELLED, "interrupted");
                break;
            } catch (ExecutionException e) {
                break;
            }
        }
        synchronized (lock) {
            if (failure != null) {
                return new Outcome(failure, position, received, total, problem);
            }
            if (total >= 0 && position != total) {
                return new Outcome(End.INTERRUPTED, position, received, total,
                        "connection closed after " + position + " of " + total + " bytes");
            }
            channel.force(true);
        }
        while (hashSome()) {
            if (cancelled.getAsBoolean()) {
                return new Outcome(End.CANCELLED, position, received, total, "cancelled");
            }
        }
        return new Outcome(End.COMPLETE, position, received, total == -1 ? position : total, null);
    }

    /**
     * Forces what the writer has appended once it is {@link #WRITE_BACK_STEP} or more ahead of the last
     * force (a data-only fsync, which does not block the writer's appends). A disk error here is left to
     * the writer and to the closing fsync, which report it.
     */
    private void writeBack() {
        long now = written;
        if (now - forced < WRITE_BACK_STEP) {
            return;
        }
        try {
            channel.force(false);
            forced = now;
        } catch (IOException e) {
            forced = Long.MAX_VALUE;
        }
    }

    private static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds());
    }

    private HttpResponse.BodySubscriber<Void> onHeaders(HttpResponse.ResponseInfo info) {
        int status = info.statusCode();
        synchronized (lock) {
            try {
                if (status == 206 && position > 0) {
                    Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
                    if (!range.matches() || Long.parseLong(range.group(1)) != position) {
                        failure = End.REFUSED;
                        problem = "answered a Range request with another range ("
                                + info.headers().firstValue("Content-Range").orElse("none") + ")";
                    } else {
                        total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
                    }
                } else if (status == 200) {
                    if (position > 0) {
                        synchronized (hashLock) {
                            channel.truncate(0);
                            channel.position(0);
                            position = 0;
                            written = 0;
                            hashed = 0;
                            digest.reset();
                        }
                    }
                    total = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                } else {
                    failure = End.REFUSED;
                    problem = "answered " + status + (status == 416 ? " (cannot resume at byte " + position + ")" : "");
                }
                if (failure == null) {
                    new PartSidecar(url, info.headers().firstValue("ETag").orElse(null),
                            info.headers().firstValue("Last-Modified").orElse(null), total).write(part);
                }
            } catch (IOException e) {
                failure = End.DISK;
                problem = "cannot write " + part + ": " + IoFailures.describe(e);
            }
            if (failure != null) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
        }
        return new Writer();
    }

    /** Ends the download with {@code end} unless it has already ended, and stops the transfer. */
    private void stop(End end, String why) {
        Flow.Subscription running;
        synchronized (lock) {
            if (failure == null) {
                failure = end;
                problem = why;
            }
            running = subscription;
        }
        if (running != null) {
            running.cancel();
        }
        done.complete(null);
    }

    private void fail(End end, String why) {
        synchronized (lock) {
            if (failure == null) {
                failure = end;
                problem = why;
            }
        }
    }

    /** Hashes and appends what arrives; runs on the HTTP client's threads. */
    private final class Writer implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> body = new CompletableFuture<>();
        /** Buffer lists asked for and not delivered yet; touched by the delivering thread only. */
        private int outstanding;

        @Override
        public void onSubscribe(Flow.Subscription given) {
            boolean ended;
            synchronized (lock) {
                subscription = given;
                ended = failure != null;
            }
            if (ended) {
                given.cancel();
            } else {
                outstanding = WINDOW;
                given.request(WINDOW);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long count = 0;
            long now;
            long size;
            synchronized (lock) {
                if (failure != null) {
                    return;
                }
                try {
                    ByteBuffer[] array = buffers.toArray(new ByteBuffer[0]);
                    for (ByteBuffer buffer : array) {
                        count += buffer.remaining();
                    }
                    long left = count;
                    while (left > 0) {
                        left -= channel.write(array);
                    }
                } catch (IOException e) {
                    failure = End.DISK;
                    problem = "cannot write " + part + ": " + IoFailures.describe(e);
                    subscription.cancel();
                    done.complete(null);
                    return;
                }
                position += count;
                written = position;
                received += count;
                now = position;
                size = total;
                lastByteAt = System.nanoTime();
            }
            progress.update(now, size);
            if (--outstanding <= WINDOW / 2) {
                subscription.request(WINDOW - outstanding);
                outstanding = WINDOW;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            fail(End.INTERRUPTED, "transfer broke off after " + positionNow() + " bytes: " + IoFailures.describe(throwable));
            body.complete(null);
            done.complete(null);
        }

        @Override
        public void onComplete() {
            body.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }
    }

    private long positionNow() {
        synchronized (lock) {
            return position;
        }
    }
}
