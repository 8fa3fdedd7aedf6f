package io.lpmos.console;

import io.lpmos.console.settings.ConfigDirectory;
import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.config.TftpConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * The console's command line: the engine settings an operator may want before the Settings dialog
 * exists, spelled like the headless client's flags, on top of the console's own defaults (a
 * user-writable {@code ~/tftpboot}, port 8081, the machine's host name as IDC, DHCP leases in the
 * user's state folder). The console's engine has a DHCP service whenever an interface is chosen (see
 * {@link #onInterface}); whether Start PXE starts it is the operator's toggle, off at first.
 *
 * @param config        the engine configuration to embed
 * @param startOnLaunch start every PXE service as soon as the window shows
 * @param dark          start with the dark theme
 */
public record ConsoleOptions(EngineConfig config, boolean startOnLaunch, boolean dark) {
    public static final String USAGE = "usage: lpmos-console [--static-root=DIR] [--api-port=N] [--listen-address=ADDR]"
            + " [--idc=NAME] [--interface=NAME] [--tftp-port=N] [--start] [--dark]";

    /**
     * Parses {@code --key=value} options and the {@code --start}/{@code --dark} switches.
     *
     * @throws IllegalArgumentException naming the option that is wrong and why
     */
    public static ConsoleOptions parse(List<String> args) {
        return parse(args, defaults());
    }

    /**
     * Parses the options on top of {@code builder}'s values (the console's defaults with the saved
     * settings applied): an option given on the command line wins for this run.
     *
     * @throws IllegalArgumentException naming the option that is wrong and why
     */
    public static ConsoleOptions parse(List<String> args, EngineConfig.Builder builder) {
        boolean start = false;
        boolean dark = false;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            switch (key) {
                case "--start" -> start = true;
                case "--dark" -> dark = true;
                case "--static-root" -> builder.staticRoot(Path.of(required(key, value)));
                case "--listen-address" -> builder.listenAddress(required(key, value));
                case "--idc" -> builder.idc(required(key, value));
                case "--interface" -> builder.interfaceName(required(key, value));
                case "--api-port" -> builder.apiPort(port(key, required(key, value)));
                case "--tftp-port" -> builder.tftp(builder.build().tftp().withPort(port(key, required(key, value))));
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        EngineConfig config = builder.build();
        return new ConsoleOptions(onInterface(config, config.interfaceName()), start, dark);
    }

    /**
     * The console's defaults: {@code ~/tftpboot}, HTTP on port 8081, TFTP on port 69 (its toolbar toggle
     * leaves it out of Start PXE), IDC from the host name, the DHCP lease journal in
     * {@link ConfigDirectory#stateForCurrentUser()} (outside the boot tree).
     */
    public static EngineConfig.Builder defaults() {
        return EngineConfig.builder()
                .staticRoot(Path.of(System.getProperty("user.home"), "tftpboot"))
                .apiPort(EngineConfig.DEFAULT_API_PORT)
                .tftp(TftpConfig.DEFAULTS.withEnabled(true))
                .idc(hostName())
                .dhcp(DhcpConfig.DEFAULTS.toBuilder().stateDir(ConfigDirectory.stateForCurrentUser()).build());
    }

    /**
     * {@code config} serving on {@code interfaceName} (null: none chosen yet). The console offers DHCP —
     * a badge and a toggle — exactly when an interface is chosen, since DHCP answers on one interface
     * and the engine refuses DHCP without it.
     */
    public static EngineConfig onInterface(EngineConfig config, String interfaceName) {
        return config.toBuilder().interfaceName(interfaceName)
                .dhcp(config.dhcp().withEnabled(interfaceName != null)).build();
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " needs a value, e.g. " + key + "=…\n" + USAGE);
        }
        return value;
    }

    private static int port(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a port number (0..65535)", e);
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (!name.isBlank()) {
                return name;
            }
        } catch (UnknownHostException e) {
            // the resolver does not know this host: fall back to what the shell calls it
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env : "lpmos";
    }
}
