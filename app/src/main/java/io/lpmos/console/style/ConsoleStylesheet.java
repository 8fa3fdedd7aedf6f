package io.lpmos.console.style;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.net.URL;
import java.util.Objects;
import javafx.application.Application;

/**
 * The console's one stylesheet, {@code console.css}, which owns every colour of the window, and the
 * AtlantaFX theme under it whose colour names ({@code -color-success-fg}, …) it refers to.
 */
public final class ConsoleStylesheet {
    private static final String RESOURCE = "/io/lpmos/console/console.css";

    private ConsoleStylesheet() {
    }

    /** Its URL, for {@code Scene.getStylesheets().add(...)}. */
    public static String url() {
        URL url = Objects.requireNonNull(ConsoleStylesheet.class.getResource(RESOURCE),
                RESOURCE + " is missing from the console's resources");
        return url.toExternalForm();
    }

    /** Installs the AtlantaFX Primer theme, light or dark, for every window of the application. */
    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
