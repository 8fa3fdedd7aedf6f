package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.boot.ClientArch;
import io.lpmos.engine.boot.StaticBootPolicy;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.net.Ipv4;
import io.lpmos.engine.net.Ipv4Range;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 100,000 malformed packets, made from the captures of real clients by cutting, flipping bytes,
 * breaking option lengths and overloads, go through the server: none escapes as an exception, every
 * one is counted as dropped, and a real client is still answered afterwards.
 */
class DhcpFuzzTest {
    private static final int MALFORMED = 100_000;

    @TempDir
    Path state;

    /** Mutations of real requests that no longer parse, reproducibly. */
    static List<byte[]> malformedPackets(int count, long seed) {
        List<byte[]> seeds = new ArrayList<>();
        for (String capture : List.of("udhcpc.pcap", "dhclient.pcap", "dhcpcd.pcap")) {
            seeds.addAll(Captures.requests(capture));
        }
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>(count);
        while (out.size() < count) {
            byte[] packet = seeds.get(random.nextInt(seeds.size())).clone();
            byte[] mutated = switch (random.nextInt(6)) {
                case 0 -> Arrays.copyOf(packet, random.nextInt(DhcpPacket.HEADER_LENGTH));
                case 1 -> {
                    packet[236 + random.nextInt(4)] ^= (byte) (1 + random.nextInt(255));
                    yield packet;
                }
                case 2 -> {
                    int option = DhcpPacket.HEADER_LENGTH + random.nextInt(packet.length - DhcpPacket.HEADER_LENGTH);
                    packet[option] = (byte) (1 + random.nextInt(254));
                    if (option + 1 < packet.length) {
                        packet[option + 1] = (byte) (200 + random.nextInt(56));
                    }
                    yield Arrays.copyOf(packet, Math.min(packet.length, option + 2 + random.nextInt(40)));
                }
                case 3 -> {
                    byte[] longer = Arrays.copyOf(packet, DhcpPacket.HEADER_LENGTH + 3 + 4 * 257);
                    int at = DhcpPacket.HEADER_LENGTH;
                    longer[at++] = 53;
                    longer[at++] = 1;
                    longer[at++] = 1;
                    for (int part = 0; part < 4; part++) {
                        longer[at] = 55;
                        longer[at + 1] = (byte) 255;
                        at += 257;
                    }
                    yield longer;
                }
                case 4 -> {
                    byte[] overloaded = packet.clone();
                    overloaded[DhcpPacket.HEADER_LENGTH] = 52;
                    overloaded[DhcpPacket.HEADER_LENGTH + 1] = 1;
                    overloaded[DhcpPacket.HEADER_LENGTH + 2] = (byte) (4 + random.nextInt(250));
                    yield overloaded;
                }
                default -> {
                    byte[] garbage = new byte[random.nextInt(600)];
                    random.nextBytes(garbage);
                    yield garbage;
                }
            };
            if (!parses(mutated)) {
                out.add(mutated);
            }
        }
        return out;
    }

    private static boolean parses(byte[] bytes) {
        try {
            DhcpPacket packet = DhcpPacket.parse(bytes, 0, bytes.length);
            return packet.op() == DhcpPacket.BOOTREQUEST && packet.messageType() != null;
        } catch (MalformedPacketException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(DhcpMode.class)
    void malformedPacketsAreDroppedAndCountedAndRealClientsStillServed(DhcpMode mode) throws Exception {
        StaticBootPolicy policy = new StaticBootPolicy(Map.of(ClientArch.BIOS, "boot/undionly.kpxe"), null);
        try (ServerHarness harness = new ServerHarness(mode, policy, state, Ipv4Range.parse("10.0.0.100-10.0.0.200"),
                List.of())) {
            List<byte[]> packets = malformedPackets(MALFORMED, mode.ordinal());
            harness.onPacketThread(() -> {
                for (byte[] packet : packets) {
                    harness.server.handle(packet, packet.length, Ipv4.parse("10.0.0.66"), 68, false);
                }
            });

            long dropped = harness.server.droppedByReason().values().stream().mapToLong(Long::longValue).sum();
            assertThat(dropped).isEqualTo(MALFORMED);
            assertThat(harness.server.droppedByReason()).containsKeys(MalformedPacketException.Reason.TRUNCATED,
                    MalformedPacketException.Reason.BAD_MAGIC, MalformedPacketException.Reason.OPTION_OVERRUN,
                    MalformedPacketException.Reason.OPTION_TOO_LONG, MalformedPacketException.Reason.BAD_OVERLOAD);
            harness.noReply();

            harness.receive(DhcpServerTest.pxe(DhcpMessage.DISCOVER, 1, 0));
            DhcpPacket offer = harness.reply().packet();
            assertThat(offer.messageType()).isEqualTo(DhcpMessage.OFFER);
            assertThat(offer.fileName()).isEqualTo("boot/undionly.kpxe");
        }
    }
}
