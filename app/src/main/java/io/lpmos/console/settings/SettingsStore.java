package io.lpmos.console.settings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code settings.json} in one directory. A missing file means first run; a file
 * that cannot be read or parsed gives the defaults and a notice for the operator, never an exception.
 * Writes go to a temporary file in the same directory that is then moved over the old file
 * atomically, so a crash mid-write leaves the previous settings intact. Thread-safe: saves are
 * serialised.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    public static final String FILE_NAME = "settings.json";

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    /** @param directory where {@value #FILE_NAME} lives, e.g. {@link ConfigDirectory#forCurrentUser()} */
    public SettingsStore(Path directory) {
        this.directory = directory;
    }

    /**
     * What {@link #load()} found.
     *
     * @param settings what to use: the file's, or {@link ConsoleSettings#empty()}
     * @param problem  why the file was not used, in operator words; null when it was, or did not exist
     */
    public record Loaded(ConsoleSettings settings, String problem) {
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** Reads the settings; never throws. */
    public Loaded load() {
        Path file = file();
        try {
            ConsoleSettings settings = json.readValue(Files.readAllBytes(file), ConsoleSettings.class);
            if (settings == null) {
                return new Loaded(ConsoleSettings.empty(), "the settings file " + file + " is empty — using defaults");
            }
            return new Loaded(settings, null);
        } catch (NoSuchFileException e) {
            return new Loaded(ConsoleSettings.empty(), null);
        } catch (JacksonException e) {
            LOG.warn("settings file {} is not valid: {}", file, e.getOriginalMessage());
            return new Loaded(ConsoleSettings.empty(), "the settings file " + file + " is damaged (" + whereBroken(e)
                    + ") — using defaults; saving settings replaces it");
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read settings file {}", file, e);
            return new Loaded(ConsoleSettings.empty(), "cannot read the settings file " + file + " ("
                    + e.getMessage() + ") — using defaults");
        }
    }

    /** Where the JSON stops making sense, in a few words: "unexpected value for httpPort at line 1". */
    private static String whereBroken(JacksonException e) {
        String what = "not valid JSON";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            what = "unexpected value for " + mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        } else if (e instanceof JsonMappingException) {
            what = "not a settings object";
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? what
                : what + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * Writes the settings, creating the directory when needed.
     *
     * @throws IOException naming the file when it cannot be written; the previous file is then unchanged
     */
    public synchronized void save(ConsoleSettings settings) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, FILE_NAME + ".", ".tmp");
        try {
            Files.write(temp, json.writeValueAsBytes(settings));
            try {
                Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot save settings to " + file() + ": " + e.getMessage(), e);
        }
    }
}
