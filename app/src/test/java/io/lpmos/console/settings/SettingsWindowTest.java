package io.lpmos.console.settings;

import io.lpmos.console.ConsoleWindowTestBase;
import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.ConsoleOptions;
import io.lpmos.console.livelog.LiveLogView;
import io.lpmos.console.mainwindow.MainWindowView;
import io.lpmos.console.services.ServicesView;
import io.lpmos.console.statusbar.StatusBarView;
import io.lpmos.engine.Engine;
import io.lpmos.engine.EngineVersion;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless (Monocle), with the settings kept in a temporary config directory: the
 * Settings dialog refuses a bad port at the field, applies a good one by rebuilding the engine, and
 * the window follows the new engine's events.
 */
class SettingsWindowTest extends ConsoleWindowTestBase {
    private void launch() throws Exception {
        ConsoleOptions options = new ConsoleOptions(loopbackDefaults("settings-test").apiPort(0).build(),
                false, false);
        open(options);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void typeInto(String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        robot.interact(field::clear);
        robot.clickOn(field).write(text);
    }

    @Test
    void aBadPortIsRefusedAtTheFieldAndAGoodOneIsAppliedAndSaved() throws Exception {
        launch();
        Engine before = app.engine();

        robot.clickOn("#" + MainWindowView.SETTINGS_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Node ok = pane.lookupButton(ButtonType.OK);
        String portField = SettingsDialog.FIELD_ID_PREFIX + SettingsField.HTTP_PORT.name();
        Label portError = robot.lookup("#" + SettingsDialog.ERROR_ID_PREFIX + SettingsField.HTTP_PORT.name())
                .queryAs(Label.class);
        assertThat(robot.lookup("#" + portField).queryAs(TextField.class).getText()).isEqualTo("0");
        assertThat(ok.isDisabled()).isFalse();

        typeInto(portField, "70000");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(portError.isVisible()).isTrue();
        assertThat(portError.getText()).isEqualTo("API port 70000 is not in 0..65535");
        assertThat(ok.isDisabled()).isTrue();
        assertThat(Files.exists(configDir.resolve(SettingsStore.FILE_NAME))).isFalse();

        int port = freePort();
        typeInto(portField, String.valueOf(port));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(portError.isVisible()).isFalse();
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);

        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> app.engine().config().apiPort() == port);
        assertThat(app.engine()).isNotSameAs(before);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> Files.exists(configDir.resolve(SettingsStore.FILE_NAME)));
        SettingsStore.Loaded saved = new SettingsStore(configDir).load();
        assertThat(saved.problem()).isNull();
        assertThat(saved.settings().httpPort()).isEqualTo(port);
        assertThat(saved.settings().idc()).isEqualTo("settings-test");

        robot.clickOn("#" + ServicesView.START_ID);
        Label badge = robot.lookup("#" + ServicesView.BADGE_ID_PREFIX + "http").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge.getStyleClass().contains("badge-running"));
        assertThat(app.engine().http().boundPort()).isEqualTo(port);
        assertThat(before.http().state()).isEqualTo(ServiceState.STOPPED);
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isLessThan(500);
    }

    @Test
    void runningServicesRestartWithTheNewSettings() throws Exception {
        launch();
        Engine before = app.engine();
        Label badge = robot.lookup("#" + ServicesView.BADGE_ID_PREFIX + "http").queryAs(Label.class);
        robot.clickOn("#" + ServicesView.START_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge.getStyleClass().contains("badge-running"));
        Label counts = robot.lookup("#" + LiveLogView.COUNTS_ID).queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !counts.getText().contains(" 0 events"));
        long receivedBefore = eventsReceived(counts.getText());

        robot.clickOn("#" + MainWindowView.SETTINGS_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> !robot.lookup(".dialog-pane").queryAll().isEmpty());
        assertThat(robot.lookup(".settings-notice").queryAs(Label.class).getText())
                .contains("PXE services are running");
        int port = freePort();
        typeInto(SettingsDialog.FIELD_ID_PREFIX + SettingsField.HTTP_PORT.name(), String.valueOf(port));
        robot.clickOn(robot.lookup(".dialog-pane").queryAs(DialogPane.class).lookupButton(ButtonType.OK));

        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> app.engine() != before
                && app.engine().http().boundPort() == port);
        assertThat(before.runningServices()).isEmpty();
        Label newBadge = robot.lookup("#" + ServicesView.BADGE_ID_PREFIX + "http").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> newBadge.getStyleClass().contains("badge-running"));
        Label newCounts = robot.lookup("#" + LiveLogView.COUNTS_ID).queryAs(Label.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> eventsReceived(newCounts.getText()) > receivedBefore);
    }

    private static long eventsReceived(String counts) {
        Matcher matcher = Pattern.compile("(\\d+) events received").matcher(counts);
        assertThat(matcher.find()).as(counts).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void aDamagedSettingsFileIsReportedAndTheConsoleStartsOnDefaults() throws Exception {
        Files.writeString(configDir.resolve(SettingsStore.FILE_NAME), "{\"theme\": ");
        launch();
        Label message = robot.lookup("#" + StatusBarView.MESSAGE_ID).queryAs(Label.class);
        assertThat(message.getText()).contains(SettingsStore.FILE_NAME, "is damaged", "using defaults");
        assertThat(message.getStyleClass()).contains("status-error");
    }

    @Test
    void closingTheWindowRemembersWhereItWas() throws Exception {
        launch();
        robot.interact(() -> {
            robot.window(0).setX(37);
            robot.window(0).setY(41);
        });
        FxToolkit.cleanupApplication(app);
        app = null;

        WindowGeometry saved = new SettingsStore(configDir).load().settings().window();
        assertThat(saved).isNotNull();
        assertThat(saved.x()).isEqualTo(37);
        assertThat(saved.y()).isEqualTo(41);
        assertThat(saved.width()).isPositive();
    }

    @Test
    void aboutShowsProductAndVersion() throws Exception {
        launch();
        robot.clickOn("#" + MainWindowView.ABOUT_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> !robot.lookup("#" + AboutDialog.VERSION_ID).queryAll().isEmpty());
        assertThat(robot.lookup("#" + AboutDialog.VERSION_ID).queryAs(Label.class).getText())
                .isEqualTo("Version " + EngineVersion.get());
        assertThat(robot.lookup(".about-product").queryAs(Label.class).getText()).isEqualTo("LPMOS Console");
    }
}
