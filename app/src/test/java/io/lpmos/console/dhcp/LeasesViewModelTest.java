package io.lpmos.console.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.tasks.SameThreadTasks;
import io.lpmos.engine.Engine;
import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.DhcpExchange;
import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeasesViewModelTest {
    private static final Instant UNTIL = Instant.parse("2026-02-04T15:00:00Z");

    @TempDir
    Path root;

    private Engine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private LeasesViewModel model(DhcpMode mode) {
        engine = new Engine(EngineConfig.builder().idc("test").listenAddress("127.0.0.1").apiPort(0)
                .serverIp("127.0.0.1").staticRoot(root).interfaceName("lo")
                .dhcp(DhcpConfig.DEFAULTS.toBuilder().enabled(true).mode(mode).stateDir(root.resolve("../state")).build())
                .build(), new EventBus());
        return new LeasesViewModel(engine.dhcp(), new SameThreadTasks());
    }

    private static DhcpExchange ack(String mac, String address, String host) {
        return new DhcpExchange(Instant.now(), mac, DhcpMessage.REQUEST, DhcpMessage.ACK, "x64 UEFI", address, host,
                "boot/ipxe.efi", UNTIL, null);
    }

    @Test
    void acknowledgedLeasesAreShownByAddressAndReleasesRemoveThem() {
        LeasesViewModel model = model(DhcpMode.FULL);
        assertThat(model.placeholderProperty().get()).isEqualTo("No leases yet: machines that boot get theirs here");

        List<EngineEvent> events = List.of(
                ack("52:54:00:00:00:02", "10.0.0.10", "node-2"),
                ack("52:54:00:00:00:01", "10.0.0.9", null),
                new DhcpExchange(Instant.now(), "52:54:00:00:00:03", DhcpMessage.DISCOVER, DhcpMessage.OFFER, null,
                        "10.0.0.11", null, null, null, null));
        model.onEvents(events, false);

        assertThat(model.rows()).containsExactly(
                new LeaseRow("52:54:00:00:00:01", "10.0.0.9", null, "x64 UEFI", UNTIL),
                new LeaseRow("52:54:00:00:00:02", "10.0.0.10", "node-2", "x64 UEFI", UNTIL));
        assertThat(model.summaryProperty().get()).isEqualTo("2 leases");

        model.onEvents(List.of(new DhcpExchange(Instant.now(), "52:54:00:00:00:01", DhcpMessage.RELEASE, null, null,
                "10.0.0.9", null, null, null, null)), false);
        assertThat(model.rows()).extracting(LeaseRow::mac).containsExactly("52:54:00:00:00:02");
        assertThat(model.summaryProperty().get()).isEqualTo("1 lease");
    }

    @Test
    void lostEventsMakeItReadTheServiceAgain() {
        LeasesViewModel model = model(DhcpMode.FULL);
        model.onEvents(List.of(ack("52:54:00:00:00:02", "10.0.0.10", "node-2")), false);

        model.onEvents(List.of(), true);

        assertThat(model.rows()).as("the stopped service holds no leases").isEmpty();
    }

    @Test
    void proxyModeAndNoInterfaceSayWhyThereAreNone() {
        assertThat(model(DhcpMode.PROXY).placeholderProperty().get())
                .isEqualTo("Proxy mode hands out no addresses: leases appear here in full mode");
        assertThat(new LeasesViewModel(Optional.empty(), new SameThreadTasks()).placeholderProperty().get())
                .isEqualTo("DHCP needs a network interface: choose one in the toolbar");
    }
}
