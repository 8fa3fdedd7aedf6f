package io.lpmos.engine.cli;

import io.lpmos.engine.boot.ClientArch;
import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.net.Ipv4Range;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The DHCP flags of {@code regional-client} (a picocli mixin), mapped onto a {@link DhcpConfig}. */
final class DhcpOptions {
    @Option(names = "--enable-dhcp", description = "Answer DHCP/PXE clients on --interface (required with it).")
    boolean enabled;

    @Option(names = "--dhcp-mode", paramLabel = "proxy|full", defaultValue = "proxy", converter = ModeConverter.class,
            description = "proxy: PXE answers only, safe beside another DHCP server; full: hand out addresses."
                    + " Default: ${DEFAULT-VALUE}.")
    DhcpMode mode;

    @Option(names = "--dhcp-range", paramLabel = "FIRST-LAST", converter = RangeConverter.class,
            description = "Full mode's address pool, e.g. 10.0.0.100-10.0.0.200. Default: the upper half of the"
                    + " interface's subnet.")
    Ipv4Range range;

    @Option(names = "--dhcp-lease", paramLabel = "TIME", defaultValue = "1h", converter = LeaseConverter.class,
            description = "Full mode's lease time, e.g. 30m, 12h, 1d. Default: ${DEFAULT-VALUE}.")
    Duration leaseTime;

    @Option(names = "--dhcp-router", paramLabel = "IP", description = "Full mode's default gateway (option 3). Default: none.")
    String router;

    @Option(names = "--dhcp-dns", paramLabel = "IP", split = ",",
            description = "Full mode's DNS servers (option 6), comma separated. Default: none.")
    List<String> dns = new ArrayList<>();

    @Option(names = "--dhcp-domain", paramLabel = "NAME", description = "Full mode's domain name (option 15). Default: none.")
    String domain;

    @Option(names = "--dhcp-reservations", paramLabel = "FILE",
            description = "Fixed addresses by MAC: one 'MAC IP [hostname]' per line, # for comments.")
    Path reservations;

    @Option(names = "--dhcp-conflict-check", paramLabel = "on|off", defaultValue = "on", converter = OnOffConverter.class,
            description = "Full mode pings an address (and looks it up in the ARP table) before offering it the"
                    + " first time. Default: ${DEFAULT-VALUE}.")
    boolean conflictCheck;

    @Option(names = "--dhcp-boot-file", paramLabel = "ARCH=FILE",
            description = "Boot file for one client architecture (bios, efi-ia32, efi-x64, efi-arm64, efi-x64-http,"
                    + " efi-arm64-http): a path in the boot tree or a URL; repeatable. Default: the first of"
                    + " boot/undionly.kpxe, boot/ipxe.efi, ... present.")
    List<String> bootFiles = new ArrayList<>();

    @Option(names = "--ipxe-script", paramLabel = "PATH|URL", defaultValue = DhcpConfig.DEFAULT_IPXE_SCRIPT,
            description = "What iPXE clients chain to instead of iPXE again: a path in the boot tree (served over HTTP)"
                    + " or a URL. Default: ${DEFAULT-VALUE}.")
    String ipxeScript;

    @Option(names = "--dhcp-ignore-other-servers",
            description = "Start full mode even though another DHCP server answered the probe.")
    boolean ignoreOtherServers;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = DhcpConfig.DEFAULT_STATE_DIR,
            description = "Folder for the DHCP lease journal, outside the boot tree. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    /**
     * @throws IllegalArgumentException in operator words when a value is not accepted
     */
    DhcpConfig toConfig() {
        Map<ClientArch, String> files = new EnumMap<>(ClientArch.class);
        for (String value : bootFiles) {
            Map.Entry<ClientArch, String> entry = DhcpConfig.parseBootFile(value);
            files.put(entry.getKey(), entry.getValue());
        }
        return DhcpConfig.DEFAULTS.toBuilder().enabled(enabled).mode(mode).range(range).leaseTime(leaseTime)
                .router(router).dns(dns).domain(domain).reservations(reservations).conflictCheck(conflictCheck)
                .bootFiles(files).ipxeScript(ipxeScript).ignoreOtherServers(ignoreOtherServers).stateDir(stateDir)
                .build();
    }

    static final class ModeConverter implements CommandLine.ITypeConverter<DhcpMode> {
        @Override
        public DhcpMode convert(String value) {
            return Conversions.converted(value, DhcpMode::parse);
        }
    }

    static final class RangeConverter implements CommandLine.ITypeConverter<Ipv4Range> {
        @Override
        public Ipv4Range convert(String value) {
            return Conversions.converted(value, Ipv4Range::parse);
        }
    }

    static final class LeaseConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Conversions.converted(value, DhcpConfig::parseDuration);
        }
    }

    static final class OnOffConverter implements CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return Conversions.converted(value, text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new IllegalArgumentException("'" + text + "' is neither on nor off");
            });
        }
    }
}
