package io.lpmos.engine.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The boot tree layout of SPEC §2. {@link #prepare} creates what is missing and never touches what
 * exists (an existing README.md or folder is left as it is).
 */
public final class BootTree {
    /** Folders under the root, in creation order. */
    public static final List<String> FOLDERS = List.of(
            "boot",
            "static/kernels",
            "static/initramfs",
            "repos/ubuntu/20.04", "repos/ubuntu/22.04",
            "repos/centos/7", "repos/centos/8",
            "repos/rocky/8", "repos/rocky/9",
            "repos/debian/11", "repos/debian/12");

    public static final String README = """
            # LPMOS boot tree

            This folder is served by the LPMOS regional client.

            - `boot/`              network bootloaders (iPXE, pxelinux, GRUB, shim), served by TFTP and HTTP
            - `static/kernels/`    kernels, e.g. vmlinuz-ubuntu-22.04  → http://<server>:8081/static/kernels/...
            - `static/initramfs/`  initramfs images, e.g. lpmos-agent-initramfs.gz
            - `repos/<distro>/<version>/`  OS package mirrors → http://<server>:8081/repos/...

            List the tree as JSON: `curl http://<server>:8081/api/v1/files/static`.
            This file is created once and never overwritten: edit it freely.
            """;

    private BootTree() {
    }

    /**
     * Creates the root and every missing folder and README.md.
     *
     * @return the paths that were created (empty when everything existed)
     * @throws IOException with an operator-worded message naming the path and the reason
     */
    public static List<Path> prepare(Path root) throws IOException {
        List<Path> created = new ArrayList<>();
        createDirectory(root, created);
        if (!Files.isWritable(root)) {
            throw new IOException("cannot use " + root + " as the static root: not writable by this user"
                    + " — choose another folder with --static-root or fix its permissions");
        }
        for (String folder : FOLDERS) {
            createDirectory(root.resolve(folder), created);
        }
        Path readme = root.resolve("README.md");
        if (!Files.exists(readme)) {
            try {
                Files.writeString(readme, README, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                created.add(readme);
            } catch (FileAlreadyExistsException raced) {
                // created by someone else in between: theirs stays
            } catch (IOException e) {
                throw explain(readme, e);
            }
        }
        return created;
    }

    private static void createDirectory(Path dir, List<Path> created) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw new IOException("cannot use " + dir + ": it exists but is not a folder"
                    + " — move it away or choose another folder with --static-root");
        }
        try {
            Files.createDirectories(dir);
            created.add(dir);
        } catch (IOException e) {
            throw explain(dir, e);
        }
    }

    private static IOException explain(Path path, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "a parent folder is missing";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage();
        }
        return new IOException("cannot create " + path + ": " + reason
                + " — choose another folder with --static-root or fix its permissions", e);
    }
}
