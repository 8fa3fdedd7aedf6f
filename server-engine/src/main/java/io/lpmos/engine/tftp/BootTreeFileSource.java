package io.lpmos.engine.tftp;

import io.lpmos.engine.files.PathRejectedException;
import io.lpmos.engine.files.SafePathResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * Serves the whole boot tree (SPEC §4: {@code boot/ipxe.efi} and {@code static/kernels/...} alike)
 * through the {@link SafePathResolver} HTTP uses, so both protocols refuse the same hostile paths.
 * TFTP names are not percent-decoded; a leading {@code /} (GRUB sends absolute names) means the root
 * of the tree, and {@code \} separates folders as {@code /} does (Windows-made menus and some firmware
 * send {@code boot\pxelinux.0}). Thread-safe.
 */
public final class BootTreeFileSource implements TftpFileSource {
    private final SafePathResolver tree;

    public BootTreeFileSource(SafePathResolver tree) {
        this.tree = tree;
    }

    @Override
    public OpenedFile open(String requestedName, InetSocketAddress client) throws TftpRefusal {
        SafePathResolver.Resolved resolved;
        try {
            resolved = tree.resolveWithAttributes(requestedName.replace('\\', '/'));
        } catch (PathRejectedException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> new TftpRefusal(TftpErrorCode.FILE_NOT_FOUND, "File not found");
                case FORBIDDEN -> new TftpRefusal(TftpErrorCode.ACCESS_VIOLATION, "Access violation");
                case MALFORMED -> new TftpRefusal(TftpErrorCode.ACCESS_VIOLATION, "Access violation: " + e.getMessage());
            };
        }
        if (!resolved.attributes().isRegularFile()) {
            throw new TftpRefusal(TftpErrorCode.FILE_NOT_FOUND, "File not found: not a file");
        }
        try {
            FileChannel channel = FileChannel.open(resolved.path(), StandardOpenOption.READ);
            try {
                return new OpenedFile(channel, channel.size());
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new TftpRefusal(TftpErrorCode.FILE_NOT_FOUND, "File not found");
        } catch (AccessDeniedException | SecurityException e) {
            throw new TftpRefusal(TftpErrorCode.ACCESS_VIOLATION, "Access violation: cannot read the file");
        } catch (IOException e) {
            throw new TftpRefusal(TftpErrorCode.ACCESS_VIOLATION, "Access violation: cannot read the file");
        }
    }
}
