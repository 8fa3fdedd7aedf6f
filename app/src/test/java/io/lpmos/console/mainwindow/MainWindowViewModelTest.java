package io.lpmos.console.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.boottree.BootTreeCopier;
import io.lpmos.console.boottree.BootTreeViewModel;
import io.lpmos.console.dhcp.DhcpViewModel;
import io.lpmos.console.dhcp.LeasesViewModel;
import io.lpmos.console.boottree.FileManager;
import io.lpmos.console.boottree.ScriptedDialogs;
import io.lpmos.console.fetches.FetchesViewModel;
import io.lpmos.console.fx.EventBatch;
import io.lpmos.console.livelog.LiveLogViewModel;
import io.lpmos.console.livelog.LogLineKind;
import io.lpmos.console.livelog.LogLineRenderer;
import io.lpmos.console.nic.InterfacePickerViewModel;
import io.lpmos.console.nic.NetworkInterfaceCatalog;
import io.lpmos.console.services.ServicesViewModel;
import io.lpmos.console.statusbar.StatusBarViewModel;
import io.lpmos.console.transfers.TransfersViewModel;
import io.lpmos.console.tasks.SameThreadTasks;
import io.lpmos.engine.Engine;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.ServiceState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One batch from the FX adapter reaches every feature of the window, without a stage. */
class MainWindowViewModelTest {
    @TempDir
    Path root;

    private Engine engine;
    private BootTreeViewModel bootTree;

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
        if (bootTree != null) {
            bootTree.close();
        }
    }

    /** The dialogs service as the window sees it: records which dialog was asked for. */
    private static final class RecordingDialogs implements WindowDialogs {
        final List<String> shown = new ArrayList<>();

        @Override
        public void showSettings() {
            shown.add("settings");
        }

        @Override
        public void showAbout() {
            shown.add("about");
        }
    }

    private final RecordingDialogs dialogs = new RecordingDialogs();

    private MainWindowViewModel window() {
        engine = new Engine(EngineConfig.builder().idc("test").listenAddress("127.0.0.1").apiPort(0)
                .serverIp("127.0.0.1").staticRoot(root).build(), new EventBus());
        SameThreadTasks tasks = new SameThreadTasks();
        bootTree = new BootTreeViewModel(root, tasks, new ScriptedDialogs(), new BootTreeCopier(), new FileManager(),
                () -> "http://127.0.0.1:8081", Duration.ofHours(1));
        ServicesViewModel services = new ServicesViewModel(engine, tasks, Set.of(), Set.of());
        return new MainWindowViewModel(services, new InterfacePickerViewModel(new NetworkInterfaceCatalog(), tasks, null),
                new LiveLogViewModel(100), new StatusBarViewModel(engine, tasks), bootTree, new TransfersViewModel(),
                new DhcpViewModel(engine.dhcp(), engine.config().dhcp().mode(), tasks, services, mode -> { }),
                new LeasesViewModel(engine.dhcp(), tasks), new FetchesViewModel(engine.fetches(), root, tasks, List::of),
                dialogs);
    }

    @Test
    void settingsAndAboutGoThroughTheDialogsService() {
        MainWindowViewModel model = window();
        model.openSettings();
        model.openAbout();
        assertThat(dialogs.shown).containsExactly("settings", "about");
    }

    @Test
    void aBatchUpdatesBadgesStatusBarAndLiveLog() {
        MainWindowViewModel model = window();
        model.load();
        LogLineRenderer renderer = new LogLineRenderer(ZoneOffset.UTC);
        List<EngineEvent> events = List.of(
                new ServiceStateChanged(Instant.now(), "http", ServiceState.STOPPED, ServiceState.STARTING, null),
                new ServiceStateChanged(Instant.now(), "http", ServiceState.STARTING, ServiceState.FAILED,
                        "port 8081 is in use"),
                new HttpAccess(Instant.now(), 404, Duration.ofMillis(2), "10.0.0.9", "GET", "/static/nope", 0));

        model.onEvents(new EventBatch<>(events.stream().map(e -> ConsoleEvent.prepare(renderer, e)).toList(), 3, 1));

        assertThat(model.services().badge("http").state()).isEqualTo(ServiceState.FAILED);
        assertThat(model.statusBar().httpUrlProperty().get()).isEqualTo("HTTP failed (port 0)");
        assertThat(model.liveLog().shownLines()).singleElement()
                .satisfies(line -> assertThat(line.kind()).isEqualTo(LogLineKind.CLIENT_ERROR));
        assertThat(model.liveLog().receivedProperty().get()).isEqualTo(3);
        assertThat(model.liveLog().droppedProperty().get()).isEqualTo(1);
        assertThat(model.interfaces().interfaces()).isNotEmpty();
        assertThat(model.title()).startsWith("LPMOS Console ");
    }
}
