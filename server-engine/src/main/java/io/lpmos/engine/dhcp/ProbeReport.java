package io.lpmos.engine.dhcp;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the rogue-DHCP probe found on an interface: every other server that answered a DISCOVER
 * within the time listened.
 */
public record ProbeReport(String interfaceName, Duration listened, List<OtherServer> servers) {
    public ProbeReport {
        servers = List.copyOf(servers);
    }

    public boolean foundOthers() {
        return !servers.isEmpty();
    }

    /**
     * One operator line: {@code no other DHCP server answered on eth1 (listened 2 s)} or
     * {@code another DHCP server answered on eth1: 192.168.1.1 (offers …)}.
     */
    public String summary() {
        if (servers.isEmpty()) {
            return "no other DHCP server answered on " + interfaceName + " (listened " + listened.toSeconds() + " s)";
        }
        return (servers.size() == 1 ? "another DHCP server answered on " : servers.size() + " other DHCP servers answered on ")
                + interfaceName + ": " + servers.stream().map(OtherServer::describe).collect(Collectors.joining("; "));
    }
}
