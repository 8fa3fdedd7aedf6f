package io.lpmos.console.statusbar;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.tasks.SameThreadTasks;
import io.lpmos.engine.Engine;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.ServiceState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusBarViewModelTest {
    @TempDir
    Path root;

    private Engine engine;

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private StatusBarViewModel model(String listenAddress) {
        engine = new Engine(EngineConfig.builder().idc("test").listenAddress(listenAddress).apiPort(0)
                .serverIp("127.0.0.1").staticRoot(root.resolve("tftpboot")).build(), new EventBus());
        return new StatusBarViewModel(engine, new SameThreadTasks());
    }

    private static ServiceStateChanged http(ServiceState to) {
        return new ServiceStateChanged(Instant.now(), "http", ServiceState.STARTING, to, null);
    }

    @Test
    void showsTheBoundUrlOnceHttpRunsAndTheStateOtherwise() throws Exception {
        StatusBarViewModel model = model("127.0.0.1");
        assertThat(model.httpUrlProperty().get()).isEqualTo("HTTP stopped (port 0)");
        assertThat(model.rootPathProperty().get()).isEqualTo("Root: " + root.resolve("tftpboot").toAbsolutePath());

        engine.startAll();
        model.onEvents(List.of(http(ServiceState.RUNNING)));
        assertThat(model.httpUrlProperty().get()).isEqualTo("http://127.0.0.1:" + engine.http().boundPort() + "/");

        engine.stopAll();
        model.onEvents(List.of(http(ServiceState.STOPPED)));
        assertThat(model.httpUrlProperty().get()).isEqualTo("HTTP stopped (port 0)");
    }

    @Test
    void usesThePickedInterfacesAddressWhenListeningOnEveryAddress() {
        assertThat(StatusBarViewModel.urlOf(false, "0.0.0.0", "10.1.2.3", "192.168.0.9", 8081))
                .isEqualTo("http://10.1.2.3:8081/");
        assertThat(StatusBarViewModel.urlOf(false, "0.0.0.0", null, "192.168.0.9", 8081))
                .isEqualTo("http://192.168.0.9:8081/");
        assertThat(StatusBarViewModel.urlOf(true, "127.0.0.1", "10.1.2.3", "192.168.0.9", 8443))
                .isEqualTo("https://127.0.0.1:8443/");
        assertThat(StatusBarViewModel.urlOf(false, "::", "fe80::1", "192.168.0.9", 80))
                .isEqualTo("http://[fe80::1]:80/");
    }

    @Test
    void readsFreeSpaceOfTheNearestExistingParent() {
        StatusBarViewModel model = model("127.0.0.1");
        model.refreshFreeSpace();
        assertThat(model.freeSpaceProperty().get()).matches("\\d+(\\.\\d)? (B|KiB|MiB|GiB|TiB|PiB) free");
    }
}
