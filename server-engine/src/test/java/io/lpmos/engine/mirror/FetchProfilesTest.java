package io.lpmos.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's own JSON and YAML profiles, the profiles folder, importing, and writing a copy. */
class FetchProfilesTest {
    private static final String SUM = "a29f31d0848439b6705686c2302f671149e68593a8670a5ef130862b1952d89f";

    @TempDir
    Path tmp;

    @Test
    void aJsonProfileReadsEveryField() throws Exception {
        Path file = tmp.resolve("debian-kernel.json");
        Files.writeString(file, """
                {"name": "debian-12-kernel", "folder": "static/kernels", "file": "vmlinuz-debian-12",
                 "upstreamFile": "linux", "sites": ["https://deb.debian.org/debian/dists/bookworm/main/"],
                 "mirrors": ["http://mirror.lab/debian/"], "sha256": "%s", "size": 8123456}
                """.formatted(SUM.toUpperCase()));

        FetchProfile profile = FetchProfiles.load(file).profile();

        assertThat(profile.name()).isEqualTo("debian-12-kernel");
        assertThat(profile.folder()).isEqualTo("static/kernels");
        assertThat(profile.fileName()).isEqualTo("vmlinuz-debian-12");
        assertThat(profile.urlOn(profile.sites().get(0)))
                .isEqualTo(URI.create("https://deb.debian.org/debian/dists/bookworm/main/linux"));
        assertThat(profile.mirrors()).containsExactly(URI.create("http://mirror.lab/debian/"));
        assertThat(profile.sha256()).isEqualTo(SUM);
        assertThat(profile.size()).isEqualTo(8123456L);
    }

    @Test
    void aYamlProfileWithSha256ZeroAndAnXzDownload() throws Exception {
        Path file = tmp.resolve("freebsd.yaml");
        Files.writeString(file, """
                file: freebsd-14.1.iso
                unpack: xz
                sites:
                  - https://download.freebsd.org/releases/ISO-IMAGES/14.1/
                sha256: "0"
                """);

        FetchProfile profile = FetchProfiles.load(file).profile();

        assertThat(profile.name()).isEqualTo("freebsd");
        assertThat(profile.folder()).isEqualTo(FetchProfiles.DEFAULT_FOLDER);
        assertThat(profile.upstreamName()).isEqualTo("freebsd-14.1.iso.xz");
        assertThat(profile.compression()).isEqualTo(Compression.XZ);
        assertThat(profile.checksumSkipped()).isTrue();
    }

    @Test
    void aMisspeltFieldIsRefusedSoCheckingIsNeverTurnedOffSilently() throws Exception {
        Path file = tmp.resolve("typo.json");
        Files.writeString(file, "{\"file\": \"x.iso\", \"sites\": [\"https://a/\"], \"sha265\": \"" + SUM + "\"}");

        assertThatThrownBy(() -> FetchProfiles.load(file)).isInstanceOf(ProfileException.class)
                .hasMessageStartingWith("typo.json: unknown field 'sha265'");
    }

