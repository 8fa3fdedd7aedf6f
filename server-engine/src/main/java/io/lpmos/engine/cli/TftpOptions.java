package io.lpmos.engine.cli;

import io.lpmos.engine.config.TftpConfig;
import picocli.CommandLine.Option;

/** The TFTP flags of {@code regional-client} (a picocli mixin), mapped onto a {@link TftpConfig}. */
final class TftpOptions {
    @Option(names = "--enable-tftp", description = "Serve the boot tree over TFTP (UDP), for PXE firmware.")
    boolean enabled;

    @Option(names = "--tftp-port", paramLabel = "PORT", defaultValue = "" + TftpConfig.DEFAULT_PORT,
            description = "TFTP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    TftpConfig toConfig() {
        return TftpConfig.DEFAULTS.withEnabled(enabled).withPort(port);
    }
}
