package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.net.ByteSize;
import io.lpmos.engine.testing.Curl;
import io.lpmos.engine.testing.ExternalCommand;
import io.lpmos.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rate-limit}: paces each response, measured by the real client. */
class RateLimitTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path root;
    @TempDir
    Path downloads;

    @Test
    void threeMebibytesAtOneMegabytePerSecondTakeAboutThreeSeconds() throws Exception {
        Curl.assumeInstalled();
        byte[] image = new byte[3 * MIB];
        new SecureRandom().nextBytes(image);
        Files.createDirectories(root.resolve("static/initramfs"));
        Files.write(root.resolve("static/initramfs/initramfs.gz"), image);

        try (TestEngine engine = TestEngine.create(root, b -> b.rateLimit(ByteSize.parse("1MB"))).start()) {
            Path download = downloads.resolve("initramfs.gz");
            long started = System.nanoTime();
            ExternalCommand.Result result = Curl.run("-o", download.toString(), "-w", "%{http_code} %{size_download}",
                    engine.uri("/static/initramfs/initramfs.gz").toString());
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(result.stdout()).isEqualTo("200 " + image.length);
            assertThat(Files.readAllBytes(download)).isEqualTo(image);
            assertThat(seconds).isBetween(2.5, 4.0);
        }
    }

    @Test
    void rangeRequestsArePacedAndSmallFilesAreNotDelayed() throws Exception {
        Curl.assumeInstalled();
        Files.createDirectories(root.resolve("static/kernels"));
        Files.write(root.resolve("static/kernels/vmlinuz"), new byte[2 * MIB]);
        Files.writeString(root.resolve("static/kernels/small.cfg"), "console=ttyS0\n");

        try (TestEngine engine = TestEngine.create(root, b -> b.rateLimit(ByteSize.parse("512KB"))).start()) {
            long started = System.nanoTime();
            ExternalCommand.Result range = Curl.run("-r", "0-1048575", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                    engine.uri("/static/kernels/vmlinuz").toString());
            double rangeSeconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            ExternalCommand.Result small = Curl.run("-o", "/dev/null", "-w", "%{http_code}",
                    engine.uri("/static/kernels/small.cfg").toString());
            double smallSeconds = (System.nanoTime() - started) / 1e9;

            assertThat(range.stdout()).isEqualTo("206 1048576");
            assertThat(rangeSeconds).isBetween(1.5, 3.0);
            assertThat(small.stdout()).isEqualTo("200");
            assertThat(smallSeconds).isLessThan(1.0);
        }
    }
}
