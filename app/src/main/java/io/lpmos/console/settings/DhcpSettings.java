package io.lpmos.console.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.DhcpMode;

/**
 * The DHCP part of {@code settings.json}, as the operator set it; a null field keeps the engine's value.
 *
 * @param mode {@code --dhcp-mode}: {@code proxy} or {@code full}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DhcpSettings(String mode) {
    public static final DhcpSettings UNSET = new DhcpSettings(null);

    /** The settings as {@code config} has them. */
    public static DhcpSettings of(DhcpConfig config) {
        return new DhcpSettings(config.mode().flagValue());
    }

    /**
     * {@code base} with every value set here replaced.
     *
     * @throws IllegalArgumentException in the engine's words when a value is not accepted
     */
    public DhcpConfig applyTo(DhcpConfig base) {
        DhcpConfig result = base;
        if (mode != null) {
            result = result.withMode(DhcpMode.parse(mode));
        }
        return result;
    }
}