    @Test
    void badJsonBadSumsAndFoldersOutsideTheTreeAreRefusedInWords() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"file\": \"x.iso\",\n \"sites\": [\"https://a/\"");
        assertThatThrownBy(() -> FetchProfiles.load(file)).hasMessageStartingWith("bad.json is not a valid JSON profile at line");
        Files.writeString(file, "{\"file\": \"x.iso\", \"sites\": [\"https://a/\"], \"sha256\": \"abc\"}");
        assertThatThrownBy(() -> FetchProfiles.load(file)).hasMessageContaining("is not 64 hex digits");
        Files.writeString(file, "{\"file\": \"x.iso\", \"folder\": \"../etc\", \"sites\": [\"https://a/\"]}");
        assertThatThrownBy(() -> FetchProfiles.load(file)).hasMessageContaining("must stay inside the boot tree");
        Files.writeString(file, "{\"file\": \"x.iso\", \"sites\": [\"file:///etc/\"]}");
        assertThatThrownBy(() -> FetchProfiles.load(file)).hasMessageContaining("is not an http:// or https:// URL");
        Files.writeString(file, "{\"sites\": [\"https://a/\"]}");
        assertThatThrownBy(() -> FetchProfiles.load(file)).hasMessage("bad.json: 'file' is missing — the name the fetched file gets");
        assertThatThrownBy(() -> FetchProfiles.load(tmp.resolve("missing.json"))).hasMessageStartingWith("no profile file");
        assertThatThrownBy(() -> FetchProfiles.load(tmp.resolve("notes.txt"))).hasMessageContaining("is not a fetch profile");
    }

    @Test
    void theFolderListingReadsEveryProfileAndNamesTheBrokenOnes() throws Exception {
        Path folder = FetchProfiles.folderOf(tmp);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("b.json"), "{\"file\": \"b.iso\", \"sites\": [\"https://a/\"]}");
        Files.writeString(folder.resolve("a.yml"), "file: a.iso\nsites: [\"https://a/\"]\n");
        Files.writeString(folder.resolve("broken.json"), "{");
        Files.writeString(folder.resolve("readme.txt"), "not a profile");
        Files.write(folder.resolve("vm-linux-Debian-x86-12.conf"), CbsdProfileParserTest.fixture("vm-linux-Debian-x86-12.conf"));

        FetchProfiles.Listing listing = FetchProfiles.list(folder);

        assertThat(listing.profiles()).extracting(l -> l.profile().name()).containsExactly("a", "b", "Debian-x86-12");
        assertThat(listing.profiles()).extracting(FetchProfiles.Loaded::format).containsExactly(
                FetchProfiles.Format.YAML, FetchProfiles.Format.JSON, FetchProfiles.Format.CBSD);
        assertThat(listing.problems()).singleElement().satisfies(p -> assertThat(p.file().getFileName().toString())
                .isEqualTo("broken.json"));
        assertThat(FetchProfiles.list(tmp.resolve("none")).profiles()).isEmpty();
    }

    @Test
    void importingCopiesTheFileUnchangedAndRefusesOneThatDoesNotRead() throws Exception {
        Path original = tmp.resolve("vm-linux-Rocky-9-x86_64.conf");
        byte[] bytes = CbsdProfileParserTest.fixture("vm-linux-Rocky-9-x86_64.conf");
        Files.write(original, bytes);
        Path folder = tmp.resolve("root/profiles");

        FetchProfiles.Loaded imported = FetchProfiles.importInto(original, folder);

        assertThat(imported.file()).isEqualTo(folder.resolve(original.getFileName()));
        assertThat(Files.readAllBytes(imported.file())).isEqualTo(bytes);
        assertThat(Files.readAllBytes(original)).isEqualTo(bytes);
        Path broken = tmp.resolve("vm-broken.conf");
        Files.writeString(broken, "iso_site=\"open\n");
        assertThatThrownBy(() -> FetchProfiles.importInto(broken, folder)).isInstanceOf(ProfileException.class);
        assertThat(folder.resolve("vm-broken.conf")).doesNotExist();
    }

    @Test
    void aWrittenProfileReadsBackTheSame() throws Exception {
        FetchProfile profile = new FetchProfile("p", "static/iso", "x.iso", "x.iso.xz", List.of(URI.create("https://a/")),
                List.of(URI.create("http://b/")), SUM, false, 42, Compression.XZ, List.of());
        Path file = tmp.resolve("p.sha256.json");

        FetchProfiles.writeJson(profile, file);

        assertThat(FetchProfiles.load(file).profile()).isEqualTo(profile);
        assertThat(FetchRequest.generatedProfileFor(tmp.resolve("vm-x.conf"))).isEqualTo(tmp.resolve("vm-x.sha256.json"));
    }
}
