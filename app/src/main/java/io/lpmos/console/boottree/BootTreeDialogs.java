package io.lpmos.console.boottree;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Every question the boot tree asks the operator. The window answers with modal dialogs; tests answer
 * directly. Called on the FX thread; each method returns once the operator has answered.
 */
public interface BootTreeDialogs {
    /** {@code existing} is in the way of a dropped entry of the same name: replace it, keep both, or skip? */
    ClashDecision askClash(Path existing, boolean existingIsFolder);

    /** Whether to delete {@code path} (a folder with everything in it when {@code folder}). */
    boolean confirmDelete(Path path, boolean folder);

    /** The new name for {@code path}, or empty when the operator cancelled. */
    Optional<String> askNewName(Path path);
}
