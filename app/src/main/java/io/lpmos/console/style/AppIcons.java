package io.lpmos.console.style;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * The application icon in every size the window system may pick from (16–256 px), copied into the
 * console's resources from the project's {@code icons/} folder at build time.
 */
public final class AppIcons {
    /** Sizes bundled, smallest first. */
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);
    private static final String RESOURCE = "/io/lpmos/console/icons/lpmos-console-%d.png";

    private AppIcons() {
    }

    /**
     * Every size, for {@code Stage.getIcons().setAll(...)}; loads the images, so call it once per window.
     *
     * @throws IllegalStateException when an icon is missing from the build
     */
    public static List<Image> all() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            images.add(load(size));
        }
        return images;
    }

    /** The largest size, for the About dialog. */
    public static Image largest() {
        return load(SIZES.get(SIZES.size() - 1));
    }

    private static Image load(int size) {
        String name = String.format(RESOURCE, size);
        try (InputStream in = AppIcons.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the console's resources");
            }
            return new Image(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
