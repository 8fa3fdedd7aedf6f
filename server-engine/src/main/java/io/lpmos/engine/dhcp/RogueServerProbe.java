package io.lpmos.engine.dhcp;

import io.lpmos.engine.events.DhcpMessage;
import io.lpmos.engine.net.Ipv4;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Looks for other DHCP servers on the interface before ours starts (SPEC §5): broadcasts a DISCOVER
 * from port 68 — as a PXE client, so proxyDHCP servers answer too — repeats it halfway, and collects
 * every OFFER for the time given. The probe's MAC is the interface's own, as the machine's own DHCP
 * client would send. Blocking; call off the packet thread.
 */
final class RogueServerProbe {
    static final Duration LISTEN = Duration.ofSeconds(2);
    private static final String PROBE_VENDOR_CLASS = "PXEClient:Arch:00000:UNDI:002001";
    private static final byte[] REQUESTED = {
        DhcpOptionCodes.SUBNET_MASK, DhcpOptionCodes.ROUTER, DhcpOptionCodes.DNS_SERVERS, DhcpOptionCodes.DOMAIN_NAME,
        DhcpOptionCodes.LEASE_TIME, DhcpOptionCodes.SERVER_ID, DhcpOptionCodes.VENDOR_CLASS,
        DhcpOptionCodes.TFTP_SERVER_NAME, DhcpOptionCodes.BOOT_FILE_NAME, DhcpOptionCodes.VENDOR_SPECIFIC};

    private RogueServerProbe() {
    }

    /**
     * @param mac the hardware address to ask with (6 bytes)
     * @throws InterfaceSockets.BindFailure when port 68 cannot be opened on the interface
     */
    static ProbeReport run(InterfaceSockets sockets, String interfaceName, byte[] mac, Duration listen)
            throws InterfaceSockets.BindFailure, InterruptedException {
        int xid = ThreadLocalRandom.current().nextInt();
        Map<String, OtherServer> found = new LinkedHashMap<>();
        Channel channel = sockets.bind(DhcpServer.CLIENT_PORT, true, (content, sender) -> {
            OtherServer server = offerFrom(content, sender, xid);
            if (server != null) {
                synchronized (found) {
                    found.putIfAbsent(server.address(), server);
                }
            }
        });
        try {
            byte[] discover = discover(mac, xid);
            long start = System.nanoTime();
            sendOn(channel, discover);
            Thread.sleep(listen.toMillis() / 2);
            sendOn(channel, discover);
            long left = listen.toNanos() - (System.nanoTime() - start);
            if (left > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        } finally {
            channel.close().awaitUninterruptibly();
        }
        List<OtherServer> servers;
        synchronized (found) {
            servers = new ArrayList<>(found.values());
        }
        return new ProbeReport(interfaceName, listen, servers);
    }

    private static void sendOn(Channel channel, byte[] message) {
        channel.eventLoop().execute(() -> {
            InterfaceSockets.send(channel, message, message.length, DhcpServer.BROADCAST, DhcpServer.SERVER_PORT);
            channel.flush();
        });
    }

    static byte[] discover(byte[] mac, int xid) {
        DhcpPacket discover = DhcpPacket.request(mac, xid).flags(DhcpPacket.FLAG_BROADCAST).messageType(DhcpMessage.DISCOVER);
        discover.options()
                .put(DhcpOptionCodes.PARAMETER_REQUEST_LIST, REQUESTED.clone())
                .putString(DhcpOptionCodes.VENDOR_CLASS, PROBE_VENDOR_CLASS)
                .put(DhcpOptionCodes.CLIENT_ARCH, new byte[] {0, 0});
        byte[] out = new byte[DhcpPacket.MIN_MAX_MESSAGE_SIZE];
        int length = discover.encode(out, out.length);
        return Arrays.copyOf(out, length);
    }

    /** The server behind an OFFER answering our xid, or null for anything else. */
    static OtherServer offerFrom(ByteBuf content, InetSocketAddress sender, int xid) {
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        DhcpPacket reply;
        try {
            reply = DhcpPacket.parse(bytes, 0, bytes.length);
        } catch (MalformedPacketException e) {
            return null;
        }
        if (reply.op() != DhcpPacket.BOOTREPLY || reply.xid() != xid || reply.messageType() != DhcpMessage.OFFER) {
            return null;
        }
        DhcpOptions options = reply.options();
        int serverId = options.getInt(DhcpOptionCodes.SERVER_ID, 0);
        String address = serverId != 0 ? Ipv4.format(serverId) : sender.getAddress().getHostAddress();
        byte[] mask = options.get(DhcpOptionCodes.SUBNET_MASK);
        int prefix = mask == null || mask.length != 4 ? -1 : Integer.bitCount(Ipv4.of(mask, 0));
        int router = options.getInt(DhcpOptionCodes.ROUTER, 0);
        boolean pxe = options.startsWith(DhcpOptionCodes.VENDOR_CLASS, "PXEClient") || !reply.fileName().isEmpty()
                || options.has(DhcpOptionCodes.BOOT_FILE_NAME) || options.has(DhcpOptionCodes.VENDOR_SPECIFIC);
        return new OtherServer(address, reply.yiaddr() == 0 ? null : Ipv4.format(reply.yiaddr()), prefix,
                router == 0 ? null : Ipv4.format(router), pxe);
    }
}
