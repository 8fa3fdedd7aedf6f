package io.lpmos.engine.mirror;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to fetch into the boot tree and from where (SPEC §7). Immutable; the constructor refuses a
 * profile that could write outside its folder or fetch from anything but HTTP(S).
 *
 * @param name            the profile's name, shown to the operator and used in events
 * @param folder          target folder relative to the boot tree root, '/'-separated, e.g. {@code static/iso}
 * @param fileName        the name the file gets in {@code folder} (the "profile name"), unpacked when packed
 * @param upstreamName    the file's name on the sites and mirrors, appended to each of their base URLs;
 *                        kept as the local name in {@code keepname} mode
 * @param sites           official sites: base URLs ending in '/', the only sources trusted without a checksum
 * @param mirrors         extra mirrors (the project's own among them): base URLs, used only with a checksum
 *                        to check their bytes against, or when checking is skipped
 * @param sha256          expected SHA-256 of the download, lower-case hex; null when the profile gives none
 * @param checksumSkipped the profile says {@code sha256=0}: do not verify (size included)
 * @param size            expected size of the download in bytes; -1 when unknown
 * @param compression     how the download is packed; it is unpacked into {@code fileName} once verified
 * @param notes           what the importer left out or could not use, one operator sentence each
 */
public record FetchProfile(String name, String folder, String fileName, String upstreamName, List<URI> sites,
                           List<URI> mirrors, String sha256, boolean checksumSkipped, long size,
                           Compression compression, List<String> notes) {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_SEGMENT = 255;

    public FetchProfile {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl) || name.length() > MAX_SEGMENT) {
            throw new IllegalArgumentException("the profile name must be 1 to " + MAX_SEGMENT
                    + " printable characters");
        }
        folder = Objects.requireNonNull(folder, "folder").replaceAll("^/+|/+$", "");
        for (String segment : folder.split("/", -1)) {
            if (!folder.isEmpty()) {
                checkSegment(segment, "folder '" + folder + "'");
            }
        }
        checkSegment(Objects.requireNonNull(fileName, "fileName"), "file name '" + fileName + "'");
        checkSegment(Objects.requireNonNull(upstreamName, "upstreamName"), "upstream file name '" + upstreamName + "'");
        sites = List.copyOf(sites);
        mirrors = List.copyOf(mirrors);
        if (sites.isEmpty() && mirrors.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + " lists no site or mirror to fetch from");
        }
        sites.forEach(FetchProfile::checkBase);
        mirrors.forEach(FetchProfile::checkBase);
        if (sha256 != null) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!SHA256_HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 '" + sha256 + "' is not 64 hex digits (use 0 to skip"
                        + " checking, or leave it out)");
            }
            if (checksumSkipped) {
                throw new IllegalArgumentException("a profile cannot both give a sha256 and skip checking");
            }
        }
        if (size < -1) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
        Objects.requireNonNull(compression, "compression");
        notes = List.copyOf(notes);
    }

    private static void checkSegment(String segment, String what) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("/")
                || segment.contains("\\") || segment.length() > MAX_SEGMENT
                || segment.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must stay inside the boot tree: plain names, no '..',"
                    + " no '\\', no control characters");
        }
    }

    private static void checkBase(URI base) {
        String scheme = base.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || base.getHost() == null) {
            throw new IllegalArgumentException(base + " is not an http:// or https:// URL; only those can be fetched");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException(base + ": a site URL must not have a query or fragment");
        }
    }

    /** Whether the download is verified against a known sha256. */
    public boolean verifiable() {
        return sha256 != null;
    }

    /** Every source in profile order: the official sites first, then the mirrors. */
    public List<URI> allSources() {
        List<URI> all = new ArrayList<>(sites);
        all.addAll(mirrors);
        return all;
    }

    /** The URL of the download on one source: its base with {@link #upstreamName} appended (CBSD style). */
    public URI urlOn(URI base) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + upstreamName);
    }

    /** The name the download is stored under: the upstream name with {@code keepname}, else the profile's. */
    public String downloadName(boolean keepName) {
        if (keepName) {
            return upstreamName;
        }
        return fileName + compression.extension();
    }

    /** The name of the unpacked file; the same as {@link #downloadName} when nothing is packed. */
    public String unpackedName(boolean keepName) {
        if (!keepName) {
            return fileName;
        }
        String extension = compression.extension();
        return upstreamName.toLowerCase(Locale.ROOT).endsWith(extension) && !extension.isEmpty()
                ? upstreamName.substring(0, upstreamName.length() - extension.length()) : upstreamName;
    }

    /** This profile with a checksum and size recorded ({@code gen-sha256}). */
    public FetchProfile withChecksum(String digest, long bytes) {
        return new FetchProfile(name, folder, fileName, upstreamName, sites, mirrors, digest, false, bytes, compression,
                notes);
    }
}
