package io.lpmos.engine.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads the machine's network interfaces; used to pick the server IP. */
public final class NetworkInterfaces {
    private NetworkInterfaces() {
    }

    /** The first IPv4 address of the named interface. */
    public static Optional<String> ipv4Of(String interfaceName) throws SocketException {
        NetworkInterface nic = NetworkInterface.getByName(interfaceName);
        if (nic == null) {
            throw new SocketException("there is no network interface named '" + interfaceName + "'"
                    + " — available: " + names());
        }
        return Collections.list(nic.getInetAddresses()).stream()
                .filter(a -> a instanceof Inet4Address)
                .map(InetAddress::getHostAddress)
                .findFirst();
    }

    /** The first IPv4 address of an interface that is up and not loopback, or 127.0.0.1. */
    public static String defaultIpv4() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            return "127.0.0.1";
        }
        return "127.0.0.1";
    }

    public static List<String> names() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream().map(NetworkInterface::getName).sorted().toList();
        } catch (SocketException e) {
            return List.of();
        }
    }
}
