package io.lpmos.console.mainwindow;

/**
 * The dialogs the main window opens, as one service the composition root implements (ARCHITECTURE.md
 * principle 6), so ViewModels ask for a dialog without building one. Called on the FX thread.
 */
public interface WindowDialogs {
    /** Shows the Settings dialog and applies what the operator confirms. */
    void showSettings();

    /** Shows the About dialog. */
    void showAbout();
}
