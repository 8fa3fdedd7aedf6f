package io.lpmos.engine.cli;

import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.DhcpMode;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The DHCP flags of {@code regional-client} (a picocli mixin), mapped onto a {@link DhcpConfig}. */
final class DhcpOptions {
    @Option(names = "--enable-dhcp", description = "Answer DHCP/PXE clients on --interface (required with it).")
    boolean enabled;

    @Option(names = "--dhcp-mode", paramLabel = "proxy|full", defaultValue = "proxy", converter = ModeConverter.class,
            description = "proxy: PXE answers only, safe beside another DHCP server; full: hand out addresses."
                    + " Default: ${DEFAULT-VALUE}.")
    DhcpMode mode;

    DhcpConfig toConfig() {
        return DhcpConfig.DEFAULTS.withEnabled(enabled).withMode(mode);
    }

    /** Reports a bad mode in operator words, without picocli's "cannot convert ... (java.lang...)" wrapping. */
    static final class ModeConverter implements CommandLine.ITypeConverter<DhcpMode> {
        @Override
        public DhcpMode convert(String value) {
            try {
                return DhcpMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
