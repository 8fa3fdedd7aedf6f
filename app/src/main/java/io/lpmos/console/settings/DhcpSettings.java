package io.lpmos.console.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.net.Ipv4Range;
import java.nio.file.Path;
import java.util.List;

/**
 * The DHCP part of {@code settings.json}, as the operator set it; a null field keeps the engine's value,
 * a blank one clears an optional setting (no router, the default range, ...). Values are parsed by the
 * engine's own parsers, so the console accepts what {@code regional-client} accepts for the same flag.
 *
 * @param mode         {@code --dhcp-mode}: {@code proxy} or {@code full} (the toolbar's choice)
 * @param range        {@code --dhcp-range}, e.g. {@code 10.0.0.100-10.0.0.200}
 * @param lease        {@code --dhcp-lease}, e.g. {@code 1h}
 * @param router       {@code --dhcp-router}
 * @param dns          {@code --dhcp-dns}, one address per element
 * @param reservations {@code --dhcp-reservations}, a file
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DhcpSettings(String mode, String range, String lease, String router, List<String> dns,
                           String reservations) {
    public static final DhcpSettings UNSET = new DhcpSettings(null, null, null, null, null, null);

    public DhcpSettings {
        dns = dns == null ? null : List.copyOf(dns);
    }

    /** The settings as {@code config} has them. */
    public static DhcpSettings of(DhcpConfig config) {
        return new DhcpSettings(config.mode().flagValue(), config.range() == null ? "" : config.range().toString(),
                DhcpConfig.formatDuration(config.leaseTime()), config.router() == null ? "" : config.router(),
                config.dns(), config.reservations() == null ? "" : config.reservations().toString());
    }

    public DhcpSettings withMode(DhcpMode value) {
        return new DhcpSettings(value.flagValue(), range, lease, router, dns, reservations);
    }

    /**
     * {@code base} with every value set here replaced.
     *
     * @throws IllegalArgumentException in the engine's words when a value is not accepted
     */
    public DhcpConfig applyTo(DhcpConfig base) {
        DhcpConfig.Builder result = base.toBuilder();
        if (mode != null) {
            result.mode(DhcpMode.parse(mode));
        }
        if (range != null) {
            result.range(range.isBlank() ? null : Ipv4Range.parse(range));
        }
        if (lease != null) {
            result.leaseTime(DhcpConfig.parseDuration(lease));
        }
        if (router != null) {
            result.router(router.isBlank() ? null : router.strip());
        }
        if (dns != null) {
            result.dns(dns);
        }
        if (reservations != null) {
            result.reservations(reservations.isBlank() ? null : ConsoleSettings.absolutePath(reservations,
                    Path.of(System.getProperty("user.home"), "reservations.txt")));
        }
        return result.build();
    }
}
