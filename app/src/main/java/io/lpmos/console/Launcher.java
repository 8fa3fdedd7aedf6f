package io.lpmos.console;

import java.util.List;
import javafx.application.Application;

/**
 * Entry point of the console jar. It does not extend {@link Application}, so JavaFX loaded from the
 * class path (the shaded jar) starts without the module-path check. Bad options are reported before
 * any window opens, with exit status 2.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        try {
            ConsoleOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("lpmos-console: " + e.getMessage());
            System.exit(2);
        }
        Application.launch(LpmosConsoleApp.class, args);
    }
}
