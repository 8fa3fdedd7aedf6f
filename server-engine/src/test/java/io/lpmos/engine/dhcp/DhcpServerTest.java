package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.boot.ClientArch;
import io.lpmos.engine.boot.StaticBootPolicy;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.events.DhcpExchange;
import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.net.Ipv4;
import io.lpmos.engine.net.Ipv4Range;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol of {@link DhcpServer} in both modes, without sockets (replies are read back as packets). */
class DhcpServerTest {
    private static final StaticBootPolicy POLICY = new StaticBootPolicy(Map.of(
            ClientArch.BIOS, "boot/undionly.kpxe",
            ClientArch.EFI_X64, "boot/ipxe.efi",
            ClientArch.EFI_X64_HTTP, "http://10.0.0.1:8081/boot/ipxe.efi"), "http://10.0.0.1:8081/boot/boot.ipxe");
    private static final Ipv4Range RANGE = Ipv4Range.parse("10.0.0.100-10.0.0.109");
    private static final byte[] GUID = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @TempDir
    Path state;

    private final List<ServerHarness> harnesses = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (ServerHarness harness : harnesses) {
            harness.close();
        }
    }

    private ServerHarness proxy() throws Exception {
        ServerHarness harness = new ServerHarness(DhcpMode.PROXY, POLICY, state, RANGE, List.of());
        harnesses.add(harness);
        return harness;
    }

    private ServerHarness full(Reservation... reservations) throws Exception {
        ServerHarness harness = new ServerHarness(DhcpMode.FULL, POLICY, state, RANGE, List.of(reservations));
        harnesses.add(harness);
        return harness;
    }

    static byte[] mac(int last) {
        return new byte[] {0x52, 0x54, 0x00, 0x12, 0x34, (byte) last};
    }

    static DhcpPacket plain(DhcpMessage type, int last) {
        return DhcpPacket.request(mac(last), 0x1000 + last).messageType(type);
    }

    /** A PXE ROM's request: vendor class PXEClient with its arch, option 93, 94 and its GUID (97). */
    static DhcpPacket pxe(DhcpMessage type, int last, int arch) {
        DhcpPacket request = plain(type, last);
        request.options()
                .putString(DhcpOptionCodes.VENDOR_CLASS, String.format("PXEClient:Arch:%05d:UNDI:002001", arch))
                .put(DhcpOptionCodes.CLIENT_ARCH, new byte[] {0, (byte) arch})
                .put(DhcpOptionCodes.CLIENT_NDI, new byte[] {1, 2, 1})
                .put(DhcpOptionCodes.CLIENT_UUID, GUID);
        return request;
    }

    private static String text(DhcpPacket packet, int code) {
        return packet.options().getString(code);
    }

    @Nested
    class Proxy {
        @Test
        void aBiosPxeDiscoverGetsAProxyOfferWithoutAnAddress() throws Exception {
            ServerHarness server = proxy();

            server.receive(pxe(DhcpMessage.DISCOVER, 1, 0));

            ServerHarness.Sent offer = server.reply();
            DhcpPacket reply = offer.packet();
            assertThat(offer.address()).isEqualTo(DhcpServer.BROADCAST);
            assertThat(offer.port()).isEqualTo(68);
            assertThat(offer.fromPxePort()).isFalse();
            assertThat(reply.messageType()).isEqualTo(DhcpMessage.OFFER);
            assertThat(reply.op()).isEqualTo(DhcpPacket.BOOTREPLY);
            assertThat(reply.xid()).isEqualTo(0x1001);
            assertThat(reply.yiaddr()).isZero();
            assertThat(reply.siaddr()).isEqualTo(ServerHarness.SERVER);
            assertThat(reply.fileName()).isEqualTo("boot/undionly.kpxe");
            assertThat(reply.macText()).isEqualTo("52:54:00:12:34:01");
            assertThat(DhcpPacketTest.codes(reply.options())).containsExactly(53, 54, 60, 66, 67, 43, 97);
            assertThat(text(reply, DhcpOptionCodes.VENDOR_CLASS)).isEqualTo("PXEClient");
            assertThat(text(reply, DhcpOptionCodes.TFTP_SERVER_NAME)).isEqualTo("10.0.0.1");
            assertThat(text(reply, DhcpOptionCodes.BOOT_FILE_NAME)).isEqualTo("boot/undionly.kpxe");
            assertThat(reply.options().get(DhcpOptionCodes.VENDOR_SPECIFIC)).containsExactly(6, 1, 8, 255);
            assertThat(reply.options().get(DhcpOptionCodes.CLIENT_UUID)).isEqualTo(GUID);
            assertThat(reply.options().has(DhcpOptionCodes.LEASE_TIME)).isFalse();
            assertThat(server.events).singleElement().satisfies(event -> {
                assertThat(event.request()).isEqualTo(DhcpMessage.DISCOVER);
                assertThat(event.reply()).isEqualTo(DhcpMessage.OFFER);
                assertThat(event.mac()).isEqualTo("52:54:00:12:34:01");
                assertThat(event.arch()).isEqualTo("BIOS");
                assertThat(event.bootFile()).isEqualTo("boot/undionly.kpxe");
                assertThat(event.address()).isNull();
            });
        }

        @Test
        void uefiClientsGetTheirArchitecturesFile() throws Exception {
            ServerHarness server = proxy();

            server.receive(pxe(DhcpMessage.DISCOVER, 2, 7));
            assertThat(server.reply().packet().fileName()).isEqualTo("boot/ipxe.efi");
            server.receive(pxe(DhcpMessage.DISCOVER, 3, 9));
            assertThat(server.reply().packet().fileName()).isEqualTo("boot/ipxe.efi");
        }

        @Test
        void theArchitectureIsReadFromTheVendorClassWhenOption93IsMissing() throws Exception {
            ServerHarness server = proxy();
            DhcpPacket discover = pxe(DhcpMessage.DISCOVER, 4, 7);
            discover.options().remove(DhcpOptionCodes.CLIENT_ARCH);

            server.receive(discover);

            assertThat(server.reply().packet().fileName()).isEqualTo("boot/ipxe.efi");
            assertThat(server.events.get(0).arch()).isEqualTo("x64 UEFI");
        }

        @Test
        void iPxeGetsTheScriptUrlSoItNeverLoadsItselfAgain() throws Exception {
            ServerHarness server = proxy();
            DhcpPacket byUserClass = pxe(DhcpMessage.DISCOVER, 5, 0);
            byUserClass.options().putString(DhcpOptionCodes.USER_CLASS, "iPXE");
            DhcpPacket byEncapsulatedOptions = pxe(DhcpMessage.DISCOVER, 6, 7);
            byEncapsulatedOptions.options().put(DhcpOptionCodes.IPXE_ENCAPSULATED, new byte[] {1, 1, 1});
            DhcpPacket byRfc3004UserClass = pxe(DhcpMessage.DISCOVER, 7, 0);
            byRfc3004UserClass.options().put(DhcpOptionCodes.USER_CLASS, new byte[] {3, 'f', 'o', 'o', 4, 'i', 'P', 'X', 'E'});

            for (DhcpPacket discover : List.of(byUserClass, byEncapsulatedOptions, byRfc3004UserClass)) {
                server.receive(discover);
                DhcpPacket reply = server.reply().packet();
                assertThat(reply.fileName()).isEqualTo("http://10.0.0.1:8081/boot/boot.ipxe");
                assertThat(text(reply, DhcpOptionCodes.BOOT_FILE_NAME)).isEqualTo("http://10.0.0.1:8081/boot/boot.ipxe");
                assertThat(reply.options().has(DhcpOptionCodes.TFTP_SERVER_NAME)).isFalse();
            }
        }

        @Test
        void uefiHttpBootGetsAUrlAndHttpClient() throws Exception {
            ServerHarness server = proxy();
            DhcpPacket discover = plain(DhcpMessage.DISCOVER, 8);
            discover.options().putString(DhcpOptionCodes.VENDOR_CLASS, "HTTPClient:Arch:00016:UNDI:003001")
                    .put(DhcpOptionCodes.CLIENT_ARCH, new byte[] {0, 0x10});

            server.receive(discover);

            DhcpPacket reply = server.reply().packet();
            assertThat(text(reply, DhcpOptionCodes.VENDOR_CLASS)).isEqualTo("HTTPClient");
            assertThat(reply.fileName()).isEqualTo("http://10.0.0.1:8081/boot/ipxe.efi");
            assertThat(reply.options().has(DhcpOptionCodes.VENDOR_SPECIFIC)).isFalse();
        }

        @Test
        void plainClientsAreNeverAnsweredButTheExchangeIsLogged() throws Exception {
            ServerHarness server = proxy();

            server.receive(plain(DhcpMessage.DISCOVER, 9));
            server.receive(plain(DhcpMessage.REQUEST, 9));

            server.noReply();
            assertThat(server.events).singleElement().satisfies(event -> {
                assertThat(event.reply()).isNull();
                assertThat(event.note()).isEqualTo("not a PXE client: left to the network's DHCP server");
            });
        }

        @Test
        void requestsForTheNetworksDhcpServerAreLeftAlone() throws Exception {
            ServerHarness server = proxy();
            DhcpPacket request = pxe(DhcpMessage.REQUEST, 10, 0);
            request.options().putAddress(DhcpOptionCodes.SERVER_ID, Ipv4.parse("10.0.0.2"));

            server.receive(request);

            server.noReply();
            assertThat(server.events).isEmpty();
        }

        @Test
        void aBootServerRequestOnPort4011GetsAnAckFromThatPort() throws Exception {
            ServerHarness server = proxy();
            DhcpPacket request = pxe(DhcpMessage.REQUEST, 11, 7);
            request.ciaddr(Ipv4.parse("10.0.0.77"));

            server.receive(request, Ipv4.parse("10.0.0.77"), 68, true);

            ServerHarness.Sent ack = server.reply();
            assertThat(ack.fromPxePort()).isTrue();
            assertThat(Ipv4.format(ack.address())).isEqualTo("10.0.0.77");
            assertThat(ack.port()).isEqualTo(68);
            assertThat(ack.packet().messageType()).isEqualTo(DhcpMessage.ACK);
            assertThat(ack.packet().fileName()).isEqualTo("boot/ipxe.efi");
            assertThat(ack.packet().yiaddr()).isZero();
            assertThat(ack.packet().ciaddr()).isEqualTo(Ipv4.parse("10.0.0.77"));
        }

        @Test
        void relayedRequestsGoBackToTheRelay() throws Exception {
            ServerHarness server = proxy();
            DhcpPacket discover = pxe(DhcpMessage.DISCOVER, 12, 0).giaddr(Ipv4.parse("10.0.0.5")).hops(1);

            server.receive(discover, Ipv4.parse("10.0.0.5"), 67, false);

            ServerHarness.Sent offer = server.reply();
            assertThat(Ipv4.format(offer.address())).isEqualTo("10.0.0.5");
            assertThat(offer.port()).isEqualTo(67);
            assertThat(offer.packet().giaddr()).isEqualTo(Ipv4.parse("10.0.0.5"));
        }

        @Test
        void relaysOfOtherSubnetsAreIgnored() throws Exception {
            ServerHarness server = proxy();

            server.receive(pxe(DhcpMessage.DISCOVER, 13, 0).giaddr(Ipv4.parse("192.168.7.1")), Ipv4.parse("192.168.7.1"),
                    67, false);

            server.noReply();
        }
    }

    @Nested
    class Full {
        /** DISCOVER, OFFER, REQUEST, ACK for the client {@code last}; returns the ACK. */
        DhcpPacket dora(ServerHarness server, DhcpPacket discover) throws Exception {
            server.receive(discover);
            DhcpPacket offer = server.reply().packet();
            assertThat(offer.messageType()).isEqualTo(DhcpMessage.OFFER);
            DhcpPacket request = DhcpPacket.request(Arrays.copyOf(discover.chaddr(), 6), discover.xid())
                    .messageType(DhcpMessage.REQUEST);
            request.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, offer.yiaddr())
                    .putAddress(DhcpOptionCodes.SERVER_ID, ServerHarness.SERVER)
                    .putString(DhcpOptionCodes.HOST_NAME, "node-" + (discover.chaddr()[5] & 0xff));
            copyBootOptions(discover, request);
            server.receive(request);
            DhcpPacket ack = server.reply().packet();
            assertThat(ack.messageType()).isEqualTo(DhcpMessage.ACK);
            assertThat(ack.yiaddr()).isEqualTo(offer.yiaddr());
            return ack;
        }

        private void copyBootOptions(DhcpPacket from, DhcpPacket to) {
            for (int code : new int[] {DhcpOptionCodes.VENDOR_CLASS, DhcpOptionCodes.CLIENT_ARCH}) {
                if (from.options().has(code)) {
                    to.options().put(code, from.options().get(code));
                }
            }
        }

        @Test
        void aClientGetsAnAddressWithTheNetworksOptions() throws Exception {
            ServerHarness server = full();

            DhcpPacket ack = dora(server, plain(DhcpMessage.DISCOVER, 1));

            assertThat(Ipv4.format(ack.yiaddr())).isEqualTo("10.0.0.100");
            assertThat(DhcpPacketTest.codes(ack.options())).containsExactly(53, 54, 51, 58, 59, 1, 28, 3, 6, 15);
            assertThat(ack.options().getInt(DhcpOptionCodes.LEASE_TIME, 0)).isEqualTo(3600);
            assertThat(ack.options().getInt(DhcpOptionCodes.RENEWAL_TIME, 0)).isEqualTo(1800);
            assertThat(ack.options().getInt(DhcpOptionCodes.REBINDING_TIME, 0)).isEqualTo(3150);
            assertThat(Ipv4.format(ack.options().getInt(DhcpOptionCodes.SUBNET_MASK, 0))).isEqualTo("255.255.255.0");
            assertThat(Ipv4.format(ack.options().getInt(DhcpOptionCodes.BROADCAST_ADDRESS, 0))).isEqualTo("10.0.0.255");
            assertThat(Ipv4.format(ack.options().getInt(DhcpOptionCodes.ROUTER, 0))).isEqualTo("10.0.0.254");
            assertThat(Ipv4.format(ack.options().getInt(DhcpOptionCodes.DNS_SERVERS, 0))).isEqualTo("10.0.0.53");
            assertThat(text(ack, DhcpOptionCodes.DOMAIN_NAME)).isEqualTo("lab.test");
            assertThat(ack.fileName()).isEmpty();
            DhcpExchange acked = server.events.get(1);
            assertThat(acked.request()).isEqualTo(DhcpMessage.REQUEST);
            assertThat(acked.reply()).isEqualTo(DhcpMessage.ACK);
            assertThat(acked.address()).isEqualTo("10.0.0.100");
            assertThat(acked.hostname()).isEqualTo("node-1");
            assertThat(acked.leaseExpires().toEpochMilli()).isEqualTo(server.now.get() + 3_600_000);
        }

        @Test
        void anAckLeavesOnlyOnceItsLeaseIsInTheJournal() throws Exception {
            ServerHarness server = full();
            List<String> journalWhenAcked = new ArrayList<>();
            server.onSend = sent -> {
                if (sent.packet().messageType() == DhcpMessage.ACK) {
                    try {
                        journalWhenAcked.addAll(Files.readAllLines(server.journalFile));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };

            dora(server, plain(DhcpMessage.DISCOVER, 1));

            assertThat(journalWhenAcked).anySatisfy(line -> assertThat(line)
                    .startsWith("L\t10.0.0.100\t52:54:00:12:34:01\t" + (server.now.get() + 3_600_000) + "\tnode-1\t"));
        }

        @Test
        void noAddressIsGivenToTwoMacsAndEachMacKeepsItsOwn() throws Exception {
            ServerHarness server = full();
            Set<Integer> given = new HashSet<>();
            for (int client = 1; client <= 10; client++) {
                assertThat(given.add(dora(server, plain(DhcpMessage.DISCOVER, client)).yiaddr())).isTrue();
            }
            assertThat(dora(server, plain(DhcpMessage.DISCOVER, 3)).yiaddr()).isEqualTo(Ipv4.parse("10.0.0.102"));

            server.receive(plain(DhcpMessage.DISCOVER, 11));

            server.noReply();
            assertThat(server.events.get(server.events.size() - 1).note()).startsWith("no free address left in 10.0.0.100-10.0.0.109");
        }

        @Test
        void anOfferedAddressIsHeldForItsClient() throws Exception {
            ServerHarness server = full();
            server.receive(plain(DhcpMessage.DISCOVER, 1));
            int offered = server.reply().packet().yiaddr();

            DhcpPacket discover = plain(DhcpMessage.DISCOVER, 2);
            discover.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, offered);
            server.receive(discover);

            assertThat(server.reply().packet().yiaddr()).isNotEqualTo(offered);
        }

        @Test
        void requestingAnotherClientsAddressIsRefused() throws Exception {
            ServerHarness server = full();
            int taken = dora(server, plain(DhcpMessage.DISCOVER, 1)).yiaddr();
            DhcpPacket request = plain(DhcpMessage.REQUEST, 2);
            request.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, taken)
                    .putAddress(DhcpOptionCodes.SERVER_ID, ServerHarness.SERVER);

            server.receive(request);

            ServerHarness.Sent nak = server.reply();
            assertThat(nak.packet().messageType()).isEqualTo(DhcpMessage.NAK);
            assertThat(nak.address()).isEqualTo(DhcpServer.BROADCAST);
            assertThat(text(nak.packet(), DhcpOptionCodes.MESSAGE)).isEqualTo("10.0.0.100 belongs to another client");
            assertThat(nak.packet().yiaddr()).isZero();
        }

        @Test
        void aClientRebootingWithAnAddressOfAnotherNetworkIsRefused() throws Exception {
            ServerHarness server = full();
            DhcpPacket request = plain(DhcpMessage.REQUEST, 1);
            request.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, Ipv4.parse("192.168.1.50"));

            server.receive(request);

            assertThat(server.reply().packet().messageType()).isEqualTo(DhcpMessage.NAK);
        }

        @Test
        void renewalsAreAnsweredToTheClientsAddress() throws Exception {
            ServerHarness server = full();
            int address = dora(server, plain(DhcpMessage.DISCOVER, 1)).yiaddr();
            server.now.addAndGet(1_800_000);
            DhcpPacket renew = plain(DhcpMessage.REQUEST, 1).ciaddr(address);

            server.receive(renew, address, 68, false);

            ServerHarness.Sent ack = server.reply();
            assertThat(ack.packet().messageType()).isEqualTo(DhcpMessage.ACK);
            assertThat(ack.address()).isEqualTo(address);
            assertThat(server.events.get(server.events.size() - 1).leaseExpires().toEpochMilli())
                    .isEqualTo(server.now.get() + 3_600_000);
        }

        @Test
        void choosingAnotherServersOfferFreesOurs() throws Exception {
            ServerHarness server = full();
            server.receive(plain(DhcpMessage.DISCOVER, 1));
            int offered = server.reply().packet().yiaddr();
            DhcpPacket elsewhere = plain(DhcpMessage.REQUEST, 1);
            elsewhere.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, Ipv4.parse("10.0.0.50"))
                    .putAddress(DhcpOptionCodes.SERVER_ID, Ipv4.parse("10.0.0.2"));
            server.receive(elsewhere);
            server.noReply();

            DhcpPacket other = plain(DhcpMessage.DISCOVER, 2);
            other.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, offered);
            server.receive(other);

            assertThat(server.reply().packet().yiaddr()).isEqualTo(offered);
        }

        @Test
        void aDeclinedAddressIsNotOfferedAgainForAWhile() throws Exception {
            ServerHarness server = full();
            int declined = dora(server, plain(DhcpMessage.DISCOVER, 1)).yiaddr();
            DhcpPacket decline = plain(DhcpMessage.DECLINE, 1);
            decline.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, declined);
            server.receive(decline);

            server.receive(plain(DhcpMessage.DISCOVER, 1));
            assertThat(server.reply().packet().yiaddr()).isNotEqualTo(declined);
            server.now.addAndGet(DhcpServer.QUARANTINE_MILLIS + 1);
            DhcpPacket asking = plain(DhcpMessage.DISCOVER, 2);
            asking.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, declined);
            server.receive(asking);
            assertThat(server.reply().packet().yiaddr()).isEqualTo(declined);
            assertThat(server.events).anySatisfy(event -> assertThat(event.request()).isEqualTo(DhcpMessage.DECLINE));
        }

        @Test
        void aReleasedAddressMayGoToAnotherClient() throws Exception {
            ServerHarness server = full();
            int address = dora(server, plain(DhcpMessage.DISCOVER, 1)).yiaddr();
            server.receive(plain(DhcpMessage.RELEASE, 1).ciaddr(address), address, 68, false);

            DhcpPacket other = plain(DhcpMessage.DISCOVER, 2);
            other.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, address);
            assertThat(dora(server, other).yiaddr()).isEqualTo(address);
        }

        @Test
        void informGetsTheOptionsButNoLease() throws Exception {
            ServerHarness server = full();
            int address = Ipv4.parse("10.0.0.20");

            server.receive(plain(DhcpMessage.INFORM, 1).ciaddr(address), address, 68, false);

            ServerHarness.Sent ack = server.reply();
            assertThat(ack.address()).isEqualTo(address);
            assertThat(ack.packet().messageType()).isEqualTo(DhcpMessage.ACK);
            assertThat(ack.packet().yiaddr()).isZero();
            assertThat(ack.packet().options().has(DhcpOptionCodes.LEASE_TIME)).isFalse();
            assertThat(ack.packet().options().has(DhcpOptionCodes.ROUTER)).isTrue();
        }

        @Test
        void aReservedMacAlwaysGetsItsAddressAndNobodyElseDoes() throws Exception {
            Reservation inRange = new Reservation(MacAddress.parseEthernet("52:54:00:12:34:07"), Ipv4.parse("10.0.0.100"),
                    "node-seven");
            Reservation outside = new Reservation(MacAddress.parseEthernet("52:54:00:12:34:08"), Ipv4.parse("10.0.0.20"),
                    null);
            ServerHarness server = full(inRange, outside);

            DhcpPacket first = dora(server, plain(DhcpMessage.DISCOVER, 1));
            DhcpPacket reserved = dora(server, plain(DhcpMessage.DISCOVER, 7));
            DhcpPacket reservedOutside = dora(server, plain(DhcpMessage.DISCOVER, 8));

            assertThat(Ipv4.format(first.yiaddr())).isEqualTo("10.0.0.101");
            assertThat(Ipv4.format(reserved.yiaddr())).isEqualTo("10.0.0.100");
            assertThat(text(reserved, DhcpOptionCodes.HOST_NAME)).isEqualTo("node-seven");
            assertThat(Ipv4.format(reservedOutside.yiaddr())).isEqualTo("10.0.0.20");
        }

        @Test
        void pxeClientsGetAnAddressAndTheirBootFile() throws Exception {
            ServerHarness server = full();

            DhcpPacket ack = dora(server, pxe(DhcpMessage.DISCOVER, 1, 7));

            assertThat(ack.yiaddr()).isNotZero();
            assertThat(ack.fileName()).isEqualTo("boot/ipxe.efi");
            assertThat(ack.siaddr()).isEqualTo(ServerHarness.SERVER);
            assertThat(text(ack, DhcpOptionCodes.VENDOR_CLASS)).isEqualTo("PXEClient");
            assertThat(server.events.get(1).bootFile()).isEqualTo("boot/ipxe.efi");
        }

        @Test
        void relayedClientsAreAnsweredThroughTheRelay() throws Exception {
            ServerHarness server = full();
            int relay = Ipv4.parse("10.0.0.2");

            server.receive(plain(DhcpMessage.DISCOVER, 1).giaddr(relay).hops(1), relay, 67, false);

            ServerHarness.Sent offer = server.reply();
            assertThat(offer.address()).isEqualTo(relay);
            assertThat(offer.port()).isEqualTo(67);
        }

        @Test
        void leasesSurviveARestart() throws Exception {
            ServerHarness before = full();
            int address = dora(before, plain(DhcpMessage.DISCOVER, 1)).yiaddr();
            before.close();
            harnesses.remove(before);

            ServerHarness after = full();
            DhcpPacket other = plain(DhcpMessage.DISCOVER, 2);
            other.options().putAddress(DhcpOptionCodes.REQUESTED_ADDRESS, address);
            after.receive(other);
            assertThat(after.reply().packet().yiaddr()).isNotEqualTo(address);
            after.receive(plain(DhcpMessage.DISCOVER, 1));
            assertThat(after.reply().packet().yiaddr()).isEqualTo(address);
        }
    }

    @Test
    void malformedPacketsAreCountedAndReportedOncePerPeriod() throws Exception {
        ServerHarness server = proxy();
        byte[] truncated = new byte[100];
        byte[] badMagic = DhcpPacketTest.raw(53, 1, 1, 255);
        badMagic[236] = 0;

        server.receiveRaw(truncated, truncated.length, Ipv4.parse("10.0.0.9"), 68, false);
        server.receiveRaw(badMagic, badMagic.length, 0, 68, false);
        server.receiveRaw(badMagic, badMagic.length, 0, 68, false);

        String[] report = new String[2];
        server.onPacketThread(() -> {
            report[0] = server.server.takeDropReport();
            report[1] = server.server.takeDropReport();
        });
        assertThat(report[0]).isEqualTo("dropped 3 malformed DHCP packets on test0 (last from a client without an address:"
                + " no DHCP magic cookie: cookie 00825363) — a broken or hostile client; the others are still answered");
        assertThat(report[1]).isNull();
        assertThat(server.server.droppedByReason()).containsEntry(MalformedPacketException.Reason.TRUNCATED, 1L)
                .containsEntry(MalformedPacketException.Reason.BAD_MAGIC, 2L);
    }
}
