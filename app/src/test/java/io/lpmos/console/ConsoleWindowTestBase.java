package io.lpmos.console;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What every test of the real window (headless, Monocle) shares: a temporary boot tree and config
 * directory, the robot, opening the console with given options, and closing it afterwards.
 */
public abstract class ConsoleWindowTestBase {
    protected static final long WAIT_SECONDS = 15;

    @TempDir
    protected Path root;

    @TempDir
    protected Path configDir;

    protected final FxRobot robot = new FxRobot();
    protected LpmosConsoleApp app;

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    /** Opens the console as the operator would, with its settings in {@link #configDir}. */
    protected void open(ConsoleOptions options) throws Exception {
        app = (LpmosConsoleApp) FxToolkit.setupApplication(() -> new LpmosConsoleApp(options, configDir));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
