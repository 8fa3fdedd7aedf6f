package io.lpmos.engine.config;

import java.util.List;
import java.util.Objects;

/**
 * The DHCP service's settings (SPEC §5), part of {@link EngineConfig}. Immutable.
 *
 * @param enabled whether the engine has a DHCP service at all ({@code --enable-dhcp})
 * @param mode    proxy (default) or full
 */
public record DhcpConfig(boolean enabled, DhcpMode mode) {
    /** No DHCP service; proxy mode once enabled. */
    public static final DhcpConfig DEFAULTS = new DhcpConfig(false, DhcpMode.PROXY);

    /** The DHCP part of the settings catalogue, in the order the CLI documents them. */
    public static final List<EngineConfig.Setting> SETTINGS = List.of(
            new EngineConfig.Setting("dhcp.enabled", "--enable-dhcp", "false",
                    "answer DHCP/PXE clients on --interface"),
            new EngineConfig.Setting("dhcp.mode", "--dhcp-mode", DhcpMode.PROXY.flagValue(),
                    "proxy (PXE answers only) or full (address pool)"));

    public DhcpConfig {
        Objects.requireNonNull(mode, "mode");
    }

    public DhcpConfig withEnabled(boolean value) {
        return new DhcpConfig(value, mode);
    }

    public DhcpConfig withMode(DhcpMode value) {
        return new DhcpConfig(enabled, value);
    }

    /** One line per setting, for the start-up log. */
    public List<String> describe() {
        return List.of("dhcp.enabled=" + enabled, "dhcp.mode=" + mode.flagValue());
    }
}
