package io.lpmos.engine.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * How the file a profile downloads is packed. The checksum always applies to what was downloaded;
 * a packed download is unpacked into the profile's file after it has been verified.
 */
public enum Compression {
    /** The download is the file itself. */
    NONE(""),
    /** An {@code .xz} download, e.g. FreeBSD's {@code disc1.iso.xz}. */
    XZ(".xz"),
    /** A {@code .gz} download. */
    GZIP(".gz");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    /** The file name suffix of a download packed this way ({@code ".xz"}), empty for {@link #NONE}. */
    public String extension() {
        return extension;
    }

    /** The packing a download name announces by its suffix; {@link #NONE} when it has no known one. */
    public static Compression ofFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Compression each : values()) {
            if (each != NONE && lower.endsWith(each.extension)) {
                return each;
            }
        }
        return NONE;
    }

    /** The packing named in a profile ({@code xz}, {@code gz}, {@code gzip}, {@code none}). */
    public static Compression ofProfileWord(String word) throws ProfileException {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "", "none" -> NONE;
            case "xz" -> XZ;
            case "gz", "gzip" -> GZIP;
            default -> throw new ProfileException("unpack '" + word + "' is not a packing this client can unpack:"
                    + " use xz, gz or none");
        };
    }

    /** Wraps {@code packed} so that reading it yields the unpacked bytes. */
    InputStream unpacking(InputStream packed) throws IOException {
        return switch (this) {
            case NONE -> packed;
            case XZ -> new XZInputStream(packed);
            case GZIP -> new GZIPInputStream(packed, 64 * 1024);
        };
    }
}
