package io.lpmos.console.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.TftpProgress;
import io.lpmos.engine.events.TftpTransfer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Transfers tab's state from TFTP events, without a stage. */
class TransfersViewModelTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final TftpTransfer.Options WINDOWED = new TftpTransfer.Options(1468, 4, 0, true);

    private final TransfersViewModel model = new TransfersViewModel();

    private static TftpProgress progress(long id, String client, long bytes, long size, long millis) {
        return new TftpProgress(NOW, id, client, 2000, "static/kernels/vmlinuz", bytes, size, Duration.ofMillis(millis));
    }

    private static TftpTransfer ended(long id, String client, String file, TftpTransfer.Outcome outcome, int code,
                                      long bytes, String detail) {
        return new TftpTransfer(NOW, id, client, 2000, file, "octet", WINDOWED, bytes, 8_000_000, Duration.ofSeconds(2),
                outcome, code, detail);
    }

    @Test
    void progressOpensARunningRowWithABarAndTheEndCompletesIt() {
        model.onEvents(List.of(progress(1, "10.0.0.7", 2_000_000, 8_000_000, 500)));

        TransferRow row = model.rows().get(0);
        assertThat(row.client()).isEqualTo("10.0.0.7");
        assertThat(row.file()).isEqualTo("static/kernels/vmlinuz");
        assertThat(row.stateProperty().get()).isEqualTo(TransferState.RUNNING);
        assertThat(row.progressProperty().get()).isEqualTo(0.25);
        assertThat(row.speedProperty().get()).isEqualTo("3.8 MiB/s");
        assertThat(model.activeProperty().get()).isEqualTo(1);

        model.onEvents(List.of(progress(1, "10.0.0.7", 6_000_000, 8_000_000, 1500),
                ended(1, "10.0.0.7", "static/kernels/vmlinuz", TftpTransfer.Outcome.COMPLETE, 0, 8_000_000, "")));

        assertThat(model.rows()).containsExactly(row);
        assertThat(row.stateProperty().get()).isEqualTo(TransferState.COMPLETE);
        assertThat(row.progressProperty().get()).isEqualTo(1.0);
        assertThat(row.bytesProperty().get()).isEqualTo(8_000_000);
        assertThat(row.outcomeProperty().get()).isEqualTo("complete");
        assertThat(row.optionsProperty().get()).isEqualTo("blksize=1468 windowsize=4 tsize");
        assertThat(model.activeProperty().get()).isZero();
    }

    @Test
    void smallTransfersGetARowWithoutABarAndEveryClientIsCounted() {
        model.onEvents(List.of(
                ended(1, "10.0.0.7", "boot/ipxe.efi", TftpTransfer.Outcome.ABORTED_BY_CLIENT, 8, 0,
                        "client sent error 8: User aborted the transfer"),
                ended(2, "10.0.0.7", "boot/ipxe.efi", TftpTransfer.Outcome.COMPLETE, 0, 1_000_000, ""),
                ended(3, "10.0.0.8", "boot/nope.efi", TftpTransfer.Outcome.ERROR, 1, 0, "File not found"),
                ended(4, "10.0.0.8", "boot/ipxe.efi", TftpTransfer.Outcome.TIMED_OUT, 0, 4096, "no answer")));

        assertThat(model.rows()).extracting(TransferRow::id).containsExactly(4L, 3L, 2L, 1L);
        assertThat(model.rows()).allMatch(row -> row.progressProperty().get() < 0 || row.stateProperty().get()
                == TransferState.COMPLETE);
        assertThat(model.rows().get(3).stateProperty().get()).isEqualTo(TransferState.ABORTED);
        assertThat(model.rows().get(3).outcomeProperty().get())
                .isEqualTo("aborted 8: client sent error 8: User aborted the transfer");
        assertThat(model.rows().get(1).outcomeProperty().get()).isEqualTo("error 1: File not found");
        assertThat(model.rows().get(0).stateProperty().get()).isEqualTo(TransferState.FAILED);
        assertThat(model.clients()).extracting(ClientTransfers::client).containsExactly("10.0.0.7", "10.0.0.8");
        ClientTransfers first = model.clients().get(0);
        assertThat(first.transfersProperty().get()).isEqualTo(2);
        assertThat(first.completeProperty().get()).isEqualTo(1);
        assertThat(first.failedProperty().get()).isZero();
        assertThat(first.bytesProperty().get()).isEqualTo(1_000_000);
        assertThat(model.clients().get(1).failedProperty().get()).isEqualTo(2);
    }

    @Test
    void keepsTheNewestRowsOnly() {
        List<EngineEvent> many = new ArrayList<>();
        for (int i = 1; i <= TransfersViewModel.MAX_ROWS + 50; i++) {
            many.add(ended(i, "10.0.0.9", "boot/f" + i, TftpTransfer.Outcome.COMPLETE, 0, 10, ""));
        }

        model.onEvents(many);

        assertThat(model.rows()).hasSize(TransfersViewModel.MAX_ROWS);
        assertThat(model.rows().get(0).id()).isEqualTo(TransfersViewModel.MAX_ROWS + 50);
        assertThat(model.clients().get(0).transfersProperty().get()).isEqualTo(TransfersViewModel.MAX_ROWS + 50);
    }

    @Test
    void aNewEngineEndsTheRowsThatCanNoLongerReport() {
        model.onEvents(List.of(progress(7, "10.0.0.7", 1000, 8_000_000, 300)));

        model.engineReplaced();

        TransferRow row = model.rows().get(0);
        assertThat(row.stateProperty().get()).isEqualTo(TransferState.ABORTED);
        assertThat(row.outcomeProperty().get()).isEqualTo("stopped: the PXE services were restarted");
        assertThat(model.activeProperty().get()).isZero();
        model.onEvents(List.of(ended(7, "10.0.0.7", "boot/new", TftpTransfer.Outcome.COMPLETE, 0, 5, "")));
        assertThat(model.rows()).hasSize(2);
    }
}
