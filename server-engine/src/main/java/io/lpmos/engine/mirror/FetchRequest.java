package io.lpmos.engine.mirror;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One fetch to run. Immutable.
 *
 * @param profile         what to fetch
 * @param root            the boot tree root the profile's folder is under
 * @param dest            a folder that replaces {@code root}/{@code folder}, or null
 * @param keepName        keep the upstream file name (to build a mirror) instead of the profile's
 * @param genSha256       fetch from the official sites only and record the sum in {@code generatedProfile}
 * @param skipChecksum    do not verify, whatever the profile says (the global switch)
 * @param order           which source follows a failed one
 * @param generatedProfile where {@code genSha256} writes the profile copy with the sum; null otherwise
 */
public record FetchRequest(FetchProfile profile, Path root, Path dest, boolean keepName, boolean genSha256,
                           boolean skipChecksum, OrderPolicy order, Path generatedProfile) {
    public FetchRequest {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(order, "order");
        if (root == null && dest == null) {
            throw new IllegalArgumentException("a fetch needs a boot tree root or a destination folder");
        }
        if (genSha256 && generatedProfile == null) {
            throw new IllegalArgumentException("gen-sha256 needs a file to write the profile copy to");
        }
    }

    /** A plain fetch of {@code profile} into its folder under {@code root}, in list order. */
    public static FetchRequest of(FetchProfile profile, Path root) {
        return new FetchRequest(profile, root, null, false, false, false, OrderPolicy.LIST, null);
    }

    /** Where the profile copy of {@code gen-sha256} goes for a profile read from {@code source}: beside it, as JSON. */
    public static Path generatedProfileFor(Path source) {
        String name = source.getFileName().toString().replaceFirst("\\.(json|ya?ml|conf)$", "");
        return source.resolveSibling(name + ".sha256.json");
    }
}
