package io.lpmos.engine.mirror;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lpmos.engine.net.IoFailures;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads fetch profiles: the project's own JSON and YAML files, and CBSD {@code vm-*.conf} files
 * (read-only, through {@link CbsdProfileParser}; never executed). Writes JSON profile copies for
 * {@code gen-sha256}. Stateless and thread-safe.
 *
 * <p>JSON/YAML fields: {@code name}, {@code folder} (default {@value #DEFAULT_FOLDER}), {@code file},
 * {@code upstreamFile} (default: {@code file}), {@code sites}, {@code mirrors}, {@code sha256}
 * ({@code "0"}: do not check), {@code size}, {@code unpack} ({@code xz}, {@code gz}). Unknown fields are
 * refused, so a misspelt {@code sha265} does not silently turn checking off.
 */
public final class FetchProfiles {
    /** Folder under the boot tree root that holds the profiles. */
    public static final String PROFILES_FOLDER = "profiles";
    /** Where a profile's file goes when it names no folder (CBSD profiles are ISOs). */
    public static final String DEFAULT_FOLDER = "static/iso";
    /** Larger JSON/YAML profiles are refused. */
    static final long MAX_PROFILE_BYTES = 256 * 1024;
    private static final String SKIP_CHECKSUM = "0";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);
    /** Built on first use: the YAML parser's start-up costs a CLI run that reads JSON for nothing. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The kinds of profile file, told apart by name. */
    public enum Format {
        JSON, YAML, CBSD;

        /** The format of a file by its name, or null when it is no profile. */
        public static Format of(Path file) {
            String name = file.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".json")) {
                return JSON;
            }
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                return YAML;
            }
            if (name.startsWith("vm-") && lower.endsWith(".conf")) {
                return CBSD;
            }
            return null;
        }
    }

    /** A profile and the file it came from. */
    public record Loaded(Path file, Format format, FetchProfile profile) {
    }

    /** A profile file that could not be read, and why (operator words). */
    public record Problem(Path file, String message) {
    }

    /** Everything a profiles folder holds: the usable profiles by file name, and the files that are not. */
    public record Listing(List<Loaded> profiles, List<Problem> problems) {
        public Listing {
            profiles = List.copyOf(profiles);
            problems = List.copyOf(problems);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProfileFile(@JsonProperty("name") String name, @JsonProperty("folder") String folder,
                       @JsonProperty("file") String file, @JsonProperty("upstreamFile") String upstreamFile,
                       @JsonProperty("sites") List<String> sites, @JsonProperty("mirrors") List<String> mirrors,
                       @JsonProperty("sha256") String sha256, @JsonProperty("size") Long size,
                       @JsonProperty("unpack") String unpack) {
    }

    private FetchProfiles() {
    }

    /** The profiles folder of a boot tree. */
    public static Path folderOf(Path root) {
        return root.resolve(PROFILES_FOLDER);
    }

    /**
     * Reads one profile file of any {@link Format}.
     *
     * @throws ProfileException naming the file and what is wrong in it
     */
    public static Loaded load(Path file) throws ProfileException {
        Format format = Format.of(file);
        String label = file.getFileName().toString();
        if (format == null) {
            throw new ProfileException(label + " is not a fetch profile: use a .json, .yaml or CBSD vm-*.conf file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > (format == Format.CBSD ? CbsdProfileParser.MAX_FILE_BYTES : MAX_PROFILE_BYTES)) {
                throw new ProfileException(label + " is too large for a fetch profile");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProfileException("no profile file " + file + " — check the path");
        } catch (IOException e) {
            throw new ProfileException("cannot read " + file + ": " + IoFailures.describe(e));
        }
        FetchProfile profile = format == Format.CBSD ? fromCbsd(CbsdProfileParser.parse(bytes, label), label)
                : fromProfileFile(bytes, format, label);
        return new Loaded(file, format, profile);
    }

    /** Reads every profile file directly in {@code folder} (sorted by name); a missing folder holds none. */
    public static Listing list(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Listing(List.of(), List.of());
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (Format.of(entry) != null && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(entry);
                }
            }
        }
        files.sort(Comparator.comparing(path -> path.getFileName().toString()));
        List<Loaded> loaded = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                loaded.add(load(file));
            } catch (ProfileException e) {
                problems.add(new Problem(file, e.getMessage()));
            }
        }
        return new Listing(loaded, problems);
    }

    /**
     * Copies a profile file, unchanged, into {@code profilesFolder} after checking that it reads; the
     * original is never modified. A file of the same name there is replaced.
     *
     * @return the copy, loaded
     * @throws ProfileException when the file is no usable profile (nothing is copied then)
     * @throws IOException      when the copy cannot be written
     */
    public static Loaded importInto(Path file, Path profilesFolder) throws ProfileException, IOException {
        load(file);
        Files.createDirectories(profilesFolder);
        Path copy = profilesFolder.resolve(file.getFileName().toString());
        if (!copy.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            Path part = profilesFolder.resolve(file.getFileName() + ".part");
            Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return load(copy);
    }

    /**
     * Writes {@code profile} as a JSON profile file ({@code gen-sha256} records the sum this way),
     * through a temporary file renamed into place.
     */
    public static void writeJson(FetchProfile profile, Path file) throws IOException {
        ProfileFile out = new ProfileFile(profile.name(), profile.folder(), profile.fileName(),
                profile.upstreamName().equals(profile.fileName() + profile.compression().extension())
                        ? null : profile.upstreamName(),
                profile.sites().stream().map(URI::toString).toList(),
                profile.mirrors().stream().map(URI::toString).toList(),
                profile.checksumSkipped() ? SKIP_CHECKSUM : profile.sha256(),
                profile.size() < 0 ? null : profile.size(),
                profile.compression() == Compression.NONE ? null : profile.compression().extension().substring(1));
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        JSON.writeValue(temporary.toFile(), out);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static FetchProfile fromProfileFile(byte[] bytes, Format format, String label) throws ProfileException {
        ProfileFile in;
        try {
            in = (format == Format.YAML ? Yaml.MAPPER : JSON).readValue(bytes, ProfileFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ProfileException(label + ": unknown field '" + e.getPropertyName() + "' — known fields are name,"
                    + " folder, file, upstreamFile, sites, mirrors, sha256, size, unpack");
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ProfileException(label + " is not a valid " + format.name() + " profile" + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProfileException("cannot read " + label + ": " + IoFailures.describe(e));
        }
        if (in == null) {
            throw new ProfileException(label + " is empty: a profile needs at least file and sites");
        }
        if (in.file() == null || in.file().isBlank()) {
            throw new ProfileException(label + ": 'file' is missing — the name the fetched file gets");
        }
        String stem = label.replaceFirst("\\.(json|ya?ml)$", "");
        try {
            Compression compression = Compression.ofProfileWord(in.unpack() == null ? "" : in.unpack());
            String upstream = in.upstreamFile() == null ? in.file() + compression.extension() : in.upstreamFile();
            boolean skip = SKIP_CHECKSUM.equals(in.sha256());
            return new FetchProfile(in.name() == null ? stem : in.name(), in.folder() == null ? DEFAULT_FOLDER : in.folder(),
                    in.file(), upstream, uris(in.sites(), label, "sites"), uris(in.mirrors(), label, "mirrors"),
                    skip ? null : in.sha256(), skip, in.size() == null ? -1 : in.size(), compression, List.of());
        } catch (IllegalArgumentException e) {
            throw new ProfileException(label + ": " + e.getMessage());
        } catch (ProfileException e) {
            throw new ProfileException(label + ": " + e.getMessage());
        }
    }

    private static List<URI> uris(List<String> texts, String label, String field) throws ProfileException {
        List<URI> uris = new ArrayList<>();
        if (texts == null) {
            return uris;
        }
        for (String text : texts) {
            try {
                uris.add(new URI(text.strip()));
            } catch (URISyntaxException e) {
                throw new ProfileException(label + ": '" + text + "' in " + field + " is not a URL");
            }
        }
        return uris;
    }

    /** Maps the variables CBSD's fetch uses onto a profile; the rest of the file is not needed. */
    static FetchProfile fromCbsd(CbsdProfileParser.Parsed parsed, String label) throws ProfileException {
        Map<String, String> values = parsed.values();
        List<String> notes = new ArrayList<>();
        parsed.findings().forEach(finding -> notes.add(finding.toString()));
        String image = required(values, "iso_img", label, "the file to fetch");
        String dist = values.getOrDefault("iso_img_dist", "").strip();
        Compression compression = Compression.NONE;
        if (!dist.isEmpty()) {
            compression = Compression.ofFileName(dist);
            if (compression == Compression.NONE) {
                throw new ProfileException(label + ": iso_img_dist " + dist + " is packed in a way this client cannot"
                        + " unpack (only .xz and .gz)");
            }
        }
        List<URI> sites = cbsdSources(values, "iso_site", label, notes);
        List<URI> mirrors = cbsdSources(values, "cbsd_iso_mirrors", label, notes);
        if (sites.isEmpty() && mirrors.isEmpty()) {
            throw new ProfileException(label + ": iso_site lists no http:// or https:// site to fetch " + image + " from");
        }
        String sum = values.getOrDefault("sha256sum", "").strip();
        boolean skip = sum.equals(SKIP_CHECKSUM);
        long size = -1;
        String sizeText = values.getOrDefault("iso_img_dist_size", "").strip();
        if (!sizeText.isEmpty()) {
            try {
                size = Long.parseLong(sizeText);
            } catch (NumberFormatException e) {
                notes.add("iso_img_dist_size '" + sizeText + "' is not a number; size not checked");
            }
        }
        String fileName = values.getOrDefault("register_iso_name", "").strip();
        if (fileName.isEmpty()) {
            fileName = image;
        }
        String name = values.getOrDefault("vm_profile", "").strip();
        if (name.isEmpty()) {
            name = label.replaceFirst("^vm-", "").replaceFirst("\\.conf$", "");
        }
        try {
            return new FetchProfile(name, DEFAULT_FOLDER, fileName, dist.isEmpty() ? image : dist, sites, mirrors,
                    skip || sum.isEmpty() ? null : sum, skip, size, compression, notes);
        } catch (IllegalArgumentException e) {
            throw new ProfileException(label + ": " + e.getMessage());
        }
    }

    private static String required(Map<String, String> values, String key, String label, String what)
            throws ProfileException {
        String value = values.getOrDefault(key, "").strip();
        if (value.isEmpty()) {
            throw new ProfileException(label + ": " + key + " (" + what + ") is not set — not a CBSD fetch profile");
        }
        return value;
    }

    private static List<URI> cbsdSources(Map<String, String> values, String key, String label, List<String> notes) {
        List<URI> uris = new ArrayList<>();
        for (String word : values.getOrDefault(key, "").strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(word);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    uris.add(uri);
                } else {
                    notes.add(key + ": " + word + " left out (only http:// and https:// are fetched)");
                }
            } catch (URISyntaxException e) {
                notes.add(key + ": '" + word + "' in " + label + " is not a URL; left out");
            }
        }
        return uris;
    }
}
