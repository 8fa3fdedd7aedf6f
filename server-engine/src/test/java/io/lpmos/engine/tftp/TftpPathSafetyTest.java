package io.lpmos.engine.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.files.HostilePaths;
import io.lpmos.engine.testing.ExternalCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-path corpus HTTP is tested with ({@link HostilePaths}), sent as TFTP file names exactly as
 * written, with and without backslashes for slashes: every one gets error 1 or 2, never a byte from
 * outside the boot tree; symlinks inside the tree that stay inside are served.
 */
class TftpPathSafetyTest {
    @TempDir
    static Path outside;
    static Path root;
    static RunningTftp server;
    static HostilePaths.Fixture fixture;

    @BeforeAll
    static void start() throws Exception {
        root = outside.resolve("tftpboot");
        Files.createDirectories(root.resolve("boot"));
        fixture = HostilePaths.plant(outside, root);
        Files.writeString(root.resolve("boot/grubx64.efi"), "inside bootloader");
        Files.createSymbolicLink(root.resolve("boot/current.efi"), Path.of("grubx64.efi"));
        server = RunningTftp.start(root);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<String> corpus() throws IOException {
        return HostilePaths.load().stream().flatMap(path -> Stream.of(path, path.replace('/', '\\')).distinct());
    }

    @ParameterizedTest(name = "corpus line {index}")
    @MethodSource("corpus")
    void hostileNameIsRefusedWithErrorOneOrTwo(String hostile) throws Exception {
        try (TftpTestClient client = new TftpTestClient(server.address())) {
            client.readRequest(hostile, "octet");

            TftpTestClient.Packet answer = client.receive();

            String shown = hostile.length() > 80 ? hostile.substring(0, 80) + "…" : hostile;
            assertThat(answer.isError()).as("answer to %s: %s", shown, answer).isTrue();
            assertThat(answer.errorCode()).as(shown).isIn(1, 2);
            assertThat(answer.errorMessage()).doesNotContain(outside.toString());
        }
    }

    @Test
    void realClientCannotClimbOut() throws Exception {
        for (String hostile : List.of("../secret.txt", "..\\secret.txt", "etc-link/passwd", "secret-link.txt",
                "/../secret.txt")) {
            Path local = outside.resolve("fetched.txt");
            ExternalCommand.Result result;
            try {
                result = ExternalCommand.run(Duration.ofSeconds(30), List.of("tftp", "-m", "binary", "127.0.0.1",
                        Integer.toString(server.port()), "-c", "get", hostile, local.toString()));
            } catch (IOException notInstalled) {
                return;
            }
            assertThat(result.stdout() + result.stderr()).as(hostile).containsPattern("Error code [12]");
            if (Files.exists(local)) {
                assertThat(Files.readString(local, StandardCharsets.ISO_8859_1)).doesNotContain(fixture.marker());
                Files.delete(local);
            }
        }
    }

    @Test
    void symlinkStayingInsideTheTreeIsServed() throws Exception {
        try (TftpTestClient client = new TftpTestClient(server.address())) {
            assertThat(new String(client.download("boot/current.efi").bytes(), StandardCharsets.UTF_8))
                    .isEqualTo("inside bootloader");
        }
    }
}
