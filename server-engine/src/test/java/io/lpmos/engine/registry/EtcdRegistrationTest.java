package io.lpmos.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmos.engine.Engine;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.RegistryEvent;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Registration against a real etcd process on loopback; skipped when etcd is not installed. */
@Timeout(40)
class EtcdRegistrationTest {
    private static final Instant STARTED = Instant.parse("2026-02-04T14:00:00.750Z");
    private final ObjectMapper json = new ObjectMapper();
    private final List<RegistryEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private EventBus bus;
    private EventBus.Subscription subscription;

    @TempDir
    Path tmp;

    @BeforeEach
    void subscribe() {
        bus = new EventBus();
        subscription = bus.subscribe("test", 1024, event -> {
            if (event instanceof RegistryEvent registry) {
                events.add(registry);
            }
        });
    }

    @AfterEach
    void release() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        subscription.close();
    }

    private EtcdProcess etcd(boolean started) throws Exception {
        assumeTrue(EtcdProcess.available(), "etcd is not installed at " + EtcdProcess.BINARY
                + " (apt-get install etcd-server etcd-client): real-etcd registration tests skipped");
        EtcdProcess etcd = EtcdProcess.prepare(tmp);
        cleanup.add(etcd);
        if (started) {
            etcd.start();
        }
        return etcd;
    }

    private EtcdRegistration registration(String idc, EtcdProcess etcd, Duration ttl, AtomicReference<List<String>> services) {
        EtcdRegistration registration = new EtcdRegistration(idc, List.of(etcd.endpoint()), ttl,
                () -> new RegionInfo(idc, "192.0.2.10", 8081, services.get(), "1.2.3", STARTED), bus);
        cleanup.add(registration::stop);
        return registration;
    }

    private List<String> messages() throws InterruptedException {
        subscription.awaitDrained(2000);
        return events.stream().map(RegistryEvent::message).toList();
    }

    private static <T> T eventually(Duration timeout, String what, Callable<Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = probe.call();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                return fail("not within " + timeout.toSeconds() + "s: " + what);
            }
            Thread.sleep(100);
        }
    }

    /**
     * The key as soon as it is there: start() waits only a bounded time for the first registration, and
     * on a loaded machine a cold JVM may need longer to load the gRPC stack.
     */
    private static EtcdProcess.Entry registered(EtcdProcess etcd, String key) throws Exception {
        return eventually(Duration.ofSeconds(10), key + " registered", () -> etcd.get(key));
    }

    @Test
    void registersTheRegionAsJsonOnALeaseAndRevokesItOnStop() throws Exception {
        EtcdProcess etcd = etcd(true);
        EtcdRegistration registration = registration("dc1", etcd, Duration.ofSeconds(5),
                new AtomicReference<>(List.of("http", "tftp")));

        registration.start();

        assertThat(registration.state()).isEqualTo(ServiceState.RUNNING);
        EtcdProcess.Entry entry = registered(etcd, "/os/region/dc1");
        assertThat(entry.lease()).isPositive();
        JsonNode value = json.readTree(entry.value());
        assertThat(value.fieldNames()).toIterable()
                .containsExactly("idc", "server_ip", "api_port", "services", "version", "started_at");
        assertThat(value.path("idc").asText()).isEqualTo("dc1");
        assertThat(value.path("server_ip").asText()).isEqualTo("192.0.2.10");
        assertThat(value.path("api_port").isInt()).isTrue();
        assertThat(value.path("api_port").asInt()).isEqualTo(8081);
        assertThat(value.path("services").toString()).isEqualTo("[\"http\",\"tftp\"]");
        assertThat(value.path("version").asText()).isEqualTo("1.2.3");
        assertThat(value.path("started_at").asText()).isEqualTo("2026-02-04T14:00:00Z");
        eventually(Duration.ofSeconds(5), "heartbeat started", () -> events.stream()
                .filter(e -> e.kind() == RegistryEvent.Kind.HEARTBEAT_STARTED).findFirst());
        assertThat(messages()).containsExactly(
                "✓ Regional Client registered to etcd: /os/region/dc1",
                "[dc1] Heartbeat started (lease: " + entry.lease() + ")");

        registration.stop();

        assertThat(registration.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(etcd.get("/os/region/dc1")).isEmpty();
        assertThat(events.get(events.size() - 1).kind()).isEqualTo(RegistryEvent.Kind.REVOKED);
        assertThat(messages()).last().isEqualTo("[dc1] Lease " + entry.lease() + " revoked: /os/region/dc1 removed from etcd");
    }

    @Test
    void rewritesTheValueWhenTheRunningServicesChange() throws Exception {
        EtcdProcess etcd = etcd(true);
        AtomicReference<List<String>> services = new AtomicReference<>(List.of("http"));
        EtcdRegistration registration = registration("dc2", etcd, Duration.ofSeconds(5), services);
        registration.start();
        long lease = registered(etcd, "/os/region/dc2").lease();

        services.set(List.of("http", "tftp", "dhcp"));
        registration.requestRefresh();

        String updated = eventually(Duration.ofSeconds(5), "services list rewritten", () -> etcd.get("/os/region/dc2")
                .filter(e -> e.value().contains("dhcp")).map(EtcdProcess.Entry::value));
        assertThat(json.readTree(updated).path("services").toString()).isEqualTo("[\"http\",\"tftp\",\"dhcp\"]");
        assertThat(etcd.get("/os/region/dc2").orElseThrow().lease()).isEqualTo(lease);
    }

    @Test
    void registersAgainWithANewLeaseAfterAnOutageLongerThanTheLease() throws Exception {
        EtcdProcess etcd = etcd(true);
        Duration ttl = Duration.ofSeconds(2);
        EtcdRegistration registration = registration("dc3", etcd, ttl, new AtomicReference<>(List.of("http")));
        registration.start();
        long firstLease = registered(etcd, "/os/region/dc3").lease();

        etcd.kill();
        Thread.sleep(ttl.plusSeconds(1).toMillis());
        etcd.start();

        long secondLease = eventually(Duration.ofSeconds(20), "key registered again on a new lease",
                () -> etcd.get("/os/region/dc3").map(EtcdProcess.Entry::lease).filter(lease -> lease != firstLease));
        assertThat(registration.state()).isEqualTo(ServiceState.RUNNING);
        eventually(Duration.ofSeconds(5), "heartbeat restarted", () -> Optional.of(messages())
                .filter(lines -> lines.contains("[dc3] Heartbeat started (lease: " + secondLease + ")")));
        List<RegistryEvent.Kind> kinds = events.stream().map(RegistryEvent::kind).toList();
        assertThat(kinds).startsWith(RegistryEvent.Kind.REGISTERED, RegistryEvent.Kind.HEARTBEAT_STARTED,
                RegistryEvent.Kind.CONNECTION_LOST);
        assertThat(kinds).endsWith(RegistryEvent.Kind.REGISTERED, RegistryEvent.Kind.HEARTBEAT_STARTED);
        assertThat(messages()).anySatisfy(line -> assertThat(line)
                .startsWith("[dc3] Heartbeat lost (lease: " + firstLease + "): ").endsWith(" — registering again"));

        registration.stop();
        assertThat(etcd.get("/os/region/dc3")).isEmpty();
    }

    @Test
    void registersAgainWhenItsLeaseIsRevokedBehindItsBack() throws Exception {
        EtcdProcess etcd = etcd(true);
        EtcdRegistration registration = registration("dc7", etcd, Duration.ofSeconds(5), new AtomicReference<>(List.of("http")));
        registration.start();
        long firstLease = registered(etcd, "/os/region/dc7").lease();

        etcd.revokeLease(firstLease);

        long secondLease = eventually(Duration.ofSeconds(10), "key registered again on a new lease",
                () -> etcd.get("/os/region/dc7").map(EtcdProcess.Entry::lease).filter(lease -> lease != firstLease));
        assertThat(messages()).contains("[dc7] Heartbeat lost (lease: " + firstLease + "): etcdserver: requested lease not found"
                + " — registering again");
        registration.stop();
        assertThat(etcd.get("/os/region/dc7")).isEmpty();
        assertThat(messages()).last().isEqualTo("[dc7] Lease " + secondLease + " revoked: /os/region/dc7 removed from etcd");
    }

    @Test
    void etcdDownAtStartDelaysNeitherTheEngineNorHttpAndRegistersOnceEtcdIsUp() throws Exception {
        EtcdProcess etcd = etcd(false);
        EngineConfig config = EngineConfig.builder().idc("dc4").serverIp("127.0.0.1").listenAddress("127.0.0.1")
                .apiPort(0).staticRoot(tmp.resolve("tftpboot")).etcdEndpoints(List.of(etcd.endpoint()))
                .etcdLeaseTtl(Duration.ofSeconds(3)).build();
        Engine engine = new Engine(config, bus);
        cleanup.add(engine);

        engine.prepareBootTree();
        engine.http().start();
        long began = System.nanoTime();
        engine.registration().orElseThrow().start();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(took).isLessThan(Duration.ofSeconds(4));
        assertThat(engine.services()).extracting(Service::name).containsExactly("http", "etcd");
        assertThat(engine.services()).extracting(Service::state).containsOnly(ServiceState.RUNNING);
        HttpResponse<String> listing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                engine.http().uri().resolve("api/v1/files/static")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).isEqualTo(200);
        String retrying = eventually(Duration.ofSeconds(6), "a retry announced",
                () -> events.stream().filter(e -> e.kind() == RegistryEvent.Kind.RETRYING).findFirst().map(RegistryEvent::message));
        assertThat(retrying).startsWith("[dc4] etcd unreachable at " + etcd.endpoint() + " (connection refused): retrying in ");

        etcd.start();

        String value = eventually(Duration.ofSeconds(15), "registration once etcd is up",
                () -> etcd.get("/os/region/dc4").map(EtcdProcess.Entry::value));
        JsonNode region = json.readTree(value);
        assertThat(region.path("idc").asText()).isEqualTo("dc4");
        assertThat(region.path("server_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(region.path("api_port").asInt()).isEqualTo(engine.http().boundPort());
        assertThat(region.path("services").toString()).isEqualTo("[\"http\"]");

        engine.stopAll();
        assertThat(etcd.get("/os/region/dc4")).isEmpty();
    }

    @Test
    void stopWhileEtcdIsDownReturnsInBoundedTime() throws Exception {
        EtcdProcess etcd = etcd(true);
        EtcdRegistration registration = registration("dc5", etcd, Duration.ofSeconds(2), new AtomicReference<>(List.of("http")));
        registration.start();
        registered(etcd, "/os/region/dc5");
        etcd.kill();

        long began = System.nanoTime();
        registration.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(took).isLessThan(Duration.ofSeconds(4));
        assertThat(registration.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(messages()).last().asString().startsWith("[dc5] etcd unreachable at " + etcd.endpoint())
                .endsWith("/os/region/dc5 disappears when its lease expires (within 2s)");
    }

    @Test
    void anEngineWithoutEtcdEndpointsHasNoRegistration() {
        EngineConfig config = EngineConfig.builder().idc("dc6").serverIp("127.0.0.1").listenAddress("127.0.0.1")
                .apiPort(0).staticRoot(tmp.resolve("tftpboot")).build();
        Engine engine = new Engine(config, bus);

        assertThat(engine.registration()).isEmpty();
        assertThat(engine.services()).extracting(Service::name).containsExactly("http");
    }

    @Test
    void rejectsKeysAndEndpointsItCannotUse() {
        List<URI> endpoints = List.of(URI.create("http://127.0.0.1:2379"));
        Duration ttl = Duration.ofSeconds(5);
        assertThatThrownBy(() -> new EtcdRegistration("dc/1", endpoints, ttl, () -> null, bus))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contain no '/'");
        assertThatThrownBy(() -> new EtcdRegistration("dc1", List.of(), ttl, () -> null, bus))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one endpoint");
        assertThatThrownBy(() -> new EtcdRegistration("dc1", List.of(URI.create("https://etcd.example:2379")), ttl, () -> null, bus))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an http://host:port URL");
        assertThatThrownBy(() -> new EtcdRegistration("dc1", List.of(URI.create("http://127.0.0.1")), ttl, () -> null, bus))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an http://host:port URL");
    }
}
