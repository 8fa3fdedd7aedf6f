package io.lpmos.console.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.net.ByteSize;
import io.lpmos.engine.net.Cidr;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the console remembers per user between runs ({@code settings.json}): the engine settings the
 * Settings dialog edits, the theme, which services Start PXE leaves out, and where the window and
 * its split panes were. Immutable.
 *
 * <p>Engine settings are kept as the operator wrote them and are {@code null} when never set; the
 * one mapping to the engine, {@link #applyTo(EngineConfig)}, parses them with the engine's own parsers
 * ({@link Cidr#parse}, {@link ByteSize#parse}) and the {@link EngineConfig} checks, so the console
 * accepts exactly what {@code regional-client} accepts for the same flags.
 *
 * @param staticRoot       {@code --static-root}
 * @param httpPort         {@code --api-port}
 * @param idc              {@code --idc}
 * @param etcdEndpoints    {@code --etcd}, one URL per element
 * @param allow            {@code --allow}, one CIDR per element
 * @param rateLimit        {@code --rate-limit}, e.g. {@code 10MB}; blank: unlimited
 * @param interfaceName    {@code --interface}: the network interface the operator picked in the toolbar
 * @param tftp             the TFTP service's settings; never null
 * @param dhcp             the DHCP service's settings; never null
 * @param theme            the window's theme; never null
 * @param disabledServices services Start PXE leaves out, by name; never null
 * @param switchedOnServices the services that are off unless switched on (DHCP) which the operator
 *                         switched on, by name; never null
 * @param window           where the main window was; null before the first close
 * @param dividers         split pane divider positions by the pane's id; never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsoleSettings(
        String staticRoot,
        Integer httpPort,
        String idc,
        List<String> etcdEndpoints,
        List<String> allow,
        String rateLimit,
        String interfaceName,
        TftpSettings tftp,
        DhcpSettings dhcp,
        Theme theme,
        Set<String> disabledServices,
        Set<String> switchedOnServices,
        WindowGeometry window,
        Map<String, List<Double>> dividers) {

    public ConsoleSettings {
        etcdEndpoints = etcdEndpoints == null ? null : List.copyOf(etcdEndpoints);
        allow = allow == null ? null : List.copyOf(allow);
        tftp = tftp == null ? TftpSettings.UNSET : tftp;
        dhcp = dhcp == null ? DhcpSettings.UNSET : dhcp;
        theme = theme == null ? Theme.SYSTEM : theme;
        disabledServices = disabledServices == null ? Set.of() : Set.copyOf(new TreeSet<>(disabledServices));
        switchedOnServices = switchedOnServices == null ? Set.of() : Set.copyOf(new TreeSet<>(switchedOnServices));
        dividers = dividers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(dividers));
    }

    /** Nothing set yet: every engine setting comes from the console's defaults. */
    public static ConsoleSettings empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every value of this instance. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.staticRoot = staticRoot;
        builder.httpPort = httpPort;
        builder.idc = idc;
        builder.etcdEndpoints = etcdEndpoints;
        builder.allow = allow;
        builder.rateLimit = rateLimit;
        builder.interfaceName = interfaceName;
        builder.tftp = tftp;
        builder.dhcp = dhcp;
        builder.theme = theme;
        builder.disabledServices = disabledServices;
        builder.switchedOnServices = switchedOnServices;
        builder.window = window;
        builder.dividers = dividers;
        return builder;
    }

    /**
     * The settings as the engine configuration {@code config} has them, keeping this instance's theme,
     * service choices and window state.
     */
    public ConsoleSettings withEngineSettingsOf(EngineConfig config) {
        return toBuilder().staticRoot(config.staticRoot().toString()).httpPort(config.apiPort()).idc(config.idc())
                .etcdEndpoints(config.etcdEndpoints().stream().map(URI::toString).toList())
                .allow(config.allow().stream().map(Cidr::toString).toList())
                .rateLimit(exactSize(config.rateLimit()))
                .interfaceName(config.interfaceName())
                .tftp(TftpSettings.of(config.tftp()))
                .dhcp(DhcpSettings.of(config.dhcp()))
                .build();
    }

    /** A byte count as the shortest text {@link ByteSize#parse} reads back exactly: 10MB, 512KB, 1500; 0 is blank. */
    static String exactSize(long bytes) {
        if (bytes == 0) {
            return "";
        }
        String[] units = {"", "KB", "MB", "GB", "TB"};
        long value = bytes;
        int unit = 0;
        while (unit < units.length - 1 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }

    /**
     * {@code base} with every engine setting this instance has replaced; settings it does not have keep
     * their value in {@code base}.
     *
     * @throws IllegalArgumentException in the engine's words when a value is not one the headless
     *                                  client would accept
     */
    public EngineConfig applyTo(EngineConfig base) {
        EngineConfig.Builder builder = base.toBuilder();
        if (staticRoot != null) {
            builder.staticRoot(staticRootPath(staticRoot));
        }
        if (httpPort != null) {
            builder.apiPort(httpPort);
        }
        if (idc != null) {
            builder.idc(idc);
        }
        if (etcdEndpoints != null) {
            List<URI> endpoints = new ArrayList<>();
            for (String endpoint : etcdEndpoints) {
                endpoints.add(etcdEndpoint(endpoint));
            }
            builder.etcdEndpoints(endpoints);
        }
        if (allow != null) {
            builder.allow(allow.stream().map(Cidr::parse).toList());
        }
        if (rateLimit != null) {
            builder.rateLimit(rateLimit.isBlank() ? 0 : ByteSize.parse(rateLimit));
        }
        if (interfaceName != null) {
            builder.interfaceName(interfaceName.isBlank() ? null : interfaceName.strip());
        }
        EngineConfig partial = builder.build();
        return builder.tftp(tftp.applyTo(partial.tftp())).dhcp(dhcp.applyTo(partial.dhcp())).build();
    }

    /**
     * The boot tree root as the console accepts it: an absolute path.
     *
     * @throws IllegalArgumentException when the text is blank, not a path or relative
     */
    static Path staticRootPath(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("choose the folder the boot tree is served from");
        }
        return absolutePath(text, Path.of(System.getProperty("user.home"), "tftpboot"));
    }

    /**
     * A path the console accepts for a file or folder setting: absolute (the console's working folder
     * means nothing to an operator).
     *
     * @param example shown when the text is relative
     * @throws IllegalArgumentException when the text is not a path or relative
     */
    static Path absolutePath(String text, Path example) {
        Path path;
        try {
            path = Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("'" + text + "' is relative: give the whole path, e.g. " + example);
        }
        return path.normalize();
    }

    /**
     * One etcd endpoint, parsed as the headless client's {@code --etcd} parses it; the scheme and host
     * are checked by {@link EngineConfig}.
     */
    static URI etcdEndpoint(String text) {
        if (!text.contains("://")) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: write it with its scheme, e.g. http://"
                    + text.strip());
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL such as http://10.0.0.5:2379: "
                    + e.getReason());
        }
    }

    public ConsoleSettings withTheme(Theme value) {
        return toBuilder().theme(value).build();
    }

    public ConsoleSettings withDisabledServices(Set<String> value) {
        return toBuilder().disabledServices(value).build();
    }

    public ConsoleSettings withSwitchedOnServices(Set<String> value) {
        return toBuilder().switchedOnServices(value).build();
    }

    /** The settings with the DHCP mode the toolbar chose. */
    public ConsoleSettings withDhcpMode(DhcpMode value) {
        return toBuilder().dhcp(dhcp.withMode(value)).build();
    }

    public ConsoleSettings withWindow(WindowGeometry value, Map<String, List<Double>> dividerPositions) {
        return toBuilder().window(value).dividers(dividerPositions).build();
    }

    public ConsoleSettings withInterfaceName(String value) {
        return toBuilder().interfaceName(value).build();
    }

    /** Builds settings field by field; every field starts unset (null). */
    public static final class Builder {
        private String staticRoot;
        private Integer httpPort;
        private String idc;
        private List<String> etcdEndpoints;
        private List<String> allow;
        private String rateLimit;
        private String interfaceName;
        private TftpSettings tftp;
        private DhcpSettings dhcp;
        private Theme theme;
        private Set<String> disabledServices;
        private Set<String> switchedOnServices;
        private WindowGeometry window;
        private Map<String, List<Double>> dividers;

        private Builder() {
        }

        public Builder staticRoot(String value) { staticRoot = value; return this; }
        public Builder httpPort(Integer value) { httpPort = value; return this; }
        public Builder idc(String value) { idc = value; return this; }
        public Builder etcdEndpoints(List<String> value) { etcdEndpoints = value; return this; }
        public Builder allow(List<String> value) { allow = value; return this; }
        public Builder rateLimit(String value) { rateLimit = value; return this; }
        public Builder interfaceName(String value) { interfaceName = value; return this; }
        public Builder tftp(TftpSettings value) { tftp = value; return this; }
        public Builder dhcp(DhcpSettings value) { dhcp = value; return this; }
        public Builder theme(Theme value) { theme = value; return this; }
        public Builder disabledServices(Set<String> value) { disabledServices = value; return this; }
        public Builder switchedOnServices(Set<String> value) { switchedOnServices = value; return this; }
        public Builder window(WindowGeometry value) { window = value; return this; }
        public Builder dividers(Map<String, List<Double>> value) { dividers = value; return this; }

        public ConsoleSettings build() {
            return new ConsoleSettings(staticRoot, httpPort, idc, etcdEndpoints, allow, rateLimit, interfaceName, tftp,
                    dhcp, theme, disabledServices, switchedOnServices, window, dividers);
        }
    }
}
