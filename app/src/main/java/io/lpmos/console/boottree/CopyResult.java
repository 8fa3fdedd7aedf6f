package io.lpmos.console.boottree;

import java.nio.file.Path;

/**
 * What one copy into the boot tree did.
 *
 * @param outcome whether the entry was copied, replaced an existing one, or was skipped
 * @param target  where the copy now is (for {@link Outcome#SKIPPED}, the existing entry that was kept)
 * @param bytes   bytes copied
 * @param files   files copied (1 for a file, the number of files for a folder)
 * @param sha256  the lowercase hex SHA-256 of a copied file, computed while copying; null for a
 *                folder or a skipped entry
 */
public record CopyResult(Outcome outcome, Path target, long bytes, int files, String sha256) {
    /** How a dropped entry ended. */
    public enum Outcome { COPIED, REPLACED, SKIPPED }
}
