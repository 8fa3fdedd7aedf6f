package io.lpmos.engine.config;

import io.lpmos.engine.net.ByteSize;
import io.lpmos.engine.net.Cidr;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one configuration catalogue: every engine setting with its default and its command-line flag.
 * The headless CLI and the console both build this record; the engine logs {@link #describe()} once
 * at start-up. Instances are immutable; use {@link #builder()} or {@link #toBuilder()}.
 *
 * @param idc               name of this site/region, used as the etcd key {@code /os/region/<idc>}
 * @param serverIp          address announced to clients and etcd; {@code null}: the interface's IPv4
 * @param listenAddress     address the HTTP service binds to ({@code 0.0.0.0}: all)
 * @param apiPort           HTTP port; 0 binds a free port
 * @param staticRoot        root of the boot tree
 * @param interfaceName     network interface the PXE services bind to; {@code null}: none chosen
 * @param etcdEndpoints     etcd client URLs; empty: no etcd traffic at all
 * @param etcdLeaseTtl      time to live of the registration lease
 * @param allow             client allow-list; empty: every client is allowed
 * @param rateLimit         bytes per second per connection; 0: unlimited
 * @param gzip              compress JSON and text responses for clients that accept gzip
 * @param tlsCert           PEM certificate chain for HTTPS, with {@code tlsKey}
 * @param tlsKey            PEM private key for HTTPS
 * @param tlsSelfSigned     serve HTTPS with a certificate generated at start
 * @param reposUpstreams    pull-through mirrors: distro name under /repos → upstream base URL, in the order given
 * @param tftp              the TFTP service's settings
 * @param dhcp              the DHCP service's settings
 */
public record EngineConfig(
        String idc,
        String serverIp,
        String listenAddress,
        int apiPort,
        Path staticRoot,
        String interfaceName,
        List<URI> etcdEndpoints,
        Duration etcdLeaseTtl,
        List<Cidr> allow,
        long rateLimit,
        boolean gzip,
        Path tlsCert,
        Path tlsKey,
        boolean tlsSelfSigned,
        Map<String, URI> reposUpstreams,
        TftpConfig tftp,
        DhcpConfig dhcp) {

    public static final String DEFAULT_LISTEN_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_API_PORT = 8081;
    public static final String DEFAULT_STATIC_ROOT = "/tftpboot";
    public static final long DEFAULT_ETCD_LEASE_TTL_SECONDS = 15;

    /** One documented setting: its key, the CLI flag that sets it, its default and what it does. */
    public record Setting(String key, String flag, String defaultValue, String description) {
    }

    /** Every setting, in the order the CLI documents them: the general ones, then each service's. */
    public static final List<Setting> SETTINGS = concat(List.of(
            new Setting("idc", "--idc", "(required)", "name of this site; etcd key /os/region/<idc>"),
            new Setting("serverIp", "--server-ip", "IPv4 of --interface, else the first non-loopback IPv4",
                    "address announced to clients and etcd"),
            new Setting("listenAddress", "--listen-address", DEFAULT_LISTEN_ADDRESS, "address the HTTP API binds to"),
            new Setting("apiPort", "--api-port", String.valueOf(DEFAULT_API_PORT), "HTTP port (0: any free port)"),
            new Setting("staticRoot", "--static-root", DEFAULT_STATIC_ROOT, "boot tree root"),
            new Setting("interfaceName", "--interface", "(none)", "network interface for PXE services and --server-ip"),
            new Setting("etcdEndpoints", "--etcd", "(none: no etcd)", "etcd endpoints, comma separated"),
            new Setting("etcdLeaseTtl", "--etcd-lease-ttl", DEFAULT_ETCD_LEASE_TTL_SECONDS + "s",
                    "registration lease time to live"),
            new Setting("allow", "--allow", "(everyone)", "client allow-list, CIDRs comma separated"),
            new Setting("rateLimit", "--rate-limit", "(unlimited)", "per-connection bandwidth, e.g. 10MB"),
            new Setting("gzip", "--gzip", "false", "gzip JSON and text responses"),
            new Setting("tlsCert", "--tls-cert", "(none)", "PEM certificate chain: serve HTTPS"),
            new Setting("tlsKey", "--tls-key", "(none)", "PEM private key for --tls-cert"),
            new Setting("tlsSelfSigned", "--tls-self-signed", "false", "serve HTTPS with a generated certificate"),
            new Setting("reposUpstreams", "--repos-upstream", "(none)", "pull-through mirror, <distro>=<url>, repeatable")),
            TftpConfig.SETTINGS, DhcpConfig.SETTINGS);

    @SafeVarargs
    private static List<Setting> concat(List<Setting>... parts) {
        List<Setting> all = new ArrayList<>();
        for (List<Setting> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    public EngineConfig {
        Objects.requireNonNull(idc, "idc");
        if (idc.isBlank()) {
            throw new IllegalArgumentException("--idc must not be empty");
        }
        if (idc.contains("/") || idc.equals(".") || idc.equals("..") || idc.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("--idc '" + idc + "' must be one etcd key segment (/os/region/<idc>):"
                    + " no '/', no control characters, not . or ..");
        }
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(staticRoot, "staticRoot");
        if (apiPort < 0 || apiPort > 65535) {
            throw new IllegalArgumentException("API port " + apiPort + " is not in 0..65535");
        }
        if (rateLimit < 0) {
            throw new IllegalArgumentException("rate limit must not be negative");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
        }
        if (tlsCert != null && tlsSelfSigned) {
            throw new IllegalArgumentException("choose either --tls-cert/--tls-key or --tls-self-signed, not both");
        }
        etcdEndpoints = List.copyOf(etcdEndpoints);
        etcdEndpoints.forEach(EngineConfig::checkEtcdEndpoint);
        allow = List.copyOf(allow);
        reposUpstreams = Collections.unmodifiableMap(new LinkedHashMap<>(reposUpstreams));
        reposUpstreams.forEach(EngineConfig::checkUpstream);
        Objects.requireNonNull(tftp, "tftp");
        Objects.requireNonNull(dhcp, "dhcp");
        if (dhcp.enabled()) {
            checkDhcpPlacement(interfaceName, staticRoot, dhcp);
        }
        Objects.requireNonNull(etcdLeaseTtl, "etcdLeaseTtl");
        if (etcdLeaseTtl.toSeconds() < 2) {
            throw new IllegalArgumentException("etcd lease TTL must be at least 2 seconds");
        }
    }

    /** DHCP answers on exactly one interface, and its leases must never be served as boot files. */
    private static void checkDhcpPlacement(String interfaceName, Path staticRoot, DhcpConfig dhcp) {
        if (interfaceName == null || interfaceName.isBlank()) {
            throw new IllegalArgumentException("--enable-dhcp needs --interface: DHCP answers on one network interface"
                    + " only, the one the machines boot from, e.g. --interface=eth1");
        }
        Path root = staticRoot.toAbsolutePath().normalize();
        Path state = dhcp.stateDir().toAbsolutePath().normalize();
        if (state.startsWith(root)) {
            throw new IllegalArgumentException("--state-dir " + dhcp.stateDir() + " is inside the boot tree " + staticRoot
                    + ": HTTP and TFTP would serve the DHCP leases — choose a folder outside it, e.g. "
                    + DhcpConfig.DEFAULT_STATE_DIR);
        }
    }

    private static void checkEtcdEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("--etcd " + endpoint + ": an etcd endpoint must be an http:// or https://"
                    + " URL with a host, e.g. http://10.0.0.5:2379");
        }
    }

    private static void checkUpstream(String distro, URI upstream) {
        String flag = "--repos-upstream " + distro + "=" + upstream;
        if (distro.isEmpty() || distro.equals(".") || distro.equals("..") || distro.contains("/")
                || distro.contains("\\")) {
            throw new IllegalArgumentException(flag + ": the distro must be one folder name under /repos, e.g. ubuntu");
        }
        String scheme = upstream.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || upstream.getHost() == null) {
            throw new IllegalArgumentException(flag + ": the upstream must be an http:// or https:// URL,"
                    + " e.g. http://deb.debian.org/debian");
        }
        if (upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
            throw new IllegalArgumentException(flag + ": the upstream URL must not have a query or fragment");
        }
    }

    public boolean tlsEnabled() {
        return tlsCert != null || tlsSelfSigned;
    }

    public boolean etcdEnabled() {
        return !etcdEndpoints.isEmpty();
    }

    /** One line per setting, for the start-up log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("idc=" + idc);
        lines.add("serverIp=" + (serverIp == null ? "(auto)" : serverIp));
        lines.add("listenAddress=" + listenAddress);
        lines.add("apiPort=" + apiPort);
        lines.add("staticRoot=" + staticRoot);
        lines.add("interfaceName=" + (interfaceName == null ? "(none)" : interfaceName));
        lines.add("etcdEndpoints=" + etcdEndpoints);
        lines.add("etcdLeaseTtl=" + etcdLeaseTtl.toSeconds() + "s");
        lines.add("allow=" + (allow.isEmpty() ? "(everyone)" : allow));
        lines.add("rateLimit=" + (rateLimit == 0 ? "(unlimited)" : ByteSize.format(rateLimit) + "/s"));
        lines.add("gzip=" + gzip);
        lines.add("tls=" + (tlsSelfSigned ? "self-signed" : tlsCert == null ? "off" : tlsCert + " + " + tlsKey));
        lines.add("reposUpstreams=" + reposUpstreams);
        lines.addAll(tftp.describe());
        lines.addAll(dhcp.describe());
        return lines;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .idc(idc).serverIp(serverIp).listenAddress(listenAddress).apiPort(apiPort).staticRoot(staticRoot)
                .interfaceName(interfaceName).etcdEndpoints(etcdEndpoints).etcdLeaseTtl(etcdLeaseTtl).allow(allow)
                .rateLimit(rateLimit).gzip(gzip).tls(tlsCert, tlsKey).tlsSelfSigned(tlsSelfSigned)
                .reposUpstreams(reposUpstreams).tftp(tftp).dhcp(dhcp);
    }

    /** Builder starting from every default; only {@code idc} has none. */
    public static final class Builder {
        private String idc = "default";
        private String serverIp;
        private String listenAddress = DEFAULT_LISTEN_ADDRESS;
        private int apiPort = DEFAULT_API_PORT;
        private Path staticRoot = Path.of(DEFAULT_STATIC_ROOT);
        private String interfaceName;
        private List<URI> etcdEndpoints = List.of();
        private Duration etcdLeaseTtl = Duration.ofSeconds(DEFAULT_ETCD_LEASE_TTL_SECONDS);
        private List<Cidr> allow = List.of();
        private long rateLimit;
        private boolean gzip;
        private Path tlsCert;
        private Path tlsKey;
        private boolean tlsSelfSigned;
        private Map<String, URI> reposUpstreams = Map.of();
        private TftpConfig tftp = TftpConfig.DEFAULTS;
        private DhcpConfig dhcp = DhcpConfig.DEFAULTS;

        public Builder idc(String value) { this.idc = value; return this; }
        public Builder serverIp(String value) { this.serverIp = value; return this; }
        public Builder listenAddress(String value) { this.listenAddress = value; return this; }
        public Builder apiPort(int value) { this.apiPort = value; return this; }
        public Builder staticRoot(Path value) { this.staticRoot = value; return this; }
        public Builder interfaceName(String value) { this.interfaceName = value; return this; }
        public Builder etcdEndpoints(List<URI> value) { this.etcdEndpoints = value; return this; }
        public Builder etcdLeaseTtl(Duration value) { this.etcdLeaseTtl = value; return this; }
        public Builder allow(List<Cidr> value) { this.allow = value; return this; }
        public Builder rateLimit(long bytesPerSecond) { this.rateLimit = bytesPerSecond; return this; }
        public Builder gzip(boolean value) { this.gzip = value; return this; }
        public Builder tls(Path cert, Path key) { this.tlsCert = cert; this.tlsKey = key; return this; }
        public Builder tlsSelfSigned(boolean value) { this.tlsSelfSigned = value; return this; }
        public Builder reposUpstreams(Map<String, URI> value) { this.reposUpstreams = value; return this; }
        public Builder tftp(TftpConfig value) { this.tftp = value; return this; }
        public Builder dhcp(DhcpConfig value) { this.dhcp = value; return this; }

        public EngineConfig build() {
            return new EngineConfig(idc, serverIp, listenAddress, apiPort, staticRoot, interfaceName, etcdEndpoints,
                    etcdLeaseTtl, allow, rateLimit, gzip, tlsCert, tlsKey, tlsSelfSigned, reposUpstreams, tftp, dhcp);
        }
    }
}
