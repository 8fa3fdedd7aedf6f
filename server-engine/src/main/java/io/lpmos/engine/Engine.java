package io.lpmos.engine;

import io.lpmos.engine.boot.ConfiguredBootPolicy;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.dhcp.DhcpService;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.files.BootTree;
import io.lpmos.engine.files.SafePathResolver;
import io.lpmos.engine.http.HttpService;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.lifecycle.ServiceState;
import io.lpmos.engine.mirror.FetchService;
import io.lpmos.engine.mirror.FetchTuning;
import io.lpmos.engine.net.HttpUrls;
import io.lpmos.engine.net.NetworkInterfaces;
import io.lpmos.engine.registry.EtcdRegistration;
import io.lpmos.engine.registry.RegionInfo;
import io.lpmos.engine.tftp.BootTreeFileSource;
import io.lpmos.engine.tftp.TftpService;
import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: builds every service from one {@link EngineConfig} and owns them and the event
 * bus. Services start in order and stop in reverse; each can also be started and stopped on its own
 * (the console's toolbar does), any number of times. The mirror {@link #fetches()} service is owned
 * here too but is no PXE service: it is not in {@link #services()}, so Start/Stop PXE leave fetches
 * alone; {@link #close()} stops it with everything else. Thread-safe.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    public static final String SOURCE = "engine";

    private final EngineConfig config;
    private final EventBus bus;
    private final String serverIp;
    private final HttpService http;
    private final TftpService tftp;
    private final DhcpService dhcp;
    private final EtcdRegistration registration;
    private final Instant startedAt = Instant.now();
    private final List<Service> services;
    private final ExecutorService fetchThreads;
    private final FetchService fetches;

    /**
     * @throws IllegalArgumentException when {@code --interface} names no interface of this machine
     */
    public Engine(EngineConfig config, EventBus bus) {
        this.config = config;
        this.bus = bus;
        this.serverIp = resolveServerIp(config);
        this.http = new HttpService(config, bus, serverIp);
        List<Service> all = new ArrayList<>();
        all.add(http);
        if (config.tftp().enabled()) {
            this.tftp = new TftpService(config, bus, new BootTreeFileSource(
                    new SafePathResolver(config.staticRoot().toAbsolutePath().normalize())));
            all.add(tftp);
        } else {
            this.tftp = null;
        }
        if (config.dhcp().enabled()) {
            this.dhcp = new DhcpService(config, bus, serverIp, new ConfiguredBootPolicy(config.dhcp().bootFiles(),
                    config.dhcp().ipxeScript(), config.staticRoot(), this::httpBase));
            all.add(dhcp);
        } else {
            this.dhcp = null;
        }
        if (config.etcdEnabled()) {
            this.registration = new EtcdRegistration(config.idc(), config.etcdEndpoints(), config.etcdLeaseTtl(),
                    this::regionInfo, bus);
            all.add(registration);
        } else {
            this.registration = null;
        }
        this.services = Collections.unmodifiableList(all);
        this.fetchThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fetch");
            thread.setDaemon(true);
            return thread;
        });
        this.fetches = new FetchService(bus, fetchThreads, FetchTuning.DEFAULTS);
        for (Service service : services) {
            service.addListener((s, from, to, cause) -> {
                bus.publish(new ServiceStateChanged(Instant.now(), s.name(), from, to, cause));
                if (registration != null && s != registration) {
                    registration.requestRefresh();
                }
            });
        }
    }

    private static String resolveServerIp(EngineConfig config) {
        if (config.serverIp() != null) {
            return config.serverIp();
        }
        if (config.interfaceName() != null) {
            try {
                return NetworkInterfaces.ipv4Of(config.interfaceName()).orElseThrow(() -> new IllegalArgumentException(
                        "interface " + config.interfaceName() + " has no IPv4 address — give one with --server-ip"));
            } catch (SocketException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return NetworkInterfaces.defaultIpv4();
    }

    public EngineConfig config() {
        return config;
    }

    public EventBus events() {
        return bus;
    }

    /** The address announced to clients and etcd. */
    public String serverIp() {
        return serverIp;
    }

    public HttpService http() {
        return http;
    }

    /** The TFTP service, present only when {@code --enable-tftp} is set. */
    public Optional<TftpService> tftp() {
        return Optional.ofNullable(tftp);
    }

    /** The DHCP service, present only when DHCP is enabled. */
    public Optional<DhcpService> dhcp() {
        return Optional.ofNullable(dhcp);
    }

    /**
     * This server's HTTP base URL as clients reach it, e.g. {@code http://10.0.0.1:8081}: the announced
     * address and the port HTTP listens on (the configured one while HTTP is stopped).
     */
    public String httpBase() {
        int port = http.boundPort();
        return HttpUrls.base(config.tlsEnabled(), serverIp, port > 0 ? port : config.apiPort());
    }

    /** The etcd registration, present only when etcd endpoints are configured. */
    public Optional<EtcdRegistration> registration() {
        return Optional.ofNullable(registration);
    }

    /**
     * What this site announces in etcd now: the running services (the registration itself aside) and
     * the port HTTP actually listens on (the configured one while HTTP is stopped). Thread-safe.
     */
    public RegionInfo regionInfo() {
        int port = http.boundPort();
        List<String> running = runningServices().stream().filter(name -> !name.equals(EtcdRegistration.NAME)).toList();
        return new RegionInfo(config.idc(), serverIp, port > 0 ? port : config.apiPort(), running, EngineVersion.get(),
                startedAt);
    }

    /** Mirror fetches into the boot tree (SPEC §7); started by whoever fetches (the console's Fetches view). */
    public FetchService fetches() {
        return fetches;
    }

    /** Every service, in start order. */
    public List<Service> services() {
        return services;
    }

    /** Names of the services that are running now, e.g. {@code [http, tftp]}. */
    public List<String> runningServices() {
        return services.stream().filter(s -> s.state() == ServiceState.RUNNING)
                .map(Service::name).toList();
    }

    /**
     * Creates the missing parts of the boot tree (SPEC §2) and reports it.
     *
     * @throws IOException with an operator-worded message naming the path and the reason
     */
    public Path prepareBootTree() throws IOException {
        Path root = config.staticRoot().toAbsolutePath().normalize();
        List<Path> created = BootTree.prepare(root);
        if (!created.isEmpty()) {
            LOG.info("created {} missing boot tree entries under {}", created.size(), root);
        }
        bus.publish(Notice.info(SOURCE, "✓ Static file directories ready: " + config.staticRoot()));
        return root;
    }

    /**
     * Prepares the boot tree and starts every service in order. A service that fails is left FAILED
     * (having undone its own partial start) and the others still start.
     *
     * @return the failures by service, empty when everything runs
     * @throws IOException when the boot tree cannot be prepared (nothing is started then)
     */
    public Map<Service, ServiceException> startAll() throws IOException {
        return startAll(service -> true);
    }

    /**
     * Like {@link #startAll()}, for the services {@code include} accepts only (the console's per-service
     * toggles); the others are left as they are.
     */
    public Map<Service, ServiceException> startAll(Predicate<? super Service> include) throws IOException {
        prepareBootTree();
        Map<Service, ServiceException> failures = new LinkedHashMap<>();
        for (Service service : services) {
            if (!include.test(service)) {
                continue;
            }
            try {
                service.start();
            } catch (ServiceException e) {
                failures.put(service, e);
                bus.publish(Notice.error(service.name(), e.getMessage()));
            }
        }
        return failures;
    }

    /** Stops every service in reverse order. */
    public void stopAll() {
        List<Service> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        for (Service service : reversed) {
            service.stop();
        }
    }

    /** Stops every service and the fetches (cancelling those in progress; their parts stay for a resume). */
    @Override
    public void close() {
        stopAll();
        fetches.stop();
        fetchThreads.shutdownNow();
    }
}
