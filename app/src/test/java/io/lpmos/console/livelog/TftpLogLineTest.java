package io.lpmos.console.livelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.events.TftpTransfer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** TFTP transfers in the live log: the headless client's line, source TFTP, coloured by outcome. */
class TftpLogLineTest {
    private final LogLineRenderer renderer = new LogLineRenderer(ZoneOffset.UTC);

    private static TftpTransfer transfer(TftpTransfer.Outcome outcome, int code, String detail) {
        return new TftpTransfer(Instant.parse("2026-12-01T12:00:00Z"), 1, "10.0.0.7", 2000, "boot/ipxe.efi", "octet",
                new TftpTransfer.Options(1468, 4, 0, true), outcome == TftpTransfer.Outcome.COMPLETE ? 1024 : 0, 1024,
                Duration.ofMillis(3), outcome, code, detail);
    }

    @Test
    void aTransferIsOneTftpLineColouredByItsOutcome() {
        LogLine complete = renderer.render(transfer(TftpTransfer.Outcome.COMPLETE, 0, ""));

        assertThat(complete.text()).isEqualTo("[TFTP] 2026/12/01 - 12:00:00 | complete  |           3ms |        10.0.0.7 |"
                + "       1024 | \"boot/ipxe.efi\" blksize=1468 windowsize=4 tsize");
        assertThat(complete.source()).isEqualTo(LogSource.TFTP);
        assertThat(complete.kind()).isEqualTo(LogLineKind.SUCCESS);
        assertThat(renderer.render(transfer(TftpTransfer.Outcome.ERROR, 1, "File not found")).kind())
                .isEqualTo(LogLineKind.CLIENT_ERROR);
        assertThat(renderer.render(transfer(TftpTransfer.Outcome.TIMED_OUT, 0, "gone")).kind())
                .isEqualTo(LogLineKind.SERVER_ERROR);
        assertThat(renderer.render(transfer(TftpTransfer.Outcome.ABORTED_BY_CLIENT, 8, "probe")).kind())
                .isEqualTo(LogLineKind.INFORMATIONAL);
    }
}
