package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.Engine;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.lifecycle.ServiceState;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real HTTP service through its lifecycle (ARCHITECTURE 3): restartable, and a busy port is explained. */
class HttpServiceLifecycleTest {
    @TempDir
    Path temp;

    @Test
    void startStopStartThreeTimes() throws Exception {
        Path root = temp.resolve("tftpboot");
        try (RunningEngine server = RunningEngine.start(root)) {
            HttpService http = server.engine().http();
            List<ServiceState> transitions = new CopyOnWriteArrayList<>();
            http.addListener((service, from, to, cause) -> transitions.add(to));
            Files.writeString(server.staticTree().resolve("kernels/vmlinuz-rocky-9"), "kernel");

            for (int cycle = 0; cycle < 3; cycle++) {
                assertThat(http.state()).isEqualTo(ServiceState.RUNNING);
                int port = http.boundPort();
                assertThat(port).isPositive();
                HttpResponse<byte[]> response = server.get("/static/kernels/vmlinuz-rocky-9");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).asString().isEqualTo("kernel");

                http.stop();

                assertThat(http.state()).isEqualTo(ServiceState.STOPPED);
                assertThat(http.boundPort()).isEqualTo(-1);
                assertThat(http.uri()).isNull();
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                        .isInstanceOf(ConnectException.class);

                http.start();
            }
            assertThat(transitions).containsExactly(
                    ServiceState.STOPPING, ServiceState.STOPPED, ServiceState.STARTING, ServiceState.RUNNING,
                    ServiceState.STOPPING, ServiceState.STOPPED, ServiceState.STARTING, ServiceState.RUNNING,
                    ServiceState.STOPPING, ServiceState.STOPPED, ServiceState.STARTING, ServiceState.RUNNING);
            assertThat(http.failureCause()).isNull();
        }
    }

    @Test
    void aSecondEngineOnTheSameBusyPortFailsNamingThePortAndTheFirstKeepsServing() throws Exception {
        try (RunningEngine first = RunningEngine.start(temp.resolve("first"))) {
            int port = first.port();
            Files.writeString(first.staticTree().resolve("kernels/vmlinuz-rocky-9"), "first");
            try (Engine second = new Engine(RunningEngine.config(temp.resolve("second"), port), new EventBus())) {
                Map<Service, ServiceException> failures = second.startAll();

                assertThat(failures).containsOnlyKeys(second.http());
                String message = failures.get(second.http()).getMessage();
                assertThat(message).contains("port " + port).contains("in use");
                assertThat(second.http().state()).isEqualTo(ServiceState.FAILED);
                assertThat(second.http().failureCause()).isEqualTo(message);
                assertThat(second.http().boundPort()).isEqualTo(-1);
                assertThat(second.runningServices()).isEmpty();
            }

            assertThat(first.engine().http().state()).isEqualTo(ServiceState.RUNNING);
            HttpResponse<byte[]> response = first.get("/static/kernels/vmlinuz-rocky-9");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).asString().isEqualTo("first");
        }
    }

    @Test
    void aFailedServiceStartsOnceThePortIsFree() throws Exception {
        int port;
        Engine second;
        try (RunningEngine first = RunningEngine.start(temp.resolve("first"))) {
            port = first.port();
            second = new Engine(RunningEngine.config(temp.resolve("second"), port), new EventBus());
            assertThat(second.startAll()).isNotEmpty();
        }
        try (second) {
            second.http().start();

            assertThat(second.http().state()).isEqualTo(ServiceState.RUNNING);
            assertThat(second.http().boundPort()).isEqualTo(port);
            assertThat(second.http().failureCause()).isNull();
        }
    }

    @Test
    void anUnusableStaticRootStopsStartAllBeforeAnyServiceStarts() throws IOException {
        Path root = temp.resolve("tftpboot");
        Files.writeString(root, "a file, not a folder");
        List<String> states = new ArrayList<>();
        try (Engine engine = new Engine(RunningEngine.config(root, 0), new EventBus())) {
            engine.http().addListener((service, from, to, cause) -> states.add(to.label()));

            assertThatThrownBy(engine::startAll)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(root.toString())
                    .hasMessageContaining("not a folder");
            assertThat(engine.http().state()).isEqualTo(ServiceState.STOPPED);
            assertThat(states).isEmpty();
        }
    }
}
