package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.Engine;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.config.TftpConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.lifecycle.ServiceState;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop, failures and limits of the TFTP service, alone and inside the {@link Engine}. */
class TftpServiceLifecycleTest {
    @TempDir
    Path root;

    private EngineConfig.Builder loopback(TftpConfig tftp) {
        return EngineConfig.builder().idc("test").serverIp("127.0.0.1").listenAddress("127.0.0.1").apiPort(0)
                .staticRoot(root).tftp(tftp);
    }

    @Test
    void aTakenPortFailsTftpAloneWithTheNextStepWhileHttpRuns() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Engine engine = new Engine(loopback(TftpConfig.DEFAULTS.withEnabled(true).withPort(taken.getLocalPort()))
                     .build(), new EventBus())) {
            Map<Service, ServiceException> failures = engine.startAll();

            TftpService tftp = engine.tftp().orElseThrow();
            assertThat(failures).containsOnlyKeys(tftp);
            assertThat(failures.get(tftp)).hasMessage("port " + taken.getLocalPort() + " (UDP) is in use, perhaps by"
                    + " another TFTP server (tftpd-hpa, atftpd, dnsmasq) — stop it or choose another port with --tftp-port");
            assertThat(tftp.state()).isEqualTo(ServiceState.FAILED);
            assertThat(engine.http().state()).isEqualTo(ServiceState.RUNNING);
            assertThat(engine.services()).extracting(Service::name).containsExactly("http", "tftp");
        }
    }

    @Test
    void withoutEnableTftpThereIsNoTftpService() {
        try (Engine engine = new Engine(loopback(TftpConfig.DEFAULTS).build(), new EventBus())) {
            assertThat(engine.tftp()).isEmpty();
            assertThat(engine.services()).extracting(Service::name).containsExactly("http");
        }
    }

    @Test
    void bindFailuresAreExplainedInOperatorWords() {
        assertThat(TftpService.explainBindFailure(new SocketException("Permission denied"), "0.0.0.0", 69))
                .isEqualTo("port 69 needs privileges — run as root, grant cap_net_bind_service (setcap"
                        + " cap_net_bind_service=+ep on the program), or choose a port above 1023 with --tftp-port");
        assertThat(TftpService.explainBindFailure(new BindException("Cannot assign requested address"), "10.9.9.9", 69))
                .isEqualTo("cannot serve TFTP on 10.9.9.9:69 — that address is not on this machine; check --interface"
                        + " and --listen-address");
    }

    @Test
    void anUnknownInterfaceFailsWithItsName() {
        TftpService tftp = new TftpService(loopback(TftpConfig.DEFAULTS.withEnabled(true).withPort(0))
                .interfaceName("nope0").build(), new EventBus(), (name, client) -> {
                    throw new TftpRefusal(TftpErrorCode.FILE_NOT_FOUND, "none");
                });

        assertThatThrownBy(tftp::start).isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("there is no network interface named 'nope0'")
                .hasMessageEndingWith("— choose another --interface");
        assertThat(tftp.state()).isEqualTo(ServiceState.FAILED);
    }

    @Test
    void theLoopbackInterfaceBindsItsAddressAndAnnouncesIt() throws Exception {
        EventBus bus = new EventBus();
        java.util.List<io.lpmos.engine.events.EngineEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventBus.Subscription recorder = bus.subscribe("test", 1000, events::add);
        TftpService tftp = new TftpService(loopback(TftpConfig.DEFAULTS.withEnabled(true).withPort(0))
                .listenAddress("0.0.0.0").interfaceName("lo").build(), bus, (name, client) -> {
                    throw new TftpRefusal(TftpErrorCode.FILE_NOT_FOUND, "none");
                });
        try {
            tftp.start();

            assertThat(tftp.boundAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            recorder.awaitDrained(2000);
            assertThat(events).anyMatch(e -> e instanceof io.lpmos.engine.events.Notice n
                    && n.text().equals("✓ TFTP server listening on 127.0.0.1:" + tftp.boundPort()));
        } finally {
            tftp.stop();
            recorder.close();
        }
    }

    @Test
    void stopsAndStartsAgainOnANewSocket() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        Files.writeString(root.resolve("boot/a.txt"), "a");
        try (RunningTftp server = RunningTftp.start(root)) {
            int first = server.port();
            server.service().stop();
            assertThat(server.service().boundPort()).isEqualTo(-1);
            server.service().start();
            assertThat(server.service().state()).isEqualTo(ServiceState.RUNNING);
            try (TftpTestClient client = new TftpTestClient(server.address())) {
                assertThat(client.download("boot/a.txt").bytes()).containsExactly('a');
            }
            assertThat(first).isPositive();
        }
    }

    @Test
    void stoppingTheServiceEndsRunningTransfersWithAnError() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        Files.write(root.resolve("boot/big.bin"), new byte[1_000_000]);
        try (RunningTftp server = RunningTftp.start(root); TftpTestClient client = new TftpTestClient(server.address())) {
            client.readRequest("boot/big.bin", "octet");
            TftpTestClient.Packet first = client.receive();
            assertThat(first.block()).isEqualTo(1);

            server.service().stop();

            TftpTestClient.Packet next = client.receive();
            while (next.isData()) {
                next = client.receive();
            }
            assertThat(next.errorCode()).isZero();
            assertThat(next.errorMessage()).isEqualTo("Server is stopping");
            TftpTransfer event = server.awaitTransfer(t -> t.file().equals("boot/big.bin"));
            assertThat(event.outcome()).isEqualTo(TftpTransfer.Outcome.ERROR);
            assertThat(event.detail()).isEqualTo("the TFTP service stopped");
            assertThat(server.service().state()).isEqualTo(ServiceState.STOPPED);
        }
    }

    @Test
    void requestsBeyondTheLimitAreRefusedAsBusy() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        Files.write(root.resolve("boot/big.bin"), new byte[100_000]);
        try (RunningTftp server = RunningTftp.start(root, tftp -> tftp.withMaxTransfers(2));
             TftpTestClient one = new TftpTestClient(server.address());
             TftpTestClient two = new TftpTestClient(server.address());
             TftpTestClient three = new TftpTestClient(server.address())) {
            one.readRequest("boot/big.bin", "octet");
            two.readRequest("boot/big.bin", "octet");
            assertThat(one.receive().isData()).isTrue();
            assertThat(two.receive().isData()).isTrue();

            three.readRequest("boot/big.bin", "octet");

            TftpTestClient.Packet refused = three.receive();
            assertThat(refused.errorCode()).isZero();
            assertThat(refused.errorMessage()).isEqualTo("Server busy: 2 transfers running, try again");
            TftpTransfer event = server.awaitTransfer(t -> t.clientPort() == three.localAddress().getPort());
            assertThat(event.outcome()).isEqualTo(TftpTransfer.Outcome.ERROR);
        }
    }
}
