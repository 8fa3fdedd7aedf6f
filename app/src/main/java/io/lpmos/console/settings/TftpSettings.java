package io.lpmos.console.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.lpmos.engine.config.TftpConfig;

/**
 * The TFTP part of {@code settings.json}, as the operator set it; a null field keeps the engine's value.
 * Whether TFTP runs at all is the toolbar toggle (saved with the other service toggles), not a setting here.
 *
 * @param port          {@code --tftp-port}
 * @param maxTransfers  {@code --tftp-max-transfers}
 * @param timeoutMillis {@code --tftp-timeout-ms}
 * @param retries       {@code --tftp-retries}
 * @param maxBlockSize  {@code --tftp-max-blksize}
 * @param maxWindowSize {@code --tftp-max-windowsize}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TftpSettings(Integer port, Integer maxTransfers, Integer timeoutMillis, Integer retries,
                           Integer maxBlockSize, Integer maxWindowSize) {
    public static final TftpSettings UNSET = new TftpSettings(null, null, null, null, null, null);

    /** Only the port set, as the first console versions saved it. */
    public TftpSettings(Integer port) {
        this(port, null, null, null, null, null);
    }

    /** The settings as {@code config} has them. */
    public static TftpSettings of(TftpConfig config) {
        return new TftpSettings(config.port(), config.maxTransfers(), config.timeoutMillis(), config.retries(),
                config.maxBlockSize(), config.maxWindowSize());
    }

    /**
     * {@code base} with every value set here replaced.
     *
     * @throws IllegalArgumentException in the engine's words when a value is not accepted
     */
    public TftpConfig applyTo(TftpConfig base) {
        TftpConfig result = base;
        if (port != null) {
            result = result.withPort(port);
        }
        if (maxTransfers != null) {
            result = result.withMaxTransfers(maxTransfers);
        }
        if (timeoutMillis != null) {
            result = result.withTimeoutMillis(timeoutMillis);
        }
        if (retries != null) {
            result = result.withRetries(retries);
        }
        if (maxBlockSize != null) {
            result = result.withMaxBlockSize(maxBlockSize);
        }
        if (maxWindowSize != null) {
            result = result.withMaxWindowSize(maxWindowSize);
        }
        return result;
    }
}
