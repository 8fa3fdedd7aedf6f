package io.lpmos.console;

import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.EngineConfig;
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
    /** The loopback interface's name on Linux, where the window tests run. */
    protected static final String LOOPBACK = "lo";

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

    /**
     * The console's defaults on loopback only: the boot tree in {@link #root}, HTTP on 127.0.0.1 and
     * the loopback interface chosen (so TFTP binds 127.0.0.1 too, on a free port), so that no test
     * serves on a real interface of this machine. As in the console, the chosen interface gives the
     * engine its DHCP service (which refuses loopback, and whose toggle starts off); its lease journal
     * would go under {@link #configDir}.
     */
    protected EngineConfig.Builder loopbackDefaults(String idc) {
        EngineConfig.Builder defaults = ConsoleOptions.defaults();
        EngineConfig plain = defaults.build();
        DhcpConfig dhcp = plain.dhcp().toBuilder().stateDir(configDir.resolve("state")).build();
        return ConsoleOptions.onInterface(defaults.dhcp(dhcp).tftp(plain.tftp().withPort(0)).build(), LOOPBACK)
                .toBuilder().idc(idc).staticRoot(root).listenAddress("127.0.0.1").serverIp("127.0.0.1");
    }

    /** Opens the console as the operator would, with its settings in {@link #configDir}. */
    protected void open(ConsoleOptions options) throws Exception {
        app = (LpmosConsoleApp) FxToolkit.setupApplication(() -> new LpmosConsoleApp(options, configDir));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
