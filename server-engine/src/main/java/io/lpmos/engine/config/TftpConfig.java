package io.lpmos.engine.config;

import java.util.List;

/**
 * The TFTP service's settings (SPEC §4), part of {@link EngineConfig}. Immutable.
 *
 * @param enabled whether the engine has a TFTP service at all ({@code --enable-tftp})
 * @param port    UDP port of the TFTP server; 0 binds a free port
 */
public record TftpConfig(boolean enabled, int port) {
    public static final int DEFAULT_PORT = 69;

    /** No TFTP service; port 69 once enabled. */
    public static final TftpConfig DEFAULTS = new TftpConfig(false, DEFAULT_PORT);

    /** The TFTP part of the settings catalogue, in the order the CLI documents them. */
    public static final List<EngineConfig.Setting> SETTINGS = List.of(
            new EngineConfig.Setting("tftp.enabled", "--enable-tftp", "false", "serve the boot tree over TFTP"),
            new EngineConfig.Setting("tftp.port", "--tftp-port", String.valueOf(DEFAULT_PORT),
                    "TFTP port (UDP; 0: any free port)"));

    public TftpConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TFTP port " + port + " is not in 0..65535");
        }
    }

    public TftpConfig withEnabled(boolean value) {
        return new TftpConfig(value, port);
    }

    public TftpConfig withPort(int value) {
        return new TftpConfig(enabled, value);
    }

    /** One line per setting, for the start-up log. */
    public List<String> describe() {
        return List.of("tftp.enabled=" + enabled, "tftp.port=" + port);
    }
}
