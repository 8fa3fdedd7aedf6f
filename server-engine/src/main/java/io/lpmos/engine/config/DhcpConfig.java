package io.lpmos.engine.config;

import io.lpmos.engine.boot.ClientArch;
import io.lpmos.engine.net.Ipv4;
import io.lpmos.engine.net.Ipv4Range;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The DHCP service's settings (SPEC §5), part of {@link EngineConfig}. Immutable; use {@link #toBuilder()}.
 *
 * @param enabled            whether the engine has a DHCP service at all ({@code --enable-dhcp})
 * @param mode               proxy (default) or full
 * @param range              full mode's address pool; {@code null}: the upper half of the interface's subnet
 * @param leaseTime          how long a full-mode lease lasts
 * @param router             full mode's default gateway (option 3); {@code null}: none
 * @param dns                full mode's DNS servers (option 6), dotted quads; empty: none
 * @param domain             full mode's domain name (option 15); {@code null}: none
 * @param reservations       file of fixed addresses by MAC ({@code MAC IP [hostname]} per line); {@code null}: none
 * @param conflictCheck      full mode pings (ICMP, and looks the address up in the ARP table) before
 *                           offering an address that was never leased
 * @param bootFiles          the boot file per client architecture the operator chose (path in the boot
 *                           tree or URL); architectures not named get the first default present in the tree
 * @param ipxeScript         what iPXE clients chain to: a path in the boot tree, served over HTTP, or a URL
 * @param ignoreOtherServers start full mode even though another DHCP server answered the probe
 * @param stateDir           folder of the lease journal; never inside the boot tree (HTTP/TFTP serve that)
 */
