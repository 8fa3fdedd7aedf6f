package io.lpmos.engine.mirror;

import io.lpmos.engine.events.FetchEvent.SourceSpeed;
import io.lpmos.engine.net.IoFailures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ranks a fetch's sources by a short timed download of the real file: every source is asked at once
 * for its first {@code probeBytes} with {@code Range: bytes=0-…}, and whatever each has sent when it is
 * done or when the budget runs out gives its speed (bytes over the time since the request went out,
 * so a slow answer counts). Sources that fail, answer with an error, do not answer within the budget
 * or announce another size than the profile's are dropped with their problem; a source that ignores
 * Range (answers 200) is kept but placed after the ones that honour it, since it cannot resume.
 * Thread-safe; the measurements run on the HTTP client's threads.
 */
final class MirrorRanker {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /** A source's measurement and what it said about the file. */
    record Measurement(URI base, URI url, SourceSpeed speed, long length) {
    }

    private final HttpClient client;
    private final ScheduledExecutorService timer;
    private final long probeBytes;

    MirrorRanker(HttpClient client, ScheduledExecutorService timer, long probeBytes) {
        this.client = client;
        this.timer = timer;
        this.probeBytes = probeBytes;
    }

    /**
     * Measures every source in parallel and returns them best first, within about {@code budget}.
     *
     * @param urls         source base URL → the file's URL on it, in profile order
     * @param expectedSize the size the profile expects, -1 when none is checked
     * @param measured     told each measurement as it completes, on an HTTP client or timer thread
     */
    List<Measurement> rank(Map<URI, URI> urls, long expectedSize, Duration budget, Consumer<Measurement> measured) {
        long start = System.nanoTime();
        List<CompletableFuture<Measurement>> probes = new ArrayList<>();
        for (Map.Entry<URI, URI> entry : urls.entrySet()) {
            probes.add(probe(entry.getKey(), entry.getValue(), expectedSize, budget, start)
                    .whenComplete((measurement, failure) -> {
                        if (measurement != null) {
                            measured.accept(measurement);
                        }
                    }));
        }
        List<Measurement> results = new ArrayList<>();
        for (CompletableFuture<Measurement> probe : probes) {
            results.add(probe.join());
        }
        List<Measurement> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(MirrorRanker::group)
                .thenComparing(m -> m.speed().rangeSupported() ? -m.speed().bytesPerSecond() : 0));
        return ordered;
    }

    private static int group(Measurement measurement) {
        if (!measurement.speed().usable()) {
            return 2;
        }
        return measurement.speed().rangeSupported() ? 0 : 1;
    }

    private CompletableFuture<Measurement> probe(URI base, URI url, long expectedSize, Duration budget, long start) {
        CompletableFuture<Measurement> result = new CompletableFuture<>();
        Probe probe = new Probe(base, url, expectedSize, start, result);
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(budget)
                .header("Range", "bytes=0-" + (probeBytes - 1)).build();
        CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(request, probe::onHeaders);
        sent.whenComplete((response, failure) -> {
            if (failure != null) {
                probe.finish(IoFailures.describe(failure));
            } else {
                probe.finish(null);
            }
        });
        timer.schedule(() -> probe.finish(probe.headersSeen() ? null : "no answer within " + budget.toMillis() + " ms"),
                budget.toMillis(), TimeUnit.MILLISECONDS);
        return result;
    }

    /** One source's measurement in flight; its fields are guarded by {@code this}. */
    private final class Probe implements HttpResponse.BodySubscriber<Void> {
        private final URI base;
        private final URI url;
        private final long expectedSize;
        private final long start;
        private final CompletableFuture<Measurement> result;
        private final CompletableFuture<Void> body = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private boolean headersSeen;
        private boolean rangeSupported;
        private long length = -1;
        private long received;
        private long lastByteAt;
        private String problem;

        Probe(URI base, URI url, long expectedSize, long start, CompletableFuture<Measurement> result) {
            this.base = base;
            this.url = url;
            this.expectedSize = expectedSize;
            this.start = start;
            this.result = result;
        }

        synchronized boolean headersSeen() {
            return headersSeen;
        }

        HttpResponse.BodySubscriber<Void> onHeaders(HttpResponse.ResponseInfo info) {
            int status = info.statusCode();
            synchronized (this) {
                headersSeen = true;
                if (status == 206) {
                    rangeSupported = true;
                    Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
                    if (range.matches() && !range.group(3).equals("*")) {
                        length = Long.parseLong(range.group(3));
                    }
                } else if (status == 200) {
                    length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                } else {
                    problem = "answered " + status;
                }
                if (problem == null && expectedSize >= 0 && length >= 0 && length != expectedSize) {
                    problem = "has " + length + " bytes, the profile expects " + expectedSize;
                }
            }
            return this;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            boolean stop;
            synchronized (this) {
                subscription = given;
                stop = problem != null || result.isDone();
            }
            if (stop) {
                given.cancel();
                body.complete(null);
                finish(null);
            } else {
                given.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long count = 0;
            for (ByteBuffer buffer : buffers) {
                count += buffer.remaining();
            }
            boolean enough;
            synchronized (this) {
                received += count;
                lastByteAt = System.nanoTime();
                enough = received >= probeBytes || result.isDone();
            }
            if (enough) {
                subscription.cancel();
                body.complete(null);
                finish(null);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.complete(null);
            finish(IoFailures.describe(throwable));
        }

        @Override
        public void onComplete() {
            body.complete(null);
            finish(null);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> getBody() {
            return body;
        }

        /**
         * Completes the measurement once (later calls do nothing): with the speed so far, or with
         * {@code failure} when nothing usable arrived. Cancels the transfer if it still runs.
         */
        void finish(String failure) {
            Measurement measurement;
            Flow.Subscription running;
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                running = subscription;
                long end = received > 0 ? lastByteAt : System.nanoTime();
                double seconds = Math.max(1e-6, (end - start) / 1e9);
                long speed = (long) (received / seconds);
                String why = problem != null ? problem
                        : received == 0 ? (failure != null ? failure : "sent no bytes in time") : null;
                measurement = new Measurement(base, url, new SourceSpeed(base, why == null ? speed : 0, rangeSupported,
                        why), length);
            }
            result.complete(measurement);
            if (running != null) {
                running.cancel();
            }
        }
    }
}
