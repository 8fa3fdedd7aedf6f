package io.lpmos.console.boottree;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One entry of the boot tree as last read from the disk: an immutable snapshot, so a listing can be
 * made on a background thread and compared with the one shown.
 *
 * @param path      absolute, normalised path under the tree's root
 * @param name      the entry's file name
 * @param directory whether it is a folder (symbolic links are followed)
 * @param size      size in bytes; 0 for folders
 * @param modified  last modification time
 */
public record BootNode(Path path, String name, boolean directory, long size, Instant modified) {
}
