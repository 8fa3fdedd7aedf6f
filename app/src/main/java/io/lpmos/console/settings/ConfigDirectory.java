package io.lpmos.console.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the console keeps its per-user files. Settings: {@code $XDG_CONFIG_HOME/lpmos-console} (default
 * {@code ~/.config/lpmos-console}) on Linux and other Unixes, {@code %APPDATA%\LPMOS Console} on
 * Windows, {@code ~/Library/Application Support/LPMOS Console} on macOS. State such as the DHCP lease
 * journal, which must never lie in the served boot tree: {@code $XDG_STATE_HOME/lpmos-console} (default
 * {@code ~/.local/state/lpmos-console}), {@code %LOCALAPPDATA%\LPMOS Console}, and on macOS the same
 * folder as the settings. Stateless.
 */
public final class ConfigDirectory {
    static final String UNIX_NAME = "lpmos-console";
    static final String DESKTOP_NAME = "LPMOS Console";

    private ConfigDirectory() {
    }

    /** The directory for this user on this machine; it may not exist yet. */
    public static Path forCurrentUser() {
        return resolve(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The directory for the given operating system name (as {@code os.name} spells it), environment
     * and home directory. Relative or blank environment values are ignored, as the XDG base directory
     * specification asks.
     */
    static Path resolve(String osName, Map<String, String> env, Path home) {
        return perUser(osName, env, home, "APPDATA", home.resolve("AppData").resolve("Roaming"),
                "XDG_CONFIG_HOME", home.resolve(".config"));
    }

    /** The directory for this user's state (DHCP leases) on this machine; it may not exist yet. */
    public static Path stateForCurrentUser() {
        return resolveState(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Like {@link #resolve} for state: {@code XDG_STATE_HOME}, {@code LOCALAPPDATA}. */
    static Path resolveState(String osName, Map<String, String> env, Path home) {
        return perUser(osName, env, home, "LOCALAPPDATA", home.resolve("AppData").resolve("Local"),
                "XDG_STATE_HOME", home.resolve(".local").resolve("state"));
    }

    /**
     * The console's folder under a per-user base: on Windows {@code %<windowsVariable>%} (else
     * {@code windowsDefault}), on macOS Application Support, elsewhere {@code $<xdgVariable>} (else
     * {@code xdgDefault}).
     */
    private static Path perUser(String osName, Map<String, String> env, Path home, String windowsVariable,
                                Path windowsDefault, String xdgVariable, Path xdgDefault) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path base = absolute(env.get(windowsVariable));
            return (base != null ? base : windowsDefault).resolve(DESKTOP_NAME);
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve(DESKTOP_NAME);
        }
        Path xdg = absolute(env.get(xdgVariable));
        return (xdg != null ? xdg : xdgDefault).resolve(UNIX_NAME);
    }

    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : null;
    }
}
