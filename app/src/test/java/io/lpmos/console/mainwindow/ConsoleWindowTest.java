package io.lpmos.console.mainwindow;

import io.lpmos.console.ConsoleWindowTestBase;
import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.ConsoleOptions;
import io.lpmos.console.livelog.LiveLogView;
import io.lpmos.console.livelog.LogLine;
import io.lpmos.console.services.ServicesView;
import io.lpmos.console.statusbar.StatusBarView;
import io.lpmos.engine.lifecycle.ServiceState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.lpmos.console.nic.InterfacePickerView;
import io.lpmos.console.nic.NetworkInterfaceChoice;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless (Monocle), embedding an engine on a free loopback port with a temporary
 * boot tree: the operator's first minute, driven through the controls.
 */
class ConsoleWindowTest extends ConsoleWindowTestBase {
    private void launch(int port) throws Exception {
        ConsoleOptions options = new ConsoleOptions(loopbackDefaults("window-test").apiPort(port).build(),
                false, false);
        open(options);
    }

    private Label badge(String service) {
        return robot.lookup("#" + ServicesView.BADGE_ID_PREFIX + service).queryAs(Label.class);
    }

    @Test
    void startServeARequestSeeItInTheLiveLogAndStop() throws Exception {
        Files.createDirectories(root.resolve("static"));
        Files.writeString(root.resolve("static/hello.txt"), "hello from the boot tree\n");
        launch(0);
        assertThat(badge("http").getText()).isEqualTo("HTTP · stopped");

        robot.clickOn("#" + ServicesView.START_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge("http").getStyleClass().contains("badge-running"));
        assertThat(badge("http").getText()).isEqualTo("HTTP · running");
        int port = app.engine().http().boundPort();
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> robot.lookup("#" + StatusBarView.URL_ID)
                .queryAs(Label.class).getText().equals("http://127.0.0.1:" + port + "/"));

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/static/hello.txt")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        @SuppressWarnings("unchecked")
        ListView<LogLine> log = robot.lookup("#" + LiveLogView.LIST_ID).queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> log.getItems().stream()
                .anyMatch(line -> line.text().contains("\"/static/hello.txt\"")));
        LogLine line = log.getItems().stream().filter(l -> l.text().contains("\"/static/hello.txt\"")).findFirst()
                .orElseThrow();
        assertThat(line.text()).startsWith("[GIN] ").contains("| 200 |").contains("127.0.0.1").contains("GET");
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> !robot.lookup(".log-line.log-2xx").queryAll().isEmpty());

        assertThat(robot.lookup("#" + LiveLogView.COUNTS_ID).queryAs(Label.class).getText())
                .matches("\\d+ lines shown · \\d+ events received · 0 dropped");

        robot.clickOn("#" + LiveLogView.FILTER_ID).write("hello.txt");
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> log.getItems().size() == 1);

        robot.clickOn("#" + ServicesView.STOP_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge("http").getStyleClass().contains("badge-stopped"));
        assertThat(app.engine().http().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(robot.lookup("#" + StatusBarView.MESSAGE_ID).queryAs(Label.class).getText())
                .isEqualTo("PXE services stopped");
    }

    @Test
    void aBusyPortShowsTheFailedStateWithItsCause() throws Exception {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            launch(occupied.getLocalPort());
            robot.clickOn("#" + ServicesView.START_ID);
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                    () -> badge("http").getStyleClass().contains("badge-failed"));

            assertThat(badge("http").getText()).isEqualTo("HTTP · failed");
            assertThat(badge("http").getTooltip().getText()).startsWith("http failed: ")
                    .contains(String.valueOf(occupied.getLocalPort()));
            Label message = robot.lookup("#" + StatusBarView.MESSAGE_ID).queryAs(Label.class);
            assertThat(message.getText()).contains(String.valueOf(occupied.getLocalPort()));
            assertThat(message.getStyleClass()).contains("status-error");
            System.out.println("busy port as the operator reads it: " + message.getText());
        }
    }

    @Test
    void choosingAnInterfaceRebuildsTheEngineForItAndRunningServicesLockTheChoice() throws Exception {
        launch(0);
        @SuppressWarnings("unchecked")
        ComboBox<NetworkInterfaceChoice> picker = robot.lookup("#" + InterfacePickerView.PICKER_ID)
                .queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> picker.getValue() != null);
        assertThat(picker.getValue().name()).isEqualTo(LOOPBACK);
        assertThat(app.engine().config().interfaceName()).isEqualTo(LOOPBACK);

        // another interface of this machine: with an IPv4 address the engine is rebuilt for it (nothing is
        // started, so nothing is sent on it); without one the operator is told and the engine stays
        NetworkInterfaceChoice other = picker.getItems().stream().filter(c -> !c.name().equals(LOOPBACK)).findFirst()
                .orElse(null);
        if (other != null) {
            Object before = app.engine();
            robot.interact(() -> picker.setValue(other));
            Label message = robot.lookup("#" + StatusBarView.MESSAGE_ID).queryAs(Label.class);
            if (other.ipv4() != null) {
                WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                        () -> other.name().equals(app.engine().config().interfaceName()));
                assertThat(app.engine()).isNotSameAs(before);
                WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                        () -> message.getText().startsWith("PXE services will serve on " + other.name()));
            } else {
                WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                        () -> message.getText().startsWith("Cannot serve on " + other.name()));
                assertThat(app.engine()).isSameAs(before);
            }
            robot.interact(() -> picker.setValue(picker.getItems().stream()
                    .filter(c -> c.name().equals(LOOPBACK)).findFirst().orElseThrow()));
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                    () -> LOOPBACK.equals(app.engine().config().interfaceName()));
        }

        robot.clickOn("#" + ServicesView.START_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge("http").getStyleClass().contains("badge-running"));
        assertThat(picker.isDisabled()).isTrue();
        robot.clickOn("#" + ServicesView.STOP_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !picker.isDisabled());
    }
}
