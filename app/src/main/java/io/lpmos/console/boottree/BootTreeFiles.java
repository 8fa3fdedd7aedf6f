package io.lpmos.console.boottree;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * File-system operations of the boot tree that are not copies: listing one folder, validating names,
 * renaming and deleting. Every method may block on the disk and must run off the FX thread. Stateless
 * and thread-safe.
 */
public final class BootTreeFiles {
    /** Folders first, then by name ignoring case, then by exact name. */
    public static final Comparator<BootNode> ORDER = Comparator.comparing((BootNode node) -> !node.directory())
            .thenComparing(BootNode::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(BootNode::name);

    private BootTreeFiles() {
    }

    /**
     * Lists one folder's entries (not their children), folders first. An entry that vanishes while
     * being read is left out.
     *
     * @throws IOException when the folder cannot be read
     */
    public static List<BootNode> list(Path folder) throws IOException {
        List<BootNode> nodes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (NoSuchFileException vanished) {
                    continue;
                } catch (IOException brokenLink) {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                }
                nodes.add(new BootNode(entry.toAbsolutePath().normalize(), entry.getFileName().toString(),
                        attributes.isDirectory(), attributes.isDirectory() ? 0 : attributes.size(),
                        attributes.lastModifiedTime().toInstant()));
            }
        }
        nodes.sort(ORDER);
        return nodes;
    }

    /** Reads one entry as a node. */
    public static BootNode node(Path path) throws IOException {
        Path normal = path.toAbsolutePath().normalize();
        BasicFileAttributes attributes = Files.readAttributes(normal, BasicFileAttributes.class);
        Path name = normal.getFileName();
        return new BootNode(normal, name == null ? normal.toString() : name.toString(), attributes.isDirectory(),
                attributes.isDirectory() ? 0 : attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    /**
     * Checks that {@code name} is one plain file name and returns it inside {@code folder}.
     *
     * @throws IllegalArgumentException naming what is wrong: empty, {@code .} or {@code ..}, a path
     *                                  separator of any system, a control character, or a name that
     *                                  would leave the folder
     */
    public static Path child(Path folder, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a name cannot be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a file name");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("'" + name + "' contains a path separator; use a plain file name");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("'" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' contains a control character");
        }
        Path base = folder.toAbsolutePath().normalize();
        Path resolved = base.resolve(name).normalize();
        if (!base.equals(resolved.getParent())) {
            throw new IllegalArgumentException("'" + name + "' would leave " + base);
        }
        return resolved;
    }

    /**
     * The first free name beside {@code taken}: {@code name (1).ext}, {@code name (2).ext}, … for files,
     * {@code name (1)}, … for folders. A leading dot does not start an extension ({@code .config (1)}).
     */
    public static Path freeName(Path taken, boolean directory) {
        String name = taken.getFileName().toString();
        int dot = directory ? -1 : name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path candidate = taken.resolveSibling(stem + " (" + n + ")" + extension);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(candidate.resolveSibling(candidate.getFileName() + BootTreeCopier.PART_SUFFIX),
                    LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
    }

    /**
     * Renames an entry within its folder, atomically.
     *
     * @return the new path
     * @throws IllegalArgumentException when the new name is not a plain file name
     * @throws FileAlreadyExistsException when an entry of that name exists
     */
    public static Path rename(Path path, String newName) throws IOException {
        Path target = child(path.getParent(), newName.strip());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "'" + target.getFileName() + "' already exists in " + target.getParent());
        }
        return Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a file, or a folder with everything in it; symbolic links are removed, never followed. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
