package io.lpmos.console.boottree;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a dropped file or folder into a boot-tree folder so that clients never see half a file: the
 * copy is written to {@code <name>.part} (a folder is copied whole into {@code <name>.part/}), flushed
 * to disk, then renamed into place with {@link StandardCopyOption#ATOMIC_MOVE}. A file's SHA-256 is
 * computed from the bytes as they are written, not by reading the copy again. A cancelled or failed
 * copy removes its {@code .part} and leaves the folder as it was.
 *
 * <p>Blocks on the disk: call it off the FX thread. Stateless and thread-safe; each copy reports to
 * and is cancelled through its own {@link CopyProgress}.
 */
public final class BootTreeCopier {
    /** Suffix of an entry while it is being copied. */
    public static final String PART_SUFFIX = ".part";
    private static final int BUFFER_BYTES = 1 << 20;

    /**
     * Copies {@code source} (a file, or a folder recursively) into {@code targetFolder} under its own
     * name.
     *
     * @param onClash what to do when {@code targetFolder} already holds an entry of that name
     * @throws IllegalArgumentException when the source's name is not a plain file name, or a folder
     *                                  would be copied into itself
     * @throws CopyCancelledException   when {@code progress} was cancelled; nothing is left behind
     * @throws IOException              when reading or writing fails; nothing is left behind
     */
    public CopyResult copy(Path source, Path targetFolder, ClashDecision onClash, CopyProgress progress)
            throws IOException {
        Path from = source.toAbsolutePath().normalize();
        Path folder = targetFolder.toAbsolutePath().normalize();
        if (from.getFileName() == null) {
            throw new IllegalArgumentException(from + " has no name to copy under");
        }
        Path target = BootTreeFiles.child(folder, from.getFileName().toString());
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder + " is not a folder of the boot tree");
        }
        if (!Files.exists(from)) {
            throw new NoSuchFileException(from.toString(), null, "the dropped entry no longer exists");
        }
        boolean directory = Files.isDirectory(from);
        if (directory && folder.startsWith(from)) {
            throw new IllegalArgumentException("cannot copy " + from + " into itself");
        }
        CopyResult.Outcome outcome = CopyResult.Outcome.COPIED;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            switch (onClash) {
                case SKIP -> {
                    return new CopyResult(CopyResult.Outcome.SKIPPED, target, 0, 0, null);
                }
                case KEEP_BOTH -> target = BootTreeFiles.freeName(target, directory);
                case REPLACE -> outcome = CopyResult.Outcome.REPLACED;
            }
        }
        Path part = target.resolveSibling(target.getFileName() + PART_SUFFIX);
        BootTreeFiles.deleteRecursively(part);
        try {
            progress.total(measure(from));
            String sha256 = null;
            int files;
            if (directory) {
                files = copyFolder(from, part, progress);
            } else {
                sha256 = copyFile(from, part, progress);
                files = 1;
            }
            checkCancelled(progress, from);
            moveIntoPlace(part, target);
            return new CopyResult(outcome, target, progress.copied(), files, sha256);
        } catch (IOException | RuntimeException | Error e) {
            try {
                BootTreeFiles.deleteRecursively(part);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Bytes of the regular files under {@code source} (or of the file itself). */
    private static long measure(Path source) throws IOException {
        if (!Files.isDirectory(source)) {
            return Files.size(source);
        }
        AtomicLong bytes = new AtomicLong();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (isCopied(file, attrs)) {
                    bytes.addAndGet(Files.size(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes.get();
    }

    /** Regular files are copied, and the files symbolic links point to; links to folders and special files are not. */
    private static boolean isCopied(Path file, BasicFileAttributes attrs) {
        return attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
    }

    /** Copies a folder tree into {@code part}, as {@link #isCopied} says. */
    private static int copyFolder(Path from, Path part, CopyProgress progress) throws IOException {
        AtomicInteger files = new AtomicInteger();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                checkCancelled(progress, from);
                Files.createDirectory(part.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (isCopied(file, attrs)) {
                    copyFile(file, part.resolve(from.relativize(file).toString()), progress);
                    files.incrementAndGet();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Path copied = part.resolve(from.relativize(dir).toString());
                Files.setLastModifiedTime(copied, Files.getLastModifiedTime(dir));
                return FileVisitResult.CONTINUE;
            }
        });
        return files.get();
    }

    /** Copies one file, hashing the bytes as they pass, and forces them to disk; returns the hex SHA-256. */
    private static String copyFile(Path from, Path to, CopyProgress progress) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = Files.newInputStream(from);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                checkCancelled(progress, from);
                digest.update(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                progress.advance(read);
            }
            out.force(true);
        }
        Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Renames the finished {@code part} to {@code target}. An existing file is replaced by the rename
     * itself; an existing folder (which a rename cannot replace) is first moved aside, then removed.
     */
    private static void moveIntoPlace(Path part, Path target) throws IOException {
        boolean folderInvolved = Files.isDirectory(part) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (folderInvolved && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path aside = target.resolveSibling("." + target.getFileName() + ".replaced-" + System.nanoTime());
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                throw e;
            }
            BootTreeFiles.deleteRecursively(aside);
            return;
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void checkCancelled(CopyProgress progress, Path from) throws IOException {
        if (progress.isCancelled()) {
            throw new CopyCancelledException("copy of " + from.getFileName() + " cancelled");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("copy of " + from.getFileName() + " interrupted");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
