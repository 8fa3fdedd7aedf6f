package io.lpmos.engine.tftp;

import io.lpmos.engine.config.TftpConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The largest {@code blksize} a client can receive without IP fragmentation, from the MTU of the link
 * the server answers it on: MTU minus the IPv4 (20), UDP (8) and TFTP (4) headers, e.g. 1468 on
 * Ethernet. PXE firmware often cannot reassemble fragments, so a larger block would never arrive.
 * Clients on this machine (loopback or one of its own addresses) get no clamp. Read once per service
 * start; immutable and thread-safe afterwards.
 */
final class LinkMtu {
    /** IPv4 + UDP + TFTP DATA headers. */
    static final int HEADERS = 20 + 8 + 4;
    /** Assumed for clients behind a router when the server listens on every interface. */
    static final int ROUTED_MTU = 1500;

    private record Subnet(byte[] network, int prefix, int mtu) {
        boolean contains(byte[] address) {
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final int boundMtu;
    private final List<Subnet> subnets;
    private final Set<InetAddress> localAddresses;

    private LinkMtu(int boundMtu, List<Subnet> subnets, Set<InetAddress> localAddresses) {
        this.boundMtu = boundMtu;
        this.subnets = subnets;
        this.localAddresses = localAddresses;
    }

    /**
     * Reads the machine's interfaces for a server bound to {@code bound}: one interface's MTU for a
     * specific address, the MTU of the client's subnet for the wildcard address.
     */
    static LinkMtu forBinding(InetAddress bound) throws SocketException {
        Set<InetAddress> local = new HashSet<>();
        List<Subnet> subnets = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            int mtu = mtuOf(nic);
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                local.add(address.getAddress());
                if (address.getAddress() instanceof Inet4Address v4 && nic.isUp()) {
                    subnets.add(new Subnet(v4.getAddress(), address.getNetworkPrefixLength(), mtu));
                }
            }
        }
        int boundMtu = 0;
        if (!bound.isAnyLocalAddress()) {
            NetworkInterface nic = NetworkInterface.getByInetAddress(bound);
            boundMtu = nic == null ? ROUTED_MTU : mtuOf(nic);
        }
        return new LinkMtu(boundMtu, List.copyOf(subnets), Set.copyOf(local));
    }

    private static int mtuOf(NetworkInterface nic) throws SocketException {
        int mtu = nic.getMTU();
        return mtu > HEADERS ? mtu : ROUTED_MTU;
    }

    /** The largest block size for {@code client}: at most {@link TftpConfig#MAX_BLOCK_SIZE}. */
    int blockLimitFor(InetAddress client) {
        if (client.isLoopbackAddress() || localAddresses.contains(client)) {
            return TftpConfig.MAX_BLOCK_SIZE;
        }
        int mtu = boundMtu;
        if (mtu == 0) {
            mtu = ROUTED_MTU;
            byte[] address = client.getAddress();
            for (Subnet subnet : subnets) {
                if (address.length == subnet.network.length && subnet.contains(address)) {
                    mtu = subnet.mtu;
                    break;
                }
            }
        }
        return Math.max(TftpConfig.MIN_BLOCK_SIZE, Math.min(TftpConfig.MAX_BLOCK_SIZE, mtu - HEADERS));
    }
}
