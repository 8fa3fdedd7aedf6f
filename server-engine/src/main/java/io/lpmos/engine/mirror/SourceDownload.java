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
 * {@code If-Range} when the part already holds bytes), each arriving buffer hashed and appended as it
 * comes (the next is asked for only once it is written), a watchdog that gives up when nothing
 * arrives for the stall timeout. The caller's thread waits, checking for cancellation; the bytes are
 * written on the HTTP client's threads. Not thread-safe; one instance per download.
 */
final class SourceDownload {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final long WAIT_STEP_MILLIS = 100;

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
    private FileChannel channel;
    private Flow.Subscription subscription;
    private long position;
    private long received;
    private long total = -1;
    private volatile long lastByteAt;
    private String problem;
    private End failure;

    /**
     * @param digest holds the hash of the part's first {@code offset} bytes (given to {@link #run}); it is
     *               reset when the source answers with the whole file instead
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
        channel = offset > 0
                ? FileChannel.open(part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                : FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        try {
            channel.truncate(offset);
            channel.position(offset);
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
            }
        }
    }

    private Outcome await(CompletableFuture<HttpResponse<Void>> sent, BooleanSupplier cancelled, long offset)
            throws IOException {
        long stallNanos = tuning.stallTimeout().toNanos();
        while (true) {
            try {
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
            return new Outcome(End.COMPLETE, position, received, total == -1 ? position : total, null);
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
                        channel.truncate(0);
                        channel.position(0);
                        position = 0;
                        digest.reset();
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
                given.request(1);
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
                        digest.update(buffer.duplicate());
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
                received += count;
                now = position;
                size = total;
                lastByteAt = System.nanoTime();
            }
            progress.update(now, size);
            subscription.request(1);
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
