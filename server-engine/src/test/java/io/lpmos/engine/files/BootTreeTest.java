package io.lpmos.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootTreeTest {
    /** Every folder of SPEC §2, relative to the root. */
    private static final List<String> SPEC_FOLDERS = List.of(
            "boot",
            "static", "static/kernels", "static/initramfs",
            "repos",
            "repos/ubuntu", "repos/ubuntu/20.04", "repos/ubuntu/22.04",
            "repos/centos", "repos/centos/7", "repos/centos/8",
            "repos/rocky", "repos/rocky/8", "repos/rocky/9",
            "repos/debian", "repos/debian/11", "repos/debian/12");

    @TempDir
    Path temp;

    @Test
    void createsExactlyTheSpecLayoutInAnEmptyRoot() throws IOException {
        Path root = temp.resolve("tftpboot");

        List<Path> created = BootTree.prepare(root);

        assertThat(relativeTree(root)).containsExactlyInAnyOrderElementsOf(
                Stream.concat(SPEC_FOLDERS.stream(), Stream.of("README.md")).toList());
        for (String folder : SPEC_FOLDERS) {
            assertThat(root.resolve(folder)).isDirectory();
        }
        assertThat(root.resolve("README.md")).isRegularFile().content(StandardCharsets.UTF_8).isEqualTo(BootTree.README);
        assertThat(created).contains(root, root.resolve("README.md"), root.resolve("static/kernels"),
                root.resolve("repos/debian/12"));
    }

    @Test
    void secondPrepareCreatesNothingAndKeepsTheReadme() throws IOException {
        Path root = temp.resolve("tftpboot");
        BootTree.prepare(root);
        Path readme = root.resolve("README.md");
        Files.writeString(readme, "operator notes", StandardCharsets.UTF_8);

        List<Path> created = BootTree.prepare(root);

        assertThat(created).isEmpty();
        assertThat(readme).content(StandardCharsets.UTF_8).isEqualTo("operator notes");
    }

    @Test
    void aReadmeThatExistsBeforeTheFirstStartIsKept() throws IOException {
        Path root = temp.resolve("tftpboot");
        Files.createDirectories(root);
        Path readme = root.resolve("README.md");
        Files.writeString(readme, "# our own site readme\n", StandardCharsets.UTF_8);
        FileTime before = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
        Files.setLastModifiedTime(readme, before);

        BootTree.prepare(root);

        assertThat(readme).content(StandardCharsets.UTF_8).isEqualTo("# our own site readme\n");
        assertThat(Files.getLastModifiedTime(readme)).isEqualTo(before);
    }

    @Test
    void existingFilesAndFoldersAreLeftUntouched() throws IOException {
        Path root = temp.resolve("tftpboot");
        Path kernel = root.resolve("static/kernels/vmlinuz-ubuntu-22.04");
        Path bootloader = root.resolve("boot/ipxe.efi");
        Path extra = root.resolve("repos/alma/9/marker");
        Files.createDirectories(kernel.getParent());
        Files.createDirectories(bootloader.getParent());
        Files.createDirectories(extra.getParent());
        Files.write(kernel, new byte[] {1, 2, 3});
        Files.write(bootloader, new byte[] {4, 5});
        Files.writeString(extra, "keep");
        FileTime old = FileTime.from(Instant.parse("2021-06-01T00:00:00Z"));
        Files.setLastModifiedTime(kernel, old);
        Files.setLastModifiedTime(root.resolve("static/kernels"), old);

        List<Path> created = BootTree.prepare(root);

        assertThat(created).doesNotContain(root, root.resolve("boot"), root.resolve("static/kernels"));
        assertThat(kernel).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(Files.getLastModifiedTime(kernel)).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(root.resolve("static/kernels"))).isEqualTo(old);
        assertThat(bootloader).hasBinaryContent(new byte[] {4, 5});
        assertThat(extra).content().isEqualTo("keep");
        assertThat(root.resolve("static/initramfs")).isDirectory();
    }

    @Test
    void aRegularFileInPlaceOfTheRootIsRefusedNamingThePathAndTheReason() throws IOException {
        Path root = temp.resolve("tftpboot");
        Files.writeString(root, "not a folder");

        assertThatThrownBy(() -> BootTree.prepare(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("not a folder");
        assertThat(root).content().isEqualTo("not a folder");
    }

    @Test
    void aRootBelowARegularFileCannotBeCreated() throws IOException {
        Path blocker = temp.resolve("blocker");
        Files.writeString(blocker, "x");
        Path root = blocker.resolve("tftpboot");

        assertThatThrownBy(() -> BootTree.prepare(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("cannot create")
                .hasMessageContaining("Not a directory");
    }

    @Test
    void aFileInPlaceOfARequiredFolderIsRefusedNamingIt() throws IOException {
        Path root = temp.resolve("tftpboot");
        Files.createDirectories(root);
        Files.writeString(root.resolve("static"), "oops");

        assertThatThrownBy(() -> BootTree.prepare(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(root.resolve("static").toString());
    }

    @Test
    void aRootInAReadOnlyFolderIsRefusedWithPermissionDenied() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root ignores folder permissions");
        Path locked = temp.resolve("locked");
        Files.createDirectories(locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path root = locked.resolve("tftpboot");
            assertThatThrownBy(() -> BootTree.prepare(root))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(root.toString())
                    .hasMessageContaining("permission denied");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anExistingReadOnlyRootIsRefusedAsNotWritable() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root ignores folder permissions");
        Path root = temp.resolve("tftpboot");
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> BootTree.prepare(root))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(root.toString())
                    .hasMessageContaining("not writable");
        } finally {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static List<String> relativeTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
        }
    }
}
