package io.lpmos.console;

import io.lpmos.console.boottree.BootTreeCopier;
import io.lpmos.console.boottree.BootTreeViewModel;
import io.lpmos.console.boottree.FileManager;
import io.lpmos.console.boottree.FxBootTreeDialogs;
import io.lpmos.console.fetches.FetchesViewModel;
import io.lpmos.console.fetches.FxFetchDialogs;
import io.lpmos.console.dhcp.DhcpViewModel;
import io.lpmos.console.dhcp.LeasesViewModel;
import io.lpmos.console.fx.EventBatch;
import io.lpmos.console.fx.FxBackgroundTasks;
import io.lpmos.console.fx.FxEventPump;
import io.lpmos.console.livelog.LiveLogViewModel;
import io.lpmos.console.livelog.LogLineRenderer;
import io.lpmos.console.mainwindow.ConsoleEvent;
import io.lpmos.console.mainwindow.MainWindowView;
import io.lpmos.console.mainwindow.MainWindowViewModel;
import io.lpmos.console.mainwindow.WindowDialogs;
import io.lpmos.console.nic.InterfacePickerViewModel;
import io.lpmos.console.nic.NetworkInterfaceCatalog;
import io.lpmos.console.nic.NetworkInterfaceChoice;
import io.lpmos.console.services.ServicesViewModel;
import io.lpmos.console.settings.AboutDialog;
import io.lpmos.console.settings.AboutViewModel;
import io.lpmos.console.settings.ConfigDirectory;
import io.lpmos.console.settings.ConsoleSettings;
import io.lpmos.console.settings.SettingsDialog;
import io.lpmos.console.settings.SettingsStore;
import io.lpmos.console.settings.SettingsViewModel;
import io.lpmos.console.settings.SettingsWording;
import io.lpmos.console.settings.Theme;
import io.lpmos.console.settings.WindowPlacement;
import io.lpmos.console.statusbar.StatusBarViewModel;
import io.lpmos.console.style.AppIcons;
import io.lpmos.console.transfers.TransfersViewModel;
import io.lpmos.engine.Engine;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.Notice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.application.Application;
import javafx.collections.SetChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's composition root: reads the saved settings, builds the {@link Engine}, the FX adapter,
 * the background executor and every ViewModel and View, and hands each its collaborators by
 * constructor. Applying changed engine settings builds a new engine (with its own bus) and
 * re-installs the window around it: the old FX adapter is closed, so nothing keeps listening to the
 * old engine; the live log, the TFTP transfers and the interface choice carry over. Closing the window saves the window's
 * place and stops every service. All methods but {@link #init()} run on the FX thread.
 */
public final class LpmosConsoleApp extends Application implements WindowDialogs {
    private static final Logger LOG = LoggerFactory.getLogger(LpmosConsoleApp.class);
    private static final long SHUTDOWN_WAIT_MILLIS = 10_000;
    private static final Duration BOOT_TREE_REFRESH_DELAY = Duration.ofMillis(300);
    private static final double DEFAULT_WIDTH = 1280;
    private static final double DEFAULT_HEIGHT = 800;

    private ConsoleOptions options;
    private Path configDirectory;
    private SettingsStore store;
    /** The settings as last changed; volatile because the background save reads it. */
    private volatile ConsoleSettings settings;
    private String settingsProblem;
    private boolean dark;
    private Engine engine;
    private FxBackgroundTasks tasks;
    private FxEventPump<ConsoleEvent> pump;
    private Stage stage;
    private WindowPlacement placement;
    private InterfacePickerViewModel interfaces;
    private LiveLogViewModel liveLog;
    private TransfersViewModel transfers;
    private LogLineRenderer renderer;
    private MainWindowViewModel model;
    private BootTreeViewModel bootTree;

    /** Used by {@link Application#launch}: options come from the command line, settings from the user's config dir. */
    public LpmosConsoleApp() {
    }

    /**
     * Embeds an engine with the given options instead of the command line's and the saved settings'
     * (tests, other launchers); theme, service toggles and window place are still read from and saved
     * to {@code configDirectory}.
     */
    public LpmosConsoleApp(ConsoleOptions options, Path configDirectory) {
        this.options = options;
        this.configDirectory = configDirectory;
    }

    /** Runs on the launcher thread: reads the settings and builds the engine, which may read the machine's interfaces. */
    @Override
    public void init() {
        store = new SettingsStore(configDirectory != null ? configDirectory : ConfigDirectory.forCurrentUser());
        SettingsStore.Loaded loaded = store.load();
        settings = loaded.settings();
        settingsProblem = loaded.problem();
        if (options == null) {
            EngineConfig base = ConsoleOptions.defaults().build();
            EngineConfig saved = base;
            try {
                saved = settings.applyTo(base);
            } catch (IllegalArgumentException e) {
                settingsProblem = "the saved settings in " + store.file() + " are not usable (" + e.getMessage()
                        + ") — using defaults; fix them in Settings";
            }
            options = ConsoleOptions.parse(getParameters().getRaw(), saved.toBuilder());
        }
        dark = options.dark() || settings.theme().isDark(System.getenv());
        try {
            engine = new Engine(options.config(), new EventBus());
        } catch (IllegalArgumentException e) {
            // e.g. the saved interface is gone or has lost its address: serve without one until the operator picks
            String problem = "cannot serve on interface " + options.config().interfaceName() + " (" + e.getMessage()
                    + ") — choose another interface in the toolbar";
            settingsProblem = settingsProblem == null ? problem : settingsProblem + "; " + problem;
            options = new ConsoleOptions(ConsoleOptions.onInterface(options.config(), null), options.startOnLaunch(),
                    options.dark());
            engine = new Engine(options.config(), new EventBus());
        }
        options.config().describe().forEach(line -> LOG.info("setting {}", line));
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        tasks = new FxBackgroundTasks(2);
        interfaces = new InterfacePickerViewModel(new NetworkInterfaceCatalog(), tasks,
                options.config().interfaceName());
        liveLog = new LiveLogViewModel(LiveLogViewModel.DEFAULT_CAPACITY);
        transfers = new TransfersViewModel();
        renderer = new LogLineRenderer(ZoneId.systemDefault());

        stage.getIcons().setAll(AppIcons.all());
        stage.setMinWidth(800);
        stage.setMinHeight(480);
        placement = new WindowPlacement(stage);
        placement.restore(settings.window(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
        install(engine);
        interfaces.selectedProperty().addListener((observable, before, now) -> interfaceChosen(now));
        stage.show();
        WindowPlacement.restoreDividers(stage.getScene(), settings.dividers());
        model.load();
        if (settingsProblem != null) {
            LOG.warn(settingsProblem);
            engine.events().publish(Notice.warning("settings", settingsProblem));
            model.services().announce(settingsProblem, true);
        }
        if (options.startOnLaunch()) {
            model.services().startAll();
        }
    }

    /** Builds the window around {@code current}: its ViewModels, the FX adapter on its bus, and the scene. */
    private void install(Engine current) {
        if (pump != null) {
            pump.close();
        }
        Scene previous = stage.getScene();
        Map<String, List<Double>> dividers = previous == null ? settings.dividers() : WindowPlacement.dividersOf(previous);
        ServicesViewModel services = new ServicesViewModel(current, tasks, settings.disabledServices(),
                settings.switchedOnServices());
        services.disabledServices().addListener((SetChangeListener<String>) change ->
                save(settings.withDisabledServices(Set.copyOf(services.disabledServices()))));
        services.switchedOnServices().addListener((SetChangeListener<String>) change ->
                save(settings.withSwitchedOnServices(Set.copyOf(services.switchedOnServices()))));
        StatusBarViewModel statusBar = new StatusBarViewModel(current, tasks);
        if (bootTree != null) {
            bootTree.close();
        }
        EngineConfig config = current.config();
        bootTree = new BootTreeViewModel(config.staticRoot(), tasks, new FxBootTreeDialogs(stage),
                new BootTreeCopier(), new FileManager(), () -> {
                    NetworkInterfaceChoice nic = interfaces.selectedProperty().get();
                    int bound = current.http().boundPort();
                    int port = bound > 0 ? bound : config.apiPort();
                    return port == 0 ? null : BootTreeViewModel.httpBase(config.tlsEnabled(),
                            config.listenAddress(), nic == null ? null : nic.ipv4(), port);
                }, BOOT_TREE_REFRESH_DELAY);
        FetchesViewModel fetches = new FetchesViewModel(current.fetches(), config.staticRoot(), tasks,
                new FxFetchDialogs(stage));
        transfers.engineReplaced();
        DhcpViewModel dhcp = new DhcpViewModel(current.dhcp(), config.dhcp().mode(), tasks, services, this::dhcpModeChosen);
        LeasesViewModel leases = new LeasesViewModel(current.dhcp(), tasks);
        model = new MainWindowViewModel(services, interfaces, liveLog, statusBar, bootTree, transfers, dhcp, leases,
                fetches, this);
        model.darkThemeProperty().set(dark);
        model.darkThemeProperty().addListener((observable, before, now) -> {
            if (now != dark) {
                dark = now;
                save(settings.withTheme(now ? Theme.DARK : Theme.LIGHT));
            }
        });
        // the live log outlives engines: its received/dropped counts continue from where the last pump left them
        long receivedBefore = liveLog.receivedProperty().get();
        long droppedBefore = liveLog.droppedProperty().get();
        MainWindowViewModel window = model;
        pump = new FxEventPump<>(current.events(), "console", event -> ConsoleEvent.prepare(renderer, event),
                batch -> window.onEvents(new EventBatch<>(batch.items(), receivedBefore + batch.received(),
                        droppedBefore + batch.dropped())));
        MainWindowView view = new MainWindowView(model, previous == null ? DEFAULT_WIDTH : previous.getWidth(),
                previous == null ? DEFAULT_HEIGHT : previous.getHeight());
        stage.setTitle(model.title());
        stage.setScene(view.scene());
        // published last, so whoever watches engine() sees the new engine only once its window is in place
        engine = current;
        if (previous != null) {
            WindowPlacement.restoreDividers(view.scene(), dividers);
            statusBar.refreshFreeSpace();
            fetches.load();
        }
    }

    /**
     * The operator picked another interface (or the first read preselected one): TFTP and DHCP bind to
     * it and the server IP follows it, so a new engine is built for it and remembered. The picker is
     * locked while services run, so this only happens while everything is stopped.
     */
    private void interfaceChosen(NetworkInterfaceChoice choice) {
        if (choice == null || choice.name().equals(engine.config().interfaceName())) {
            return;
        }
        switchEngine(ConsoleOptions.onInterface(engine.config(), choice.name()), "serve on " + choice.name(),
                settings.withInterfaceName(choice.name()), "PXE services will serve on " + choice.label(),
                "Cannot serve on " + choice.name() + ": ", () -> { });
    }

    /** The operator chose DHCP's other mode in the toolbar (locked while services run): a new engine runs it. */
    private void dhcpModeChosen(DhcpMode mode) {
        if (mode == engine.config().dhcp().mode()) {
            return;
        }
        DhcpMode running = engine.config().dhcp().mode();
        switchEngine(engine.config().toBuilder().dhcp(engine.config().dhcp().withMode(mode)).build(),
                "switch DHCP to " + mode.flagValue() + " mode", settings.withDhcpMode(mode), mode == DhcpMode.FULL
                        ? "DHCP will hand out addresses (full mode): only on an isolated network or a crossover cable"
                        : "DHCP will answer PXE clients only (proxy mode), beside the network's own DHCP server",
                "Cannot switch DHCP to " + mode.flagValue() + " mode: ", () -> model.dhcp().modeProperty().set(running));
    }

    /**
     * Builds an engine for {@code next} in the background, closes the old one, installs the window around
     * the new one and saves {@code saved}. Only while every service is stopped; when it cannot be done,
     * {@code undo} puts the window's choice back to what runs.
     */
    private void switchEngine(EngineConfig next, String task, ConsoleSettings saved, String done, String failed,
                              Runnable undo) {
        if (!engine.runningServices().isEmpty()) {
            model.services().announce("Stop the PXE services first", true);
            undo.run();
            return;
        }
        Engine old = engine;
        tasks.run(task, () -> {
            Engine fresh = new Engine(next, new EventBus());
            old.close();
            return fresh;
        }, fresh -> {
            install(fresh);
            save(saved);
            model.services().announce(done, false);
        }, failure -> {
            undo.run();
            model.services().announce(failed + SettingsWording.forConsole(failure.getMessage()), true);
        });
    }

    /**
     * Remembers {@code next} and writes the settings in the background; a failed write is shown in the
     * status bar. Each write takes the settings as they are when it runs, so when several changes come
     * at once (one toggle changes two sets) the file ends with the last of them whatever order the
     * writes run in.
     */
    private void save(ConsoleSettings next) {
        settings = next;
        tasks.run("save the settings", () -> {
            store.save(settings);
            return null;
        }, ignored -> LOG.debug("settings saved to {}", store.file()),
                failure -> model.services().announce(failure.getMessage(), true));
    }

    @Override
    public void showSettings() {
        SettingsViewModel form = new SettingsViewModel(settings, engine.config(), !engine.runningServices().isEmpty());
        SettingsDialog dialog = new SettingsDialog(stage, form);
        dialog.setOnHidden(event -> {
            if (dialog.getResult() != null) {
                apply(dialog.getResult());
            }
        });
        dialog.show();
    }

    @Override
    public void showAbout() {
        new AboutDialog(stage, AboutViewModel.current()).show();
    }

    /**
     * Saves what the Settings dialog confirmed, applies the theme, and when the engine settings
     * changed builds a new engine in the background, stops the old one and re-installs the window;
     * services that ran before start again with the new settings.
     */
    private void apply(SettingsViewModel.Applied applied) {
        save(applied.settings().withDisabledServices(settings.disabledServices())
                .withSwitchedOnServices(settings.switchedOnServices()).withWindow(settings.window(), settings.dividers()));
        boolean nowDark = applied.settings().theme().isDark(System.getenv());
        if (nowDark != dark) {
            dark = nowDark;
            model.darkThemeProperty().set(nowDark);
        }
        if (!applied.restart()) {
            model.services().announce("Settings saved", false);
            return;
        }
        Engine old = engine;
        boolean wasRunning = !old.runningServices().isEmpty();
        model.services().announce(wasRunning ? "Applying settings: stopping the PXE services…"
                : "Applying settings…", false);
        stage.getScene().getRoot().setDisable(true);
        tasks.run("apply the new settings", () -> {
            Engine fresh = new Engine(applied.config(), new EventBus());
            old.close();
            return fresh;
        }, fresh -> {
            applied.config().describe().forEach(line -> LOG.info("setting {}", line));
            install(fresh);
            fresh.events().publish(Notice.info("settings", wasRunning
                    ? "Settings applied: starting the PXE services again with them" : "Settings applied"));
            if (wasRunning) {
                model.services().startAll();
            } else {
                model.services().announce("Settings applied", false);
            }
        }, failure -> {
            stage.getScene().getRoot().setDisable(false);
            model.services().announce("Settings saved but not applied: " + failure.getMessage(), true);
        });
    }

    /** Runs on the FX thread at exit: saves the window's place, stops the services on another thread, waiting a bounded time. */
    @Override
    public void stop() throws InterruptedException {
        if (placement != null && store != null) {
            ConsoleSettings last = settings.withWindow(placement.current(), WindowPlacement.dividersOf(stage.getScene()));
            try {
                store.save(last);
            } catch (IOException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
        if (pump != null) {
            pump.close();
        }
        if (bootTree != null) {
            bootTree.close();
        }
        if (engine != null) {
            Engine last = engine;
            Thread shutdown = new Thread(last::close, "console-shutdown");
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

    /** The embedded engine now; available after {@link #init()}, replaced when Settings change the engine settings. */
    public Engine engine() {
        return engine;
    }
}
