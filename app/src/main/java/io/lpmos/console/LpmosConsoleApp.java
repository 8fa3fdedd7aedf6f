package io.lpmos.console;

import io.lpmos.console.boottree.BootTreeCopier;
import io.lpmos.console.boottree.BootTreeViewModel;
import io.lpmos.console.boottree.FileManager;
import io.lpmos.console.boottree.FxBootTreeDialogs;
import io.lpmos.console.fx.FxBackgroundTasks;
import io.lpmos.console.fx.FxEventPump;
import io.lpmos.console.livelog.LiveLogViewModel;
import io.lpmos.console.livelog.LogLineRenderer;
import io.lpmos.console.mainwindow.ConsoleEvent;
import io.lpmos.console.mainwindow.MainWindowView;
import io.lpmos.console.mainwindow.MainWindowViewModel;
import io.lpmos.console.nic.InterfacePickerViewModel;
import io.lpmos.console.nic.NetworkInterfaceCatalog;
import io.lpmos.console.nic.NetworkInterfaceChoice;
import io.lpmos.console.services.ServicesViewModel;
import io.lpmos.console.statusbar.StatusBarViewModel;
import io.lpmos.engine.Engine;
import io.lpmos.engine.events.EventBus;
import java.time.Duration;
import java.time.ZoneId;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's composition root: builds the one {@link Engine}, the FX adapter, the background
 * executor and every ViewModel and View, and hands each its collaborators by constructor. Closing the
 * window stops every service.
 */
public final class LpmosConsoleApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(LpmosConsoleApp.class);
    private static final long SHUTDOWN_WAIT_MILLIS = 10_000;
    private static final Duration BOOT_TREE_REFRESH_DELAY = Duration.ofMillis(300);

    private ConsoleOptions options;
    private Engine engine;
    private FxBackgroundTasks tasks;
    private FxEventPump<ConsoleEvent> pump;
    private BootTreeViewModel bootTree;

    /** Used by {@link Application#launch}: options come from the command line. */
    public LpmosConsoleApp() {
    }

    /** Embeds an engine with the given options instead of the command line's (tests, other launchers). */
    public LpmosConsoleApp(ConsoleOptions options) {
        this.options = options;
    }

    /** Runs on the launcher thread: builds the engine, which may read the machine's interfaces. */
    @Override
    public void init() {
        if (options == null) {
            options = ConsoleOptions.parse(getParameters().getRaw());
        }
        options.config().describe().forEach(line -> LOG.info("setting {}", line));
        engine = new Engine(options.config(), new EventBus());
    }

    @Override
    public void start(Stage stage) {
        tasks = new FxBackgroundTasks(2);
        ServicesViewModel services = new ServicesViewModel(engine, tasks);
        InterfacePickerViewModel interfaces = new InterfacePickerViewModel(new NetworkInterfaceCatalog(), tasks,
                options.config().interfaceName());
        LiveLogViewModel liveLog = new LiveLogViewModel(LiveLogViewModel.DEFAULT_CAPACITY);
        StatusBarViewModel statusBar = new StatusBarViewModel(engine, tasks);
        bootTree = new BootTreeViewModel(options.config().staticRoot(), tasks, new FxBootTreeDialogs(stage),
                new BootTreeCopier(), new FileManager(), () -> {
                    NetworkInterfaceChoice nic = interfaces.selectedProperty().get();
                    int bound = engine.http().boundPort();
                    int port = bound > 0 ? bound : options.config().apiPort();
                    return port == 0 ? null : BootTreeViewModel.httpBase(options.config().tlsEnabled(),
                            options.config().listenAddress(), nic == null ? null : nic.ipv4(), port);
                }, BOOT_TREE_REFRESH_DELAY);
        MainWindowViewModel model = new MainWindowViewModel(services, interfaces, liveLog, statusBar, bootTree);
        model.darkThemeProperty().set(options.dark());
        LogLineRenderer renderer = new LogLineRenderer(ZoneId.systemDefault());
        pump = new FxEventPump<>(engine.events(), "console", event -> ConsoleEvent.prepare(renderer, event),
                model::onEvents);

        MainWindowView view = new MainWindowView(model, 1280, 800);
        stage.setTitle(model.title());
        stage.setScene(view.scene());
        stage.setMinWidth(800);
        stage.setMinHeight(480);
        stage.show();
        model.load();
        if (options.startOnLaunch()) {
            services.startAll();
        }
    }

    /** Runs on the FX thread at exit: stops the services on another thread, waiting a bounded time. */
    @Override
    public void stop() throws InterruptedException {
        if (pump != null) {
            pump.close();
        }
        if (bootTree != null) {
            bootTree.close();
        }
        if (engine != null) {
            Thread shutdown = new Thread(engine::close, "console-shutdown");
            shutdown.start();
            shutdown.join(SHUTDOWN_WAIT_MILLIS);
            if (shutdown.isAlive()) {
                LOG.warn("engine services still stopping after {} ms; exiting anyway", SHUTDOWN_WAIT_MILLIS);
            }
        }
        if (tasks != null) {
            tasks.close();
        }
    }

    /** The embedded engine; available after {@link #init()}. */
    public Engine engine() {
        return engine;
    }
}
