package io.lpmos.engine.registry;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.RegistryEvent;
import io.lpmos.engine.lifecycle.AbstractService;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this site in etcd (SPEC §8): the key {@code /os/region/<idc>} holds {@link RegionInfo} as
 * JSON, attached to a lease that a heartbeat keeps alive, so the key vanishes by itself when this
 * client dies.
 *
 * <p>etcd being unreachable never blocks or fails anything else. {@link #start()} hands the work to a
 * background worker (a new thread on every start) and returns RUNNING once the first registration
 * succeeded or failed, and in any case within {@value #START_WAIT_SECONDS} s. The worker then keeps the
 * registration alive on its own:
 * <ul>
 *   <li>every etcd call is bounded by {@link #CALL_TIMEOUT} ({@link #CONNECT_TIMEOUT} for the first of an
 *       attempt);</li>
 *   <li>failed attempts are retried with exponential backoff from {@link #FIRST_RETRY} up to
 *       {@link #MAX_RETRY};</li>
 *   <li>when the heartbeat fails (etcd down, restarted, lease expired) it registers again from scratch
 *       with a new client and a new lease, and then revokes the old lease; a short outage therefore
 *       never removes the key, and after an outage longer than the lease the key comes back;</li>
 *   <li>the value is written again when it changes ({@link #requestRefresh()}, and a check every
 *       {@link #REFRESH_INTERVAL}).</li>
 * </ul>
 * {@link #stop()} revokes the lease so the key disappears at once; with etcd down it gives up after
 * {@link #CALL_TIMEOUT} and the key expires with its lease instead.
 *
 * <p>Every step is published on the bus as a {@link RegistryEvent} whose message is the line an
 * operator reads, e.g. {@code ✓ Regional Client registered to etcd: /os/region/dc1} followed by
 * {@code [dc1] Heartbeat started (lease: 7587869347574829314)}, and logged in more detail.
 *
 * <p>Thread-safe: {@code start}/{@code stop} are serialised by {@link AbstractService}; events are
 * published from the worker thread ({@code etcd-registration}) and, on stop, from the stopping thread.
 */
public final class EtcdRegistration extends AbstractService {
    /** The service name used in logs, events and the console. */
    public static final String NAME = "etcd";
    /** Every region registers under this prefix. */
    public static final String KEY_PREFIX = "/os/region/";
    /**
     * Upper bound of the first call of each attempt (the lease grant), which also opens the connection;
     * longer than {@link #CALL_TIMEOUT} so that a cold JVM loading the gRPC stack is not taken for an
     * unreachable etcd.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Upper bound of every other etcd call (put, revoke). */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** First delay after a failed attempt; doubled after each further failure. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** Longest delay between two attempts. */
    public static final Duration MAX_RETRY = Duration.ofSeconds(10);
    /** How often the value is compared with the current {@link RegionInfo} even without a request. */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);
    static final long START_WAIT_SECONDS = 3;
    private static final Duration WORKER_EXIT_WAIT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(EtcdRegistration.class);

    private final String idc;
    private final List<URI> endpoints;
    private final Duration leaseTtl;
    private final Supplier<RegionInfo> info;
    private final EventBus bus;
    private final String key;
    private final ByteSequence keyBytes;
    private final String endpointList;
    private volatile Run run;

    /**
     * @param idc       the site name; the key is {@code /os/region/<idc>}
     * @param endpoints etcd client URLs ({@code http://host:port}), at least one
     * @param leaseTtl  time to live of the lease, whole seconds, at least 1 s (etcd may raise it to its minimum)
     * @param info      what to announce; called on the worker thread whenever the value is (re)written,
     *                  must be thread-safe and fast
     * @param bus       where {@link RegistryEvent}s go
     * @throws IllegalArgumentException for a blank idc, one containing {@code /}, no endpoints or an
     *                                  endpoint that is not an {@code http://host:port} URL
     */
    public EtcdRegistration(String idc, List<URI> endpoints, Duration leaseTtl, Supplier<RegionInfo> info, EventBus bus) {
        super(NAME);
        Objects.requireNonNull(idc, "idc");
        if (idc.isBlank() || idc.contains("/")) {
            throw new IllegalArgumentException("IDC name '" + idc + "' cannot be an etcd key part: it must be non-empty and contain no '/'");
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd registration needs at least one endpoint, e.g. --etcd=http://10.0.0.5:2379");
        }
        for (URI endpoint : endpoints) {
            if (!"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null || endpoint.getPort() < 0) {
                throw new IllegalArgumentException("etcd endpoint '" + endpoint + "' is not an http://host:port URL, e.g. http://10.0.0.5:2379");
            }
        }
        if (leaseTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("etcd lease TTL must be at least 1 second, got " + leaseTtl);
        }
        this.idc = idc;
        this.endpoints = List.copyOf(endpoints);
        this.leaseTtl = leaseTtl;
        this.info = Objects.requireNonNull(info, "info");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.key = KEY_PREFIX + idc;
        this.keyBytes = ByteSequence.from(key, StandardCharsets.UTF_8);
        this.endpointList = this.endpoints.stream().map(URI::toString).collect(Collectors.joining(","));
    }

    /** The key this service registers, {@code /os/region/<idc>}. */
    public String key() {
        return key;
    }

    /**
     * Asks the worker to compare the value in etcd with the current {@link RegionInfo} and write it if it
     * changed (e.g. a service started or stopped). Never blocks; does nothing when not running.
     */
    public void requestRefresh() {
        Run current = run;
        if (current != null) {
            current.signals.offer(Refresh.INSTANCE);
        }
    }

    @Override
    protected void doStart() {
        Run started = new Run();
        run = started;
        started.executor.execute(started);
        try {
            if (!started.firstOutcome.await(START_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.info("etcd registration of {} still pending after {}s; it continues in the background", key,
                        START_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doStop() {
        Run stopping = run;
        run = null;
        if (stopping != null) {
            stopping.stop();
        }
    }

    private void publish(RegistryEvent.Kind kind, long leaseId, String message) {
        bus.publish(new RegistryEvent(Instant.now(), idc, kind, leaseId, message));
    }

    private Client newClient() {
        return Client.builder()
                .endpoints(endpoints)
                .connectTimeout(CONNECT_TIMEOUT)
                // fail at once while etcd is unreachable instead of queueing; this class retries itself
                .waitForReady(false)
                .retryMaxAttempts(0)
                .build();
    }

    private static <T> T await(CompletableFuture<T> call) throws ExecutionException, TimeoutException, InterruptedException {
        return await(call, CALL_TIMEOUT);
    }

    private static <T> T await(CompletableFuture<T> call, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TimeoutException("no answer within " + timeout.toSeconds() + "s");
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    /** Describes why an etcd call failed, in a few words, e.g. "connection refused". */
    static String describe(Throwable failure) {
        Throwable t = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof TimeoutException) {
            return t.getMessage() == null ? "no answer in time" : t.getMessage();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host " + c.getMessage();
            }
        }
        Status status = Status.fromThrowable(t);
        if (status.getCause() != null && status.getCause().getMessage() != null) {
            // gRPC describes every transport failure as "io exception"; its cause says which one
            return status.getCause().getMessage();
        }
        if (status.getCode() != Status.Code.UNKNOWN) {
            String description = status.getDescription();
            return description == null || description.isBlank() ? status.getCode().name() : description;
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Whether a failure means etcd could not be reached at all (as opposed to etcd refusing the request). */
    static boolean isUnreachable(Throwable failure) {
        Throwable t = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof TimeoutException) {
            return true;
        }
        if (t instanceof EtcdException etcd) {
            return etcd.getErrorCode() == ErrorCode.UNAVAILABLE || etcd.getErrorCode() == ErrorCode.DEADLINE_EXCEEDED
                    || etcd.getErrorCode() == ErrorCode.UNKNOWN && connectionClosed(etcd);
        }
        Status.Code code = Status.fromThrowable(t).getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.UNKNOWN && connectionClosed(t);
    }

    /**
     * Whether a call failed because its connection closed under it: gRPC reports a call cut off by a
     * dying etcd as UNKNOWN "channel closed" (not UNAVAILABLE) when the connection drops mid-call.
     */
    static boolean connectionClosed(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ClosedChannelException
                    || c.getMessage() != null && c.getMessage().toLowerCase(Locale.ROOT).contains("channel closed")) {
                return true;
            }
        }
        return false;
    }

    /** Whether etcd answered that the lease does not exist (any more), so nothing hangs on it. */
    static boolean isLeaseNotFound(Throwable failure) {
        Throwable t = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.NOT_FOUND
                || Status.fromThrowable(t).getCode() == Status.Code.NOT_FOUND;
    }

    private String failureLine(String step, Throwable failure) {
        if (isUnreachable(failure)) {
            return "etcd unreachable at " + endpointList + " (" + describe(failure) + ")";
        }
        return "etcd at " + endpointList + " refused " + step + " (" + describe(failure) + ")";
    }

    /** What the worker waits for between two writes. */
    private sealed interface Signal permits Refresh, Lost {
    }

    private enum Refresh implements Signal { INSTANCE }

    /** The heartbeat of {@code session} stopped, for {@code reason}. */
    private record Lost(Session session, String reason) implements Signal {
    }

    /** One attempt's etcd client and what it registered with it. Fields are written by the worker only. */
    private static final class Session {
        final Client client;
        volatile long leaseId;
        volatile CloseableClient heartbeat;
        volatile String writtenValue;

        Session(Client client) {
            this.client = client;
        }

        void close() {
            CloseableClient beat = heartbeat;
            try {
                if (beat != null) {
                    beat.close();
                }
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("closing an etcd client failed", e);
            }
        }
    }

    /** An etcd call failed; the message is the operator line (without the {@code [idc]} prefix). */
    private static final class AttemptFailed extends Exception {
        AttemptFailed(String operatorMessage, Throwable cause) {
            super(operatorMessage, cause);
        }
    }

    /**
     * Everything one start owns: the worker thread, its signals and the leases it granted. A new Run is
     * made on every start, so a worker left over from an earlier start can never touch the next one.
     */
    private final class Run implements Runnable {
        final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "etcd-registration");
            thread.setDaemon(true);
            return thread;
        });
        final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        final CountDownLatch firstOutcome = new CountDownLatch(1);
        /** Leases the key may be attached to now; all of them are revoked on stop. */
        final Set<Long> keyLeases = ConcurrentHashMap.newKeySet();
        volatile Session session;
        /** Lease of the last successful write of the key, 0 before the first. */
        volatile long registeredLease;

        @Override
        public void run() {
            Duration retryDelay = FIRST_RETRY;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Session registered;
                    try {
                        registered = register();
                    } catch (AttemptFailed e) {
                        String line = e.getMessage() + ": retrying in " + retryDelay.toSeconds() + "s";
                        LOG.warn("{}: {}", key, line);
                        publish(RegistryEvent.Kind.RETRYING, 0, "[" + idc + "] " + line);
                        firstOutcome.countDown();
                        Thread.sleep(retryDelay.toMillis());
                        retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryDelay.multipliedBy(2);
                        continue;
                    }
                    firstOutcome.countDown();
                    retryDelay = FIRST_RETRY;
                    String reason = holdUntilLost(registered);
                    LOG.warn("{}: heartbeat of lease {} lost ({}); registering again", key, registered.leaseId, reason);
                    publish(RegistryEvent.Kind.CONNECTION_LOST, registered.leaseId, "[" + idc + "] Heartbeat lost (lease: "
                            + registered.leaseId + "): " + reason + " — registering again");
                    closeSession(registered);
                }
            } catch (InterruptedException stopRequested) {
                LOG.debug("etcd registration worker of {} stopped", key);
            }
        }

        /**
         * Opens a new client, grants a lease, writes the key and starts the heartbeat. On failure
         * everything opened here is closed again; on interruption it is left for {@link #stop()}.
         */
        private Session register() throws AttemptFailed, InterruptedException {
            Session attempt;
            try {
                attempt = new Session(newClient());
            } catch (RuntimeException e) {
                LOG.error("cannot create an etcd client for {}", endpointList, e);
                throw new AttemptFailed("cannot create an etcd client for " + endpointList + " (" + e.getMessage() + ")", e);
            }
            session = attempt;
            String step = "a lease";
            try {
                long leaseId = await(attempt.client.getLeaseClient()
                        .grant(leaseTtl.toSeconds(), CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), CONNECT_TIMEOUT).getID();
                attempt.leaseId = leaseId;
                step = "the write of " + key;
                String value = info.get().toJson();
                keyLeases.add(leaseId);
                await(attempt.client.getKVClient().put(keyBytes, ByteSequence.from(value, StandardCharsets.UTF_8),
                        PutOption.builder().withLeaseId(leaseId).build()));
                attempt.writtenValue = value;
                registeredLease = leaseId;
                LOG.info("registered {} with lease {} (TTL {}s) at {}: {}", key, leaseId, leaseTtl.toSeconds(), endpointList, value);
                publish(RegistryEvent.Kind.REGISTERED, leaseId, "✓ Regional Client registered to etcd: " + key);
                step = "the heartbeat of lease " + leaseId;
                // a heartbeat that fails from here on ends the session through Heartbeat → Lost
                attempt.heartbeat = attempt.client.getLeaseClient().keepAlive(leaseId, new Heartbeat(attempt));
                publish(RegistryEvent.Kind.HEARTBEAT_STARTED, leaseId, "[" + idc + "] Heartbeat started (lease: " + leaseId + ")");
                revokeLeasesOtherThan(attempt);
                return attempt;
            } catch (ExecutionException | TimeoutException e) {
                closeSession(attempt);
                throw new AttemptFailed(failureLine(step, e), e);
            } catch (RuntimeException e) {
                LOG.error("etcd registration of {} failed unexpectedly", key, e);
                closeSession(attempt);
                throw new AttemptFailed("etcd registration failed at " + step + " (" + e + ")", e);
            }
        }

        /** The key now hangs on the new lease: leases of earlier sessions hold nothing and are revoked quietly. */
        private void revokeLeasesOtherThan(Session current) throws InterruptedException {
            for (Long old : List.copyOf(keyLeases)) {
                if (old == current.leaseId) {
                    continue;
                }
                keyLeases.remove(old);
                try {
                    await(current.client.getLeaseClient().revoke(old));
                    LOG.debug("revoked the previous lease {} of {}", old, key);
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("previous lease {} of {} not revoked ({}); it expires on its own", old, key, describe(e));
                }
            }
        }

        /**
         * Waits while the heartbeat runs, rewriting the value when it changed. Returns why the session
         * ended, in operator words.
         */
        private String holdUntilLost(Session current) throws InterruptedException {
            while (true) {
                Signal signal = signals.poll(REFRESH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                if (signal instanceof Lost lost) {
                    if (lost.session() == current) {
                        return lost.reason();
                    }
                    continue;
                }
                String value;
                try {
                    value = info.get().toJson();
                } catch (RuntimeException e) {
                    LOG.error("cannot compute the etcd value of {}; keeping the previous one", key, e);
                    continue;
                }
                if (value.equals(current.writtenValue)) {
                    continue;
                }
                try {
                    await(current.client.getKVClient().put(keyBytes, ByteSequence.from(value, StandardCharsets.UTF_8),
                            PutOption.builder().withLeaseId(current.leaseId).build()));
                    current.writtenValue = value;
                    LOG.info("updated {}: {}", key, value);
                } catch (ExecutionException | TimeoutException e) {
                    return failureLine("the update of " + key, e);
                }
            }
        }

        private void closeSession(Session closing) {
            if (session == closing) {
                session = null;
            }
            closing.close();
        }

        /**
         * Stops the worker, then revokes every lease the key may hang on (bounded by {@link #CALL_TIMEOUT}
         * each) and closes the client. Runs on the thread calling {@link EtcdRegistration#stop()}.
         */
        void stop() {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(WORKER_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("etcd registration worker of {} did not stop within {} ms", key, WORKER_EXIT_WAIT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Session last = session;
            session = null;
            if (keyLeases.isEmpty()) {
                if (last != null) {
                    last.close();
                }
                LOG.info("etcd registration of {} stopped; nothing was registered", key);
                return;
            }
            if (last != null && last.heartbeat != null) {
                last.heartbeat.close();
            }
            Client client = last != null ? last.client : newClient();
            long shown = registeredLease != 0 ? registeredLease : keyLeases.iterator().next();
            try {
                for (Long lease : List.copyOf(keyLeases)) {
                    try {
                        await(client.getLeaseClient().revoke(lease));
                    } catch (ExecutionException e) {
                        if (!isLeaseNotFound(e)) {
                            throw e;
                        }
                        LOG.debug("lease {} of {} had already expired", lease, key);
                    }
                    keyLeases.remove(lease);
                }
                LOG.info("revoked lease {}: {} removed from etcd", shown, key);
                publish(RegistryEvent.Kind.REVOKED, shown, "[" + idc + "] Lease " + shown + " revoked: " + key + " removed from etcd");
            } catch (ExecutionException | TimeoutException e) {
                String line = failureLine("the revocation of lease " + shown, e) + ": " + key
                        + " disappears when its lease expires (within " + leaseTtl.toSeconds() + "s)";
                LOG.warn("{}", line);
                LOG.debug("revocation of lease {} failed", shown, e);
                publish(RegistryEvent.Kind.CONNECTION_LOST, shown, "[" + idc + "] " + line);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while revoking lease {} of {}; it expires within {}s", shown, key, leaseTtl.toSeconds());
            } finally {
                client.close();
            }
        }

        /** Receives heartbeat answers on a jetcd thread; must not block. */
        private final class Heartbeat implements StreamObserver<LeaseKeepAliveResponse> {
            private final Session owner;

            Heartbeat(Session owner) {
                this.owner = owner;
            }

            @Override
            public void onNext(LeaseKeepAliveResponse response) {
                LOG.trace("{}: heartbeat of lease {} answered, TTL {}s", key, response.getID(), response.getTTL());
            }

            @Override
            public void onError(Throwable failure) {
                String reason = isUnreachable(failure) ? "connection to etcd lost (" + describe(failure) + ")" : describe(failure);
                signals.offer(new Lost(owner, reason));
            }

            @Override
            public void onCompleted() {
                String reason = "lease expired: etcd confirmed no heartbeat within " + leaseTtl.toSeconds() + "s";
                signals.offer(new Lost(owner, reason));
            }
        }
    }
}
