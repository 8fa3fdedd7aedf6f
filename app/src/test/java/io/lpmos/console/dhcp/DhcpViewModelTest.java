package io.lpmos.console.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.services.ServicesViewModel;
import io.lpmos.console.tasks.SameThreadTasks;
import io.lpmos.engine.Engine;
import io.lpmos.engine.config.DhcpConfig;
import io.lpmos.engine.config.DhcpMode;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DhcpViewModelTest {
    @TempDir
    Path root;

    private Engine engine;
    private final List<DhcpMode> chosen = new ArrayList<>();

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private DhcpViewModel onLoopback(ServicesViewModel[] services) {
        engine = new Engine(EngineConfig.builder().idc("test").listenAddress("127.0.0.1").apiPort(0)
                .serverIp("127.0.0.1").staticRoot(root).interfaceName("lo")
                .dhcp(DhcpConfig.DEFAULTS.toBuilder().enabled(true).stateDir(root.resolve("../state")).build())
                .build(), new EventBus());
        SameThreadTasks tasks = new SameThreadTasks();
        services[0] = new ServicesViewModel(engine, tasks, Set.of(), Set.of());
        return new DhcpViewModel(engine.dhcp(), engine.config().dhcp().mode(), tasks, services[0], chosen::add);
    }

    @Test
    void theProbeSaysWhyItCannotRunInConsoleWords() {
        ServicesViewModel[] services = new ServicesViewModel[1];
        DhcpViewModel model = onLoopback(services);
        assertThat(model.probeResultProperty().get()).isEqualTo("Look for other DHCP servers on lo (takes 2 s)");

        model.probe();

        String why = "Could not look for other DHCP servers: DHCP cannot serve on the loopback interface lo: no machine"
                + " boots from it — choose the network interface the machines are plugged into in the toolbar's"
                + " interface picker";
        assertThat(model.probeResultProperty().get()).isEqualTo(why);
        assertThat(services[0].messageProperty().get()).isEqualTo(why);
        assertThat(services[0].messageIsErrorProperty().get()).isTrue();
        assertThat(model.probingProperty().get()).isFalse();
        assertThat(model.othersFoundProperty().get()).isFalse();
    }

    @Test
    void choosingTheOtherModeAsksForIt() {
        DhcpViewModel model = onLoopback(new ServicesViewModel[1]);
        assertThat(model.modeProperty().get()).isEqualTo(DhcpMode.PROXY);

        model.modeProperty().set(DhcpMode.FULL);
        model.modeProperty().set(DhcpMode.FULL);

        assertThat(chosen).containsExactly(DhcpMode.FULL);
        assertThat(model.available()).isTrue();
        assertThat(model.lockedProperty().get()).isFalse();
    }

    @Test
    void withoutAnInterfaceThereIsNothingToProbe() {
        engine = new Engine(EngineConfig.builder().idc("test").listenAddress("127.0.0.1").apiPort(0)
                .serverIp("127.0.0.1").staticRoot(root).build(), new EventBus());
        SameThreadTasks tasks = new SameThreadTasks();
        ServicesViewModel services = new ServicesViewModel(engine, tasks, Set.of(), Set.of());
        DhcpViewModel model = new DhcpViewModel(Optional.empty(), DhcpMode.PROXY, tasks, services, chosen::add);

        model.probe();

        assertThat(model.available()).isFalse();
        assertThat(services.messageProperty().get()).isEqualTo("Choose a network interface first: DHCP answers on one");
    }
}
