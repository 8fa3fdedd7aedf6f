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

    @Option(names = "--tftp-max-transfers", paramLabel = "N", defaultValue = "" + TftpConfig.DEFAULT_MAX_TRANSFERS,
            description = "TFTP transfers served at once; more are refused as busy. Default: ${DEFAULT-VALUE}.")
    int maxTransfers;

    @Option(names = "--tftp-timeout-ms", paramLabel = "MILLIS", defaultValue = "" + TftpConfig.DEFAULT_TIMEOUT_MILLIS,
            description = "TFTP retransmission timeout (10..255000 ms) when the client asks for none. Default: ${DEFAULT-VALUE}.")
    int timeoutMillis;

    @Option(names = "--tftp-retries", paramLabel = "N", defaultValue = "" + TftpConfig.DEFAULT_RETRIES,
            description = "TFTP retransmissions before a transfer times out. Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--tftp-max-blksize", paramLabel = "BYTES", defaultValue = "" + TftpConfig.MAX_BLOCK_SIZE,
            description = "Largest TFTP blksize granted (8..65464); the link MTU lowers it further. Default: ${DEFAULT-VALUE}.")
    int maxBlockSize;

    @Option(names = "--tftp-max-windowsize", paramLabel = "BLOCKS", defaultValue = "" + TftpConfig.MAX_WINDOW_SIZE,
            description = "Largest TFTP windowsize granted (1..65535). Default: ${DEFAULT-VALUE}.")
    int maxWindowSize;

    TftpConfig toConfig() {
        return new TftpConfig(enabled, port, maxTransfers, timeoutMillis, retries, maxBlockSize, maxWindowSize);
    }
}