public record DhcpConfig(
        boolean enabled,
        DhcpMode mode,
        Ipv4Range range,
        Duration leaseTime,
        String router,
        List<String> dns,
        String domain,
        Path reservations,
        boolean conflictCheck,
        Map<ClientArch, String> bootFiles,
        String ipxeScript,
        boolean ignoreOtherServers,
        Path stateDir) {

    public static final Duration DEFAULT_LEASE_TIME = Duration.ofHours(1);
    public static final Duration MIN_LEASE_TIME = Duration.ofMinutes(1);
    public static final Duration MAX_LEASE_TIME = Duration.ofDays(365);
    public static final String DEFAULT_IPXE_SCRIPT = "boot/boot.ipxe";
    public static final String DEFAULT_STATE_DIR = "/var/lib/lpmos";
    /** Longest boot file name option 67 carries. */
    public static final int MAX_BOOT_FILE_LENGTH = 255;

    /** No DHCP service; proxy mode once enabled. */
    public static final DhcpConfig DEFAULTS = new DhcpConfig(false, DhcpMode.PROXY, null, DEFAULT_LEASE_TIME, null,
            List.of(), null, null, true, Map.of(), DEFAULT_IPXE_SCRIPT, false, Path.of(DEFAULT_STATE_DIR));

    /** The DHCP part of the settings catalogue, in the order the CLI documents them. */
    public static final List<EngineConfig.Setting> SETTINGS = List.of(
            new EngineConfig.Setting("dhcp.enabled", "--enable-dhcp", "false",
                    "answer DHCP/PXE clients on --interface"),
            new EngineConfig.Setting("dhcp.mode", "--dhcp-mode", DhcpMode.PROXY.flagValue(),
                    "proxy (PXE answers only) or full (address pool)"),
            new EngineConfig.Setting("dhcp.range", "--dhcp-range", "(upper half of the interface's subnet)",
                    "full mode's address pool, e.g. 10.0.0.100-10.0.0.200"),
            new EngineConfig.Setting("dhcp.leaseTime", "--dhcp-lease", "1h", "full mode's lease time, e.g. 30m, 12h, 1d"),
            new EngineConfig.Setting("dhcp.router", "--dhcp-router", "(none)", "full mode's default gateway"),
            new EngineConfig.Setting("dhcp.dns", "--dhcp-dns", "(none)", "full mode's DNS servers, comma separated"),
            new EngineConfig.Setting("dhcp.domain", "--dhcp-domain", "(none)", "full mode's domain name"),
            new EngineConfig.Setting("dhcp.reservations", "--dhcp-reservations", "(none)",
                    "file of fixed addresses: MAC IP [hostname] per line"),
            new EngineConfig.Setting("dhcp.conflictCheck", "--dhcp-conflict-check", "on",
                    "ping/ARP an address before offering it (full mode)"),
            new EngineConfig.Setting("dhcp.bootFiles", "--dhcp-boot-file", "(first present of each arch's defaults)",
                    "boot file per client arch, <arch>=<path or URL>, repeatable"),
            new EngineConfig.Setting("dhcp.ipxeScript", "--ipxe-script", DEFAULT_IPXE_SCRIPT,
                    "what iPXE clients chain to: a path in the boot tree (over HTTP) or a URL"),
            new EngineConfig.Setting("dhcp.ignoreOtherServers", "--dhcp-ignore-other-servers", "false",
                    "start full mode although another DHCP server answered"),
            new EngineConfig.Setting("dhcp.stateDir", "--state-dir", DEFAULT_STATE_DIR,
                    "folder for the DHCP lease journal, outside the boot tree"));

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

    public DhcpConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(leaseTime, "leaseTime");
        Objects.requireNonNull(ipxeScript, "ipxeScript");
        Objects.requireNonNull(stateDir, "stateDir");
        if (leaseTime.compareTo(MIN_LEASE_TIME) < 0 || leaseTime.compareTo(MAX_LEASE_TIME) > 0) {
            throw new IllegalArgumentException("--dhcp-lease " + formatDuration(leaseTime)
                    + " is not between 1m and 365d");
        }
        if (router != null) {
            router = Ipv4.format(parseAddress("--dhcp-router", router));
        }
        List<String> servers = new ArrayList<>();
        for (String server : dns) {
            servers.add(Ipv4.format(parseAddress("--dhcp-dns", server)));
        }
        dns = List.copyOf(servers);
        if (domain != null) {
            domain = domain.strip();
            if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
                throw new IllegalArgumentException("--dhcp-domain '" + domain + "' is not a domain name such as lab.example");
            }
        }
        Map<ClientArch, String> files = new EnumMap<>(ClientArch.class);
        bootFiles.forEach((arch, file) -> files.put(arch, checkBootFile("--dhcp-boot-file " + arch.flagValue(), file)));
        bootFiles = Collections.unmodifiableMap(files);
        ipxeScript = checkBootFile("--ipxe-script", ipxeScript);
    }

    private static int parseAddress(String flag, String text) {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    /**
     * A boot file as a client may be told it: an http(s) URL, or a relative path in the boot tree with
     * no {@code .}/{@code ..} segment, backslash or control character.
     */
    private static String checkBootFile(String flag, String file) {
        String value = file.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a file, e.g. boot/ipxe.efi");
        }
        if (value.length() > MAX_BOOT_FILE_LENGTH) {
            throw new IllegalArgumentException(flag + " is longer than " + MAX_BOOT_FILE_LENGTH
                    + " characters, more than DHCP can tell a client");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c > 0x7e)) {
            throw new IllegalArgumentException(flag + " '" + value + "' has characters firmware cannot request:"
                    + " use plain ASCII");
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return value;
        }
        if (value.startsWith("/") || value.contains("\\") || value.contains(":")) {
            throw new IllegalArgumentException(flag + " '" + value + "' must be a path inside the boot tree such as"
                    + " boot/ipxe.efi, or an http:// URL");
        }
        for (String segment : value.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(flag + " '" + value + "' must be a plain path inside the boot tree"
                        + " (no empty, . or .. parts), e.g. boot/ipxe.efi");
            }
        }
        return value;
    }

    /**
     * Parses a lease time: a number with an optional unit {@code s m h d} (seconds without one), e.g.
     * {@code 30m}, {@code 12h}, {@code 3600}.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a lease time such as 30m, 12h or 1d");
        }
        long value = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            case "d" -> Duration.ofDays(value);
            default -> Duration.ofSeconds(value);
        };
    }

    /** The shortest text {@link #parseDuration} reads back exactly: {@code 1h}, {@code 90m}, {@code 45s}. */
    public static String formatDuration(Duration duration) {
        long seconds = duration.toSeconds();
        for (Map.Entry<String, Long> unit : List.of(Map.entry("d", 86_400L), Map.entry("h", 3600L), Map.entry("m", 60L))) {
            if (seconds != 0 && seconds % unit.getValue() == 0) {
                return seconds / unit.getValue() + unit.getKey();
            }
        }
        return seconds + "s";
    }

    /**
     * Parses one {@code --dhcp-boot-file} value, {@code <arch>=<file>}.
     *
     * @throws IllegalArgumentException naming the accepted architectures
     */
    public static Map.Entry<ClientArch, String> parseBootFile(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + text + "' is not <arch>=<file>, e.g. efi-x64=boot/snponly.efi");
        }
        return Map.entry(ClientArch.parse(text.substring(0, eq)), text.substring(eq + 1));
    }

    public DhcpConfig withEnabled(boolean value) {
        return toBuilder().enabled(value).build();
    }

    public DhcpConfig withMode(DhcpMode value) {
        return toBuilder().mode(value).build();
    }

    /** One line per setting, for the start-up log. */
    public List<String> describe() {
        return List.of(
                "dhcp.enabled=" + enabled,
                "dhcp.mode=" + mode.flagValue(),
                "dhcp.range=" + (range == null ? "(upper half of the interface's subnet)" : range),
                "dhcp.leaseTime=" + formatDuration(leaseTime),
                "dhcp.router=" + (router == null ? "(none)" : router),
                "dhcp.dns=" + (dns.isEmpty() ? "(none)" : String.join(",", dns)),
                "dhcp.domain=" + (domain == null ? "(none)" : domain),
                "dhcp.reservations=" + (reservations == null ? "(none)" : reservations),
                "dhcp.conflictCheck=" + (conflictCheck ? "on" : "off"),
                "dhcp.bootFiles=" + (bootFiles.isEmpty() ? "(defaults)" : bootFiles.entrySet().stream()
                        .map(entry -> entry.getKey().flagValue() + "=" + entry.getValue())
                        .collect(Collectors.joining(", "))),
                "dhcp.ipxeScript=" + ipxeScript,
                "dhcp.ignoreOtherServers=" + ignoreOtherServers,
                "dhcp.stateDir=" + stateDir);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link DhcpConfig} from {@link #DEFAULTS} or another instance, setting by setting. */
    public static final class Builder {
        private boolean enabled;
        private DhcpMode mode;
        private Ipv4Range range;
        private Duration leaseTime;
        private String router;
        private List<String> dns;
        private String domain;
        private Path reservations;
        private boolean conflictCheck;
        private Map<ClientArch, String> bootFiles;
        private String ipxeScript;
        private boolean ignoreOtherServers;
        private Path stateDir;

        private Builder(DhcpConfig from) {
            enabled = from.enabled;
            mode = from.mode;
            range = from.range;
            leaseTime = from.leaseTime;
            router = from.router;
            dns = from.dns;
            domain = from.domain;
            reservations = from.reservations;
            conflictCheck = from.conflictCheck;
            bootFiles = from.bootFiles;
            ipxeScript = from.ipxeScript;
            ignoreOtherServers = from.ignoreOtherServers;
            stateDir = from.stateDir;
        }

        public Builder enabled(boolean value) { enabled = value; return this; }
        public Builder mode(DhcpMode value) { mode = value; return this; }
        public Builder range(Ipv4Range value) { range = value; return this; }
        public Builder leaseTime(Duration value) { leaseTime = value; return this; }
        public Builder router(String value) { router = value; return this; }
        public Builder dns(List<String> value) { dns = value; return this; }
        public Builder domain(String value) { domain = value; return this; }
        public Builder reservations(Path value) { reservations = value; return this; }
        public Builder conflictCheck(boolean value) { conflictCheck = value; return this; }
        public Builder bootFiles(Map<ClientArch, String> value) { bootFiles = value; return this; }
        public Builder ipxeScript(String value) { ipxeScript = value; return this; }
        public Builder ignoreOtherServers(boolean value) { ignoreOtherServers = value; return this; }
        public Builder stateDir(Path value) { stateDir = value; return this; }

        public DhcpConfig build() {
            return new DhcpConfig(enabled, mode, range, leaseTime, router, dns, domain, reservations, conflictCheck,
                    bootFiles, ipxeScript, ignoreOtherServers, stateDir);
        }
    }
}
