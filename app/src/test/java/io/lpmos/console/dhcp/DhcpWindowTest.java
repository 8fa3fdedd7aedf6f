package io.lpmos.console.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.ToggleSwitch;
import io.lpmos.console.ConsoleOptions;
import io.lpmos.console.ConsoleWindowTestBase;
import io.lpmos.console.mainwindow.MainTab;
import io.lpmos.console.services.ServicesView;
import io.lpmos.console.settings.SettingsStore;
import io.lpmos.console.statusbar.StatusBarView;
import io.lpmos.engine.config.DhcpMode;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * DHCP in the real window (headless), on the loopback interface only: off until switched on, its mode
 * beside its toggle, the probe and the refusal of loopback shown in operator words, the Leases tab.
 */
class DhcpWindowTest extends ConsoleWindowTestBase {
    private Label badge(String service) {
        return robot.lookup("#" + ServicesView.BADGE_ID_PREFIX + service).queryAs(Label.class);
    }

    private String status() {
        return robot.lookup("#" + StatusBarView.MESSAGE_ID).queryAs(Label.class).getText();
    }

    @Test
    void aFreshConsoleLeavesDhcpOutAndRefusesToServeItOnLoopback() throws Exception {
        open(new ConsoleOptions(loopbackDefaults("dhcp-window").apiPort(0).build(), false, false));
        ToggleSwitch toggle = robot.lookup("#" + ServicesView.TOGGLE_ID_PREFIX + "dhcp").queryAs(ToggleSwitch.class);
        @SuppressWarnings("unchecked")
        ChoiceBox<DhcpMode> mode = robot.lookup("#" + DhcpControlsView.MODE_ID).queryAs(ChoiceBox.class);
        assertThat(toggle.isSelected()).isFalse();
        assertThat(mode.getValue()).isEqualTo(DhcpMode.PROXY);
        assertThat(badge("dhcp").getText()).isEqualTo("DHCP · stopped");

        robot.clickOn("#" + ServicesView.START_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge("http").getStyleClass().contains("badge-running")
                        && badge("tftp").getStyleClass().contains("badge-running"));
        assertThat(app.engine().runningServices()).containsExactly("http", "tftp");
        assertThat(badge("dhcp").getText()).isEqualTo("DHCP · stopped");
        assertThat(mode.isDisabled()).as("the mode is locked while services run").isTrue();

        robot.clickOn(toggle);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge("dhcp").getStyleClass().contains("badge-failed"));
        String refusal = "DHCP cannot serve on the loopback interface lo: no machine boots from it — choose the network"
                + " interface the machines are plugged into in the toolbar's interface picker";
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge("dhcp").getTooltip().getText().equals("dhcp failed: " + refusal));
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> status().equals("dhcp failed: " + refusal));
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> Files.exists(configDir.resolve(SettingsStore.FILE_NAME))
                && Files.readString(configDir.resolve(SettingsStore.FILE_NAME)).contains("\"switchedOnServices\" : [ \"dhcp\" ]"));

        robot.clickOn("#" + DhcpControlsView.PROBE_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> status().equals("Could not look for other DHCP servers: " + refusal));

        robot.clickOn("#" + ServicesView.STOP_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> app.engine().runningServices().isEmpty());
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !mode.isDisabled());
    }

    @Test
    void theLeasesTabSaysWhyItIsEmptyInProxyMode() throws Exception {
        open(new ConsoleOptions(loopbackDefaults("dhcp-leases").apiPort(0).build(), false, false));

        robot.clickOn(robot.lookup(".tab").match(node -> MainTab.LEASES.id().equals(node.getId())).queryAs(Node.class));
        @SuppressWarnings("unchecked")
        TableView<LeaseRow> table = robot.lookup("#" + LeasesView.TABLE_ID).queryAs(TableView.class);

        assertThat(table.getColumns()).extracting(column -> column.getText())
                .containsExactly("MAC", "IP", "Host name", "Architecture", "Expires");
        assertThat(((Label) table.getPlaceholder()).getText())
                .isEqualTo("Proxy mode hands out no addresses: leases appear here in full mode");
    }
}
