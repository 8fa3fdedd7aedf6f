package io.lpmos.console.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.lpmos.engine.config.TftpConfig;

/**
 * The TFTP part of {@code settings.json}, as the operator set it; a null field keeps the engine's value.
 *
 * @param port {@code --tftp-port}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TftpSettings(Integer port) {
    public static final TftpSettings UNSET = new TftpSettings(null);

    /** The settings as {@code config} has them. */
    public static TftpSettings of(TftpConfig config) {
        return new TftpSettings(config.port());
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
        return result;
    }
}
