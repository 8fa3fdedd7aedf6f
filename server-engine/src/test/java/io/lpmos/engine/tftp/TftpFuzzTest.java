package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.lifecycle.ServiceState;
import io.lpmos.engine.testing.ExternalCommand;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 120,000 random and mutated packets at the server port, from 16 source ports, then a real client
 * (tftp-hpa) and the in-process client must still be served: the listener never lets an exception
 * out of its loop, the service stays RUNNING, and every transfer the fuzz started ends by itself.
 */
class TftpFuzzTest {
    private static final int PACKETS = 120_000;

    @TempDir
    Path root;

    @Test
    void survivesRandomAndMutatedPacketsAndKeepsServing() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        byte[] image = new byte[100_000];
        new Random(1).nextBytes(image);
        Files.write(root.resolve("boot/ipxe.efi"), image);
        try (RunningTftp server = RunningTftp.start(root, tftp -> tftp.withTimeoutMillis(20).withRetries(1)
                .withMaxTransfers(64))) {
            Random random = new Random(20261201);
            List<byte[]> seeds = List.of(
                    TftpTestClient.request(1, "boot/ipxe.efi", "octet", "blksize", "1468", "tsize", "0", "windowsize", "4"),
                    TftpTestClient.request(1, "boot/ipxe.efi", "netascii"),
                    TftpTestClient.request(2, "boot/new.efi", "octet"),
                    TftpTestClient.request(1, "../../etc/passwd", "octet", "timeout", "1"),
                    new byte[] {0, 4, 0, 1},
                    new byte[] {0, 3, 0, 1, 1, 2, 3},
                    new byte[] {0, 5, 0, 8, 'x', 0},
                    new byte[] {0, 6, 'b', 'l', 'k', 's', 'i', 'z', 'e', 0, '8', 0});
            List<DatagramSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    socket.setReceiveBufferSize(4096);
                    sockets.add(socket);
                }
                InetSocketAddress target = server.address();
                for (int i = 0; i < PACKETS; i++) {
                    byte[] packet = i % 3 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
                    sockets.get(random.nextInt(sockets.size())).send(new DatagramPacket(packet, packet.length, target));
                    if (i % 500 == 0) {
                        keepPace(server, i);
                    }
                }
            } finally {
                sockets.forEach(DatagramSocket::close);
            }

            long read = 0;
            for (long wait = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() < wait; ) {
                read = server.service().receivedPackets();
                if (read >= PACKETS) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(read).as("packets the listener read (the kernel may drop a few)").isGreaterThanOrEqualTo(100_000);
            assertThat(server.service().state()).isEqualTo(ServiceState.RUNNING);
            assertThat(server.service().unreadablePackets()).as("packets the listener had to refuse").isGreaterThan(10_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.service().activeTransfers() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.service().activeTransfers()).as("transfers the fuzz started have ended").isZero();

            try (TftpTestClient client = new TftpTestClient(server.address())) {
                assertThat(client.download("boot/ipxe.efi", "blksize", "1468").bytes()).isEqualTo(image);
            }
            Path copy = root.resolve("copy.efi");
            try {
                ExternalCommand.Result hpa = ExternalCommand.run(Duration.ofSeconds(30), List.of("tftp", "-m", "binary",
                        "127.0.0.1", Integer.toString(server.port()), "-c", "get", "boot/ipxe.efi", copy.toString()));
                assertThat(hpa.exitCode()).as(hpa.stderr()).isZero();
                assertThat(Files.readAllBytes(copy)).isEqualTo(image);
            } catch (IOException notInstalled) {
                // tftp-hpa missing: the in-process client above has shown the server still serves
            }
        }
    }

    /** Lets the listener catch up (bounded), so the packets are read rather than dropped by the kernel. */
    private static void keepPace(RunningTftp server, int sent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (server.service().receivedPackets() < sent - 1000 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] packet = new byte[random.nextInt(600)];
        random.nextBytes(packet);
        if (packet.length >= 2 && random.nextBoolean()) {
            packet[0] = 0;
            packet[1] = (byte) random.nextInt(8);
        }
        return packet;
    }

    /** Flips, inserts, deletes or truncates bytes of a well-formed packet. */
    private static byte[] mutate(byte[] seed, Random random) {
        byte[] packet = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && packet.length > 0; e++) {
            int at = random.nextInt(packet.length);
            switch (random.nextInt(5)) {
                case 0 -> packet[at] = (byte) random.nextInt(256);
                case 1 -> packet[at] = 0;
                case 2 -> packet = java.util.Arrays.copyOf(packet, at);
                case 3 -> {
                    byte[] longer = new byte[packet.length + 1];
                    System.arraycopy(packet, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(packet, at, longer, at + 1, packet.length - at);
                    packet = longer;
                }
                default -> packet[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return packet;
    }
}
