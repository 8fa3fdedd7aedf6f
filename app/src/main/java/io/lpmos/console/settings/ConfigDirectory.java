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
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path appData = absolute(env.get("APPDATA"));
            return (appData != null ? appData : home.resolve("AppData").resolve("Roaming")).resolve(DESKTOP_NAME);
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve(DESKTOP_NAME);
        }
        Path xdg = absolute(env.get("XDG_CONFIG_HOME"));
        return (xdg != null ? xdg : home.resolve(".config")).resolve(UNIX_NAME);
    }

    /** The directory for this user's state (DHCP leases) on this machine; it may not exist yet. */
    public static Path stateForCurrentUser() {
        return resolveState(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Like {@link #resolve} for state: {@code XDG_STATE_HOME}, {@code LOCALAPPDATA}. */
    static Path resolveState(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path local = absolute(env.get("LOCALAPPDATA"));
            return (local != null ? local : home.resolve("AppData").resolve("Local")).resolve(DESKTOP_NAME);
        }
        if (os.startsWith("mac")) {
            return resolve(osName, env, home);
        }
        Path xdg = absolute(env.get("XDG_STATE_HOME"));
        return (xdg != null ? xdg : home.resolve(".local").resolve("state")).resolve(UNIX_NAME);
    }

    private static Path absolute(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : null;
    }
}
