package io.lpmos.console.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param theme            the window's theme; never null
 * @param disabledServices services Start PXE leaves out, by name; never null
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
        Theme theme,
        Set<String> disabledServices,
        WindowGeometry window,
        Map<String, List<Double>> dividers) {

    public ConsoleSettings {
        etcdEndpoints = etcdEndpoints == null ? null : List.copyOf(etcdEndpoints);
        allow = allow == null ? null : List.copyOf(allow);
        theme = theme == null ? Theme.SYSTEM : theme;
        disabledServices = disabledServices == null ? Set.of() : Set.copyOf(new TreeSet<>(disabledServices));
        dividers = dividers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(dividers));
    }

    /** Nothing set yet: every engine setting comes from the console's defaults. */
    public static ConsoleSettings empty() {
        return new ConsoleSettings(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The settings as the engine configuration {@code config} has them, keeping this instance's theme,
     * service choices and window state.
     */
    public ConsoleSettings withEngineSettingsOf(EngineConfig config) {
        return new ConsoleSettings(config.staticRoot().toString(), config.apiPort(), config.idc(),
                config.etcdEndpoints().stream().map(URI::toString).toList(),
                config.allow().stream().map(Cidr::toString).toList(),
                exactSize(config.rateLimit()),
                theme, disabledServices, window, dividers);
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
        return builder.build();
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
        Path path;
        try {
            path = Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("'" + text + "' is relative: give the whole path, e.g. "
                    + Path.of(System.getProperty("user.home"), "tftpboot"));
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
        return new ConsoleSettings(staticRoot, httpPort, idc, etcdEndpoints, allow, rateLimit, value,
                disabledServices, window, dividers);
    }

    public ConsoleSettings withDisabledServices(Set<String> value) {
        return new ConsoleSettings(staticRoot, httpPort, idc, etcdEndpoints, allow, rateLimit, theme, value,
                window, dividers);
    }

    public ConsoleSettings withWindow(WindowGeometry value, Map<String, List<Double>> dividerPositions) {
        return new ConsoleSettings(staticRoot, httpPort, idc, etcdEndpoints, allow, rateLimit, theme,
                disabledServices, value, dividerPositions);
    }
}
