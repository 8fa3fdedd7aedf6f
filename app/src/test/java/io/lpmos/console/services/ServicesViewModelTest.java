package io.lpmos.console.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.tasks.SameThreadTasks;
import io.lpmos.engine.Engine;
import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.ServiceState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesViewModelTest {
    @TempDir
    Path root;

    private Engine engine;

    private Engine engineOnPort(int port) {
        engine = new Engine(EngineConfig.builder().idc("test").listenAddress("127.0.0.1").apiPort(port)
                .serverIp("127.0.0.1").staticRoot(root).build(), new EventBus());
        return engine;
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private static ServiceStateChanged change(ServiceState from, ServiceState to, String cause) {
        return new ServiceStateChanged(Instant.now(), "http", from, to, cause);
    }

    @Test
    void badgesFollowStateChangeEvents() {
        ServicesViewModel model = new ServicesViewModel(engineOnPort(0), new SameThreadTasks(), Set.of(), Set.of());
        ServiceBadgeViewModel http = model.badge("http");
        assertThat(http.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(model.canStartProperty().get()).isTrue();
        assertThat(model.canStopProperty().get()).isFalse();

        model.onEvents(List.of(change(ServiceState.STOPPED, ServiceState.STARTING, null)));
        assertThat(http.state()).isEqualTo(ServiceState.STARTING);
        assertThat(http.textProperty().get()).isEqualTo("HTTP · starting");

        model.onEvents(List.of(change(ServiceState.STARTING, ServiceState.RUNNING, null)));
        assertThat(http.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(ServiceBadgeViewModel.styleClassOf(http.state())).isEqualTo("badge-running");
        assertThat(model.canStartProperty().get()).isFalse();
        assertThat(model.canStopProperty().get()).isTrue();

        model.onEvents(List.of(change(ServiceState.RUNNING, ServiceState.STOPPING, null),
                change(ServiceState.STOPPING, ServiceState.STOPPED, null)));
        assertThat(http.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(http.tooltipProperty().get()).isEqualTo("http is stopped");
        assertThat(model.canStartProperty().get()).isTrue();
    }

    @Test
    void aFailureShowsItsCauseInTheTooltipAndTheMessage() {
        ServicesViewModel model = new ServicesViewModel(engineOnPort(0), new SameThreadTasks(), Set.of(), Set.of());
        String cause = "port 8081 is in use — choose another port in Settings";
        model.onEvents(List.of(change(ServiceState.STOPPED, ServiceState.STARTING, null),
                change(ServiceState.STARTING, ServiceState.FAILED, cause)));

        ServiceBadgeViewModel http = model.badge("http");
        assertThat(http.state()).isEqualTo(ServiceState.FAILED);
        assertThat(http.causeProperty().get()).isEqualTo(cause);
        assertThat(http.tooltipProperty().get()).isEqualTo("http failed: " + cause);
        assertThat(model.messageProperty().get()).isEqualTo("http failed: " + cause);
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.canStartProperty().get()).isTrue();

        model.onEvents(List.of(change(ServiceState.FAILED, ServiceState.STARTING, null)));
        assertThat(http.causeProperty().get()).isNull();
    }

    @Test
    void startAndStopRunTheEngineThroughTheInjectedTasks() throws Exception {
        SameThreadTasks tasks = new SameThreadTasks();
        ServicesViewModel model = new ServicesViewModel(engineOnPort(0), tasks, Set.of(), Set.of());

        model.startAll();
        assertThat(engine.runningServices()).containsExactly("http");
        assertThat(model.messageProperty().get()).isEqualTo("PXE services running: http");
        assertThat(model.messageIsErrorProperty().get()).isFalse();
        assertThat(model.busyProperty().get()).isFalse();

        model.onEvents(List.of(change(ServiceState.STARTING, ServiceState.RUNNING, null)));
        model.stopAll();
        assertThat(engine.runningServices()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("PXE services stopped");
        assertThat(tasks.runs()).isEqualTo(2);
    }

    @Test
    void aBusyPortIsReportedInOperatorWords() throws Exception {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServicesViewModel model = new ServicesViewModel(engineOnPort(occupied.getLocalPort()),
                    new SameThreadTasks(), Set.of(), Set.of());
            model.startAll();

            assertThat(model.messageIsErrorProperty().get()).isTrue();
            assertThat(model.messageProperty().get()).startsWith("http failed: ")
                    .contains(String.valueOf(occupied.getLocalPort())).contains("in use");
            assertThat(model.busyProperty().get()).isFalse();
        }
    }

    @Test
    void anUnknownServiceNameIsRefusedWithTheKnownOnes() {
        ServicesViewModel model = new ServicesViewModel(engineOnPort(0), new SameThreadTasks(), Set.of(), Set.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.badge("dhcp"))
                .hasMessageContaining("no service named dhcp").hasMessageContaining("[http]");
    }

    @Test
    void aServiceSwitchedOffIsLeftOutOfStartPxe() {
        ServicesViewModel model = new ServicesViewModel(engineOnPort(0), new SameThreadTasks(), Set.of("http"), Set.of());
        ServiceBadgeViewModel http = model.badge("http");
        assertThat(http.isEnabled()).isFalse();
        assertThat(model.disabledServices()).containsExactly("http");
        assertThat(model.canStartProperty().get()).as("nothing enabled is left to start").isFalse();

        http.enabledProperty().set(true);

        assertThat(model.disabledServices()).isEmpty();
        assertThat(model.canStartProperty().get()).isTrue();
        assertThat(engine.runningServices()).as("PXE was not running: switching on only chooses").isEmpty();
    }

    @Test
    void switchingAServiceOffWhilePxeRunsStopsItAndStartPxeThenSkipsIt() throws Exception {
        SameThreadTasks tasks = new SameThreadTasks();
        ServicesViewModel model = new ServicesViewModel(engineOnPort(0), tasks, Set.of(), Set.of());
        model.startAll();
        model.onEvents(List.of(change(ServiceState.STOPPED, ServiceState.STARTING, null),
                change(ServiceState.STARTING, ServiceState.RUNNING, null)));
        assertThat(engine.runningServices()).containsExactly("http");

        model.badge("http").enabledProperty().set(false);

        assertThat(engine.http().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(model.messageProperty().get()).isEqualTo("http stopped");
        assertThat(model.disabledServices()).containsExactly("http");
        model.onEvents(List.of(change(ServiceState.RUNNING, ServiceState.STOPPING, null),
                change(ServiceState.STOPPING, ServiceState.STOPPED, null)));

        model.badge("http").enabledProperty().set(true);
        model.badge("http").enabledProperty().set(false);
        model.startAll();
        assertThat(tasks.runs()).as("start, stop; Start PXE with nothing enabled does not run").isEqualTo(2);
        assertThat(engine.runningServices()).isEmpty();
    }

    private Engine engineWithDhcp() {
        engine = new Engine(EngineConfig.builder().idc("test").listenAddress("127.0.0.1").apiPort(0)
                .serverIp("127.0.0.1").staticRoot(root).interfaceName("lo")
                .dhcp(DhcpConfig.DEFAULTS.toBuilder().enabled(true).stateDir(root.resolveSibling(root.getFileName()
                        + "-state")).build()).build(), new EventBus());
        return engine;
    }

    @Test
    void dhcpIsOffUntilTheOperatorSwitchesItOn() {
        ServicesViewModel model = new ServicesViewModel(engineWithDhcp(), new SameThreadTasks(), Set.of(), Set.of());

        assertThat(model.badge("dhcp").isEnabled()).isFalse();
        assertThat(model.badge("http").isEnabled()).isTrue();
        assertThat(model.disabledServices()).containsExactly("dhcp");
        assertThat(model.switchedOnServices()).isEmpty();
        model.startAll();
        assertThat(engine.runningServices()).containsExactly("http");
        assertThat(engine.dhcp().orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
        model.onEvents(List.of(change(ServiceState.STARTING, ServiceState.RUNNING, null)));

        model.badge("dhcp").enabledProperty().set(true);

        assertThat(model.switchedOnServices()).containsExactly("dhcp");
        assertThat(model.disabledServices()).isEmpty();
        assertThat(engine.dhcp().orElseThrow().state()).isEqualTo(ServiceState.FAILED);
        assertThat(model.messageProperty().get()).isEqualTo("dhcp failed: DHCP cannot serve on the loopback interface lo:"
                + " no machine boots from it — choose the network interface the machines are plugged into in the"
                + " toolbar's interface picker");
    }

    @Test
    void aSavedSwitchStaysOnAndASavedDisableOfDhcpDoesNotSwitchItOn() {
        assertThat(new ServicesViewModel(engineWithDhcp(), new SameThreadTasks(), Set.of(), Set.of("dhcp"))
                .badge("dhcp").isEnabled()).isTrue();
        engine.close();
        assertThat(new ServicesViewModel(engineWithDhcp(), new SameThreadTasks(), Set.of("http"), Set.of())
                .badge("dhcp").isEnabled()).isFalse();
    }
}
