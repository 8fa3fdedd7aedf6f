package io.lpmos.console.settings;

import io.lpmos.engine.EngineVersion;
import java.util.List;

/**
 * What the About dialog says: product, version and the runtime it runs on. Immutable.
 *
 * @param javaFxVersion the JavaFX runtime version ({@code javafx.runtime.version}), or "unknown"
 */
public record AboutViewModel(String product, String version, String javaVersion, String javaFxVersion) {
    public static final String PRODUCT = "LPMOS Console";

    /** The running console's facts. */
    public static AboutViewModel current() {
        return new AboutViewModel(PRODUCT, EngineVersion.get(),
                System.getProperty("java.version", "unknown") + " (" + System.getProperty("java.vm.name", "") + ", "
                        + System.getProperty("java.vendor", "") + ")",
                System.getProperty("javafx.runtime.version", "unknown"));
    }

    /** The facts as "name: value" lines, for the dialog. */
    public List<String> facts() {
        return List.of("Version: " + version, "Java: " + javaVersion, "JavaFX: " + javaFxVersion);
    }
}
