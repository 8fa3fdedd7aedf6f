package io.lpmos.console.nic;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Reads the machine's network interfaces from the OS. May block briefly: call it off the FX thread. */
public final class NetworkInterfaceCatalog {

    /**
     * Every interface of this machine, preferred ones first, then by name.
     *
     * @throws SocketException when the OS refuses to list its interfaces
     */
    public List<NetworkInterfaceChoice> read() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .map(NetworkInterfaceCatalog::describe)
                .sorted(Comparator.comparing((NetworkInterfaceChoice c) -> !c.isPreferred())
                        .thenComparing(NetworkInterfaceChoice::name))
                .toList();
    }

    private static NetworkInterfaceChoice describe(NetworkInterface nic) {
        String ipv4 = Collections.list(nic.getInetAddresses()).stream()
                .filter(Inet4Address.class::isInstance)
                .map(InetAddress::getHostAddress)
                .findFirst().orElse(null);
        boolean up;
        boolean loopback;
        try {
            up = nic.isUp();
            loopback = nic.isLoopback();
        } catch (SocketException e) {
            up = false;
            loopback = false;
        }
        return new NetworkInterfaceChoice(nic.getName(), ipv4,
                NicFlag.classify(nic.getName(), up, loopback, nic.isVirtual()));
    }
}
