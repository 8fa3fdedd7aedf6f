package io.lpmos.engine.config;

import java.util.List;

/**
 * The TFTP service's settings (SPEC §4), part of {@link EngineConfig}. Immutable; the constructor
 * refuses values outside the ranges below with a message naming the flag.
 *
 * @param enabled        whether the engine has a TFTP service at all ({@code --enable-tftp})
 * @param port           UDP port of the TFTP server; 0 binds a free port
 * @param maxTransfers   transfers served at once; a request beyond that is refused with "server busy"
 * @param timeoutMillis  retransmission timeout in milliseconds when the client asks for none (its RFC 2349
 *                       {@code timeout} is in whole seconds and wins)
 * @param retries        retransmissions of one packet before the transfer is given up as timed out
 * @param maxBlockSize   largest {@code blksize} granted (RFC 2348: 8..65464); the link MTU may lower it further
 * @param maxWindowSize  largest {@code windowsize} granted (RFC 7440: 1..65535)
 */
public record TftpConfig(boolean enabled, int port, int maxTransfers, int timeoutMillis, int retries,
                         int maxBlockSize, int maxWindowSize) {
    public static final int DEFAULT_PORT = 69;
    public static final int DEFAULT_MAX_TRANSFERS = 100;
    public static final int DEFAULT_TIMEOUT_MILLIS = 1000;
    public static final int MIN_TIMEOUT_MILLIS = 10;
    public static final int DEFAULT_RETRIES = 5;
    /** RFC 2348's bounds for {@code blksize}. */
    public static final int MIN_BLOCK_SIZE = 8;
    public static final int MAX_BLOCK_SIZE = 65464;
    /** RFC 7440's upper bound for {@code windowsize}. */
    public static final int MAX_WINDOW_SIZE = 65535;
    /** RFC 2349's upper bound for {@code timeout}, in seconds. */
    public static final int MAX_TIMEOUT_SECONDS = 255;
    public static final int MAX_RETRIES = 100;
    public static final int MAX_TRANSFERS_LIMIT = 10_000;

    /** No TFTP service; port 69, 100 transfers at once, 1 s timeout, 5 retries, every RFC option range once enabled. */
    public static final TftpConfig DEFAULTS = new TftpConfig(false, DEFAULT_PORT, DEFAULT_MAX_TRANSFERS,
            DEFAULT_TIMEOUT_MILLIS, DEFAULT_RETRIES, MAX_BLOCK_SIZE, MAX_WINDOW_SIZE);

    /** The TFTP part of the settings catalogue, in the order the CLI documents them. */
    public static final List<EngineConfig.Setting> SETTINGS = List.of(
            new EngineConfig.Setting("tftp.enabled", "--enable-tftp", "false", "serve the boot tree over TFTP"),
            new EngineConfig.Setting("tftp.port", "--tftp-port", String.valueOf(DEFAULT_PORT),
                    "TFTP port (UDP; 0: any free port)"),
            new EngineConfig.Setting("tftp.maxTransfers", "--tftp-max-transfers", String.valueOf(DEFAULT_MAX_TRANSFERS),
                    "TFTP transfers served at once"),
            new EngineConfig.Setting("tftp.timeoutMillis", "--tftp-timeout-ms", String.valueOf(DEFAULT_TIMEOUT_MILLIS),
                    "TFTP retransmission timeout in ms when the client asks for none"),
            new EngineConfig.Setting("tftp.retries", "--tftp-retries", String.valueOf(DEFAULT_RETRIES),
                    "TFTP retransmissions before a transfer times out"),
            new EngineConfig.Setting("tftp.maxBlockSize", "--tftp-max-blksize", String.valueOf(MAX_BLOCK_SIZE),
                    "largest TFTP blksize granted (the link MTU may lower it)"),
            new EngineConfig.Setting("tftp.maxWindowSize", "--tftp-max-windowsize", String.valueOf(MAX_WINDOW_SIZE),
                    "largest TFTP windowsize granted"));

    public TftpConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TFTP port " + port + " is not in 0..65535");
        }
        check("--tftp-max-transfers", maxTransfers, 1, MAX_TRANSFERS_LIMIT);
        check("--tftp-timeout-ms", timeoutMillis, MIN_TIMEOUT_MILLIS, MAX_TIMEOUT_SECONDS * 1000);
        check("--tftp-retries", retries, 1, MAX_RETRIES);
        check("--tftp-max-blksize", maxBlockSize, MIN_BLOCK_SIZE, MAX_BLOCK_SIZE);
        check("--tftp-max-windowsize", maxWindowSize, 1, MAX_WINDOW_SIZE);
    }

    private static void check(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(flag + " " + value + " is not in " + min + ".." + max);
        }
    }

    public TftpConfig withEnabled(boolean value) {
        return new TftpConfig(value, port, maxTransfers, timeoutMillis, retries, maxBlockSize, maxWindowSize);
    }

    public TftpConfig withPort(int value) {
        return new TftpConfig(enabled, value, maxTransfers, timeoutMillis, retries, maxBlockSize, maxWindowSize);
    }

    public TftpConfig withMaxTransfers(int value) {
        return new TftpConfig(enabled, port, value, timeoutMillis, retries, maxBlockSize, maxWindowSize);
    }

    public TftpConfig withTimeoutMillis(int value) {
        return new TftpConfig(enabled, port, maxTransfers, value, retries, maxBlockSize, maxWindowSize);
    }

    public TftpConfig withRetries(int value) {
        return new TftpConfig(enabled, port, maxTransfers, timeoutMillis, value, maxBlockSize, maxWindowSize);
    }

    public TftpConfig withMaxBlockSize(int value) {
        return new TftpConfig(enabled, port, maxTransfers, timeoutMillis, retries, value, maxWindowSize);
    }

    public TftpConfig withMaxWindowSize(int value) {
        return new TftpConfig(enabled, port, maxTransfers, timeoutMillis, retries, maxBlockSize, value);
    }

    /** One line per setting, for the start-up log. */
    public List<String> describe() {
        return List.of("tftp.enabled=" + enabled, "tftp.port=" + port, "tftp.maxTransfers=" + maxTransfers,
                "tftp.timeoutMillis=" + timeoutMillis + "ms", "tftp.retries=" + retries,
                "tftp.maxBlockSize=" + maxBlockSize, "tftp.maxWindowSize=" + maxWindowSize);
    }
}
