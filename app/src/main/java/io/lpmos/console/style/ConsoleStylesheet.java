package io.lpmos.console.style;

import java.net.URL;
import java.util.Objects;

/** The console's one stylesheet, {@code console.css}, which owns every colour of the window. */
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
}
