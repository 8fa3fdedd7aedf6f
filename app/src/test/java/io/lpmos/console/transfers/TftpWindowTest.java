package io.lpmos.console.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.ConsoleOptions;
import io.lpmos.console.ConsoleWindowTestBase;
import io.lpmos.console.livelog.LiveLogView;
import io.lpmos.console.livelog.LogLine;
import io.lpmos.console.livelog.LogSource;
import io.lpmos.console.mainwindow.MainTab;
import io.lpmos.console.mainwindow.MainWindowView;
import io.lpmos.console.services.ServicesView;
import io.lpmos.engine.lifecycle.ServiceState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * TFTP in the real window (headless): its toggle and badge, its lines in the live log under the TFTP
 * filter, the Transfers tab, and a TFTP port that cannot be had failing TFTP alone while HTTP runs.
 * TFTP listens on 127.0.0.1 and a free port only.
 */
class TftpWindowTest extends ConsoleWindowTestBase {
    private Label badge(String service) {
        return robot.lookup("#" + ServicesView.BADGE_ID_PREFIX + service).queryAs(Label.class);
    }

    @Test
    void aDownloadShowsInTheLiveLogAndTheTransfersTab() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        byte[] image = new byte[5000];
        new Random(9).nextBytes(image);
        Files.write(root.resolve("boot/ipxe.efi"), image);
        open(new ConsoleOptions(loopbackDefaults("tftp-window").apiPort(0).build(), false, false));
        assertThat(badge("tftp").getText()).isEqualTo("TFTP · stopped");
        assertThat(robot.lookup("#" + ServicesView.TOGGLE_ID_PREFIX + "tftp").tryQuery()).isPresent();

        robot.clickOn("#" + ServicesView.START_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge("tftp").getStyleClass().contains("badge-running"));
        InetSocketAddress tftp = app.engine().tftp().orElseThrow().boundAddress();
        assertThat(tftp.getAddress().getHostAddress()).isEqualTo("127.0.0.1");

        assertThat(download(tftp, "boot/ipxe.efi")).isEqualTo(image);

        @SuppressWarnings("unchecked")
        ListView<LogLine> log = robot.lookup("#" + LiveLogView.LIST_ID).queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> log.getItems().stream()
                .anyMatch(line -> line.text().startsWith("[TFTP] ") && line.text().contains("\"boot/ipxe.efi\"")));
        @SuppressWarnings("unchecked")
        ComboBox<LogSource> source = robot.lookup("#" + LiveLogView.SOURCE_FILTER_ID).queryAs(ComboBox.class);
        robot.interact(() -> source.setValue(LogSource.TFTP));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(log.getItems()).isNotEmpty().allMatch(line -> line.source() == LogSource.TFTP);
        assertThat(log.getItems()).anyMatch(line -> line.text().contains("| complete  |"));

        TabPane tabs = robot.lookup("#" + MainWindowView.TABS_ID).queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(tab -> MainTab.TRANSFERS.id().equals(tab.getId())).findFirst().orElseThrow()));
        @SuppressWarnings("unchecked")
        TableView<TransferRow> table = robot.lookup("#" + TransfersView.TABLE_ID).queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        TransferRow row = table.getItems().get(0);
        assertThat(row.client()).isEqualTo("127.0.0.1");
        assertThat(row.file()).isEqualTo("boot/ipxe.efi");
        assertThat(row.stateProperty().get()).isEqualTo(TransferState.COMPLETE);
        assertThat(row.bytesProperty().get()).isEqualTo(5000);
        assertThat(robot.lookup(".transfer-complete").tryQuery()).isPresent();
        @SuppressWarnings("unchecked")
        TableView<ClientTransfers> clients = robot.lookup("#" + TransfersView.CLIENTS_ID).queryAs(TableView.class);
        assertThat(clients.getItems()).singleElement().satisfies(c -> {
            assertThat(c.client()).isEqualTo("127.0.0.1");
            assertThat(c.completeProperty().get()).isEqualTo(1);
        });
        assertThat(robot.lookup("#" + TransfersView.SUMMARY_ID).queryAs(Label.class).getText())
                .isEqualTo("1 TFTP transfer · 0 running · 1 client");

        robot.clickOn("#" + ServicesView.STOP_ID);
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> badge("tftp").getStyleClass().contains("badge-stopped"));
    }

    @Test
    void aTftpPortThatCannotBeHadFailsTftpAloneAndSaysWhatToDo() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            var config = loopbackDefaults("tftp-busy").apiPort(0);
            open(new ConsoleOptions(config.tftp(config.build().tftp().withPort(taken.getLocalPort())).build(), false,
                    false));

            robot.clickOn("#" + ServicesView.START_ID);
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                    () -> badge("tftp").getStyleClass().contains("badge-failed"));

            assertThat(badge("tftp").getText()).isEqualTo("TFTP · failed");
            assertThat(badge("tftp").getTooltip().getText()).isEqualTo("tftp failed: port " + taken.getLocalPort()
                    + " (UDP) is in use, perhaps by another TFTP server (tftpd-hpa, atftpd, dnsmasq) — stop it or"
                    + " choose another port in Settings (TFTP port)");
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                    () -> badge("http").getStyleClass().contains("badge-running"));
            assertThat(app.engine().http().state()).isEqualTo(ServiceState.RUNNING);
        }
    }

    /** A plain RFC 1350 download (512-byte blocks, one at a time), as simple PXE firmware does it. */
    private static byte[] download(InetSocketAddress server, String file) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(new byte[] {0, 1});
            request.writeBytes((file + "\0octet\0").getBytes(StandardCharsets.US_ASCII));
            socket.send(new DatagramPacket(request.toByteArray(), request.size(), server));
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] buffer = new byte[516];
            for (int expected = 1; ; expected++) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                int block = (buffer[2] & 0xFF) << 8 | buffer[3] & 0xFF;
                assertThat(buffer[1]).as("DATA").isEqualTo((byte) 3);
                assertThat(block).isEqualTo(expected);
                data.write(buffer, 4, packet.getLength() - 4);
                socket.send(new DatagramPacket(new byte[] {0, 4, buffer[2], buffer[3]}, 4, packet.getSocketAddress()));
                if (packet.getLength() < 516) {
                    return data.toByteArray();
                }
            }
        }
    }
}
