package io.lpmos.engine.mirror;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CBSD importer on every real profile of {@code src/test/resources/cbsd-profiles} (copied byte
 * for byte from CBSD, see PROVENANCE.md there) and on hostile variants: nothing is ever run, and a
 * file that cannot be read as a profile is refused in words.
 */
class CbsdProfileParserTest {
    private static final List<String> FIXTURES = List.of("vm-freebsd-FreeBSD-x64-14.1.conf",
            "vm-linux-Debian-x86-12.conf", "vm-linux-NetBootXYZ.conf", "vm-linux-Rocky-9-x86_64.conf",
            "vm-linux-ubuntuserver-amd64-24.conf");

    @TempDir
    Path tmp;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = CbsdProfileParserTest.class.getResourceAsStream("/cbsd-profiles/" + name)) {
            return in.readAllBytes();
        }
    }

    private FetchProfile load(String name) throws Exception {
        Path file = tmp.resolve(name);
        Files.write(file, fixture(name));
        return FetchProfiles.load(file).profile();
    }

    @Test
    void theFixtureFolderHoldsExactlyTheProfilesTestedHereWithTheirNotice() throws Exception {
        try (var listing = Files.list(Path.of(CbsdProfileParserTest.class.getResource("/cbsd-profiles").toURI()))) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("vm-")))
                    .containsExactlyInAnyOrderElementsOf(FIXTURES);
        }
        assertThat(new String(fixture("LICENSE.cbsd"), UTF_8)).contains("CBSD Team");
        assertThat(new String(fixture("PROVENANCE.md"), UTF_8)).contains("007ddb5313aebd13a64d911def56661f52759185");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm-freebsd-FreeBSD-x64-14.1.conf", "vm-linux-Debian-x86-12.conf",
            "vm-linux-NetBootXYZ.conf", "vm-linux-Rocky-9-x86_64.conf", "vm-linux-ubuntuserver-amd64-24.conf"})
    void everyRealProfileImportsWithSitesEndingInASlashAndAFileName(String name) throws Exception {
        FetchProfile profile = load(name);

        assertThat(profile.sites()).isNotEmpty().allSatisfy(site -> assertThat(site.toString()).endsWith("/"));
        assertThat(profile.mirrors()).hasSize(7);
        assertThat(profile.folder()).isEqualTo("static/iso");
        assertThat(profile.fileName()).startsWith("cbsd-iso-");
        assertThat(profile.urlOn(profile.sites().get(0)).toString()).endsWith("/" + profile.upstreamName());
    }

    @Test
    void debianTwelveHasTenSitesItsSumAndSizeAndReportsTheShellTestItLeftOut() throws Exception {
        FetchProfile profile = load("vm-linux-Debian-x86-12.conf");

        assertThat(profile.name()).isEqualTo("Debian-x86-12");
        assertThat(profile.sites()).hasSize(10).first()
                .isEqualTo(URI.create("https://ftp.acc.umu.se/debian-cd/current/amd64/iso-dvd/"));
        assertThat(profile.upstreamName()).isEqualTo("debian-12.7.0-amd64-DVD-1.iso");
        assertThat(profile.fileName()).isEqualTo("cbsd-iso-debian-12.7.0-amd64-DVD-1.iso");
        assertThat(profile.sha256()).isEqualTo("a29f31d0848439b6705686c2302f671149e68593a8670a5ef130862b1952d89f");
        assertThat(profile.size()).isEqualTo(3994091520L);
        assertThat(profile.compression()).isEqualTo(Compression.NONE);
        assertThat(profile.notes()).anySatisfy(note -> assertThat(note).contains("shell statement left out")
                .contains("[ ${freebsdhostversion} -lt 1301510 ]"));
        CbsdProfileParser.Parsed parsed = CbsdProfileParser.parse(fixture("vm-linux-Debian-x86-12.conf"), "debian");
        assertThat(parsed.values()).doesNotContainKey("hdd_boot_firmware").containsEntry("cd_boot_firmware", "bhyve")
                .containsEntry("register_iso_as", "iso-debian-12.7.0-amd64-DVD-1.iso")
                .doesNotContainKey("virtio_type".toUpperCase());
        assertThat(parsed.values().get("virtio_type")).isEqualTo("virtio-blk");
    }

    @Test
    void freeBsdFetchesThePackedImageChecksTheSumOfTheXzAndLeavesOutFtpSites() throws Exception {
        FetchProfile profile = load("vm-freebsd-FreeBSD-x64-14.1.conf");

        assertThat(profile.upstreamName()).isEqualTo("FreeBSD-14.1-RELEASE-amd64-disc1.iso.xz");
        assertThat(profile.compression()).isEqualTo(Compression.XZ);
        assertThat(profile.fileName()).isEqualTo("cbsd-iso-FreeBSD-14.1-RELEASE-amd64-disc1.iso");
        assertThat(profile.downloadName(false)).isEqualTo("cbsd-iso-FreeBSD-14.1-RELEASE-amd64-disc1.iso.xz");
        assertThat(profile.unpackedName(true)).isEqualTo("FreeBSD-14.1-RELEASE-amd64-disc1.iso");
        assertThat(profile.sites()).containsExactly(
                URI.create("https://download.freebsd.org/ftp/releases/amd64/amd64/ISO-IMAGES/14.1/"));
        assertThat(profile.notes()).filteredOn(n -> n.contains("ftp://") && n.contains("left out")).hasSize(5);
        assertThat(profile.size()).isEqualTo(816882472L);
        assertThat(profile.notes()).anySatisfy(n -> assertThat(n).contains("${IDLE_IONICE}", "taken as empty"));
    }

    @Test
    void rockySiteListThatOpensWithABackslashNewlineAndAReferenceToTheProfileName() throws Exception {
        FetchProfile profile = load("vm-linux-Rocky-9-x86_64.conf");
        CbsdProfileParser.Parsed parsed = CbsdProfileParser.parse(fixture("vm-linux-Rocky-9-x86_64.conf"), "rocky");

        assertThat(profile.sites()).hasSize(4).first().isEqualTo(URI.create("https://ftp.agdsn.de/rocky-linux/9.4/isos/x86_64/"));
        assertThat(parsed.values()).containsEntry("register_iso_as", "iso-Rocky-9-x86_64")
                .containsEntry("imgsize", "12g");
    }

    @Test
    void netBootXyzSkipsTheChecksum() throws Exception {
        FetchProfile profile = load("vm-linux-NetBootXYZ.conf");

        assertThat(profile.checksumSkipped()).isTrue();
        assertThat(profile.sha256()).isNull();
        assertThat(profile.sites()).containsExactly(URI.create("https://boot.netboot.xyz/ipxe/"));
    }

    @Test
    void ubuntuHasNineSites() throws Exception {
        FetchProfile profile = load("vm-linux-ubuntuserver-amd64-24.conf");

        assertThat(profile.sites()).hasSize(9);
        assertThat(profile.sha256()).isEqualTo("e240e4b801f7bb68c20d1356b60968ad0c33a41d00d828e74ceb3364a0317be9");
        assertThat(profile.size()).isEqualTo(2773874688L);
    }

    private static CbsdProfileParser.Parsed parse(String text) throws ProfileException {
        return CbsdProfileParser.parse(text.getBytes(UTF_8), "vm-hostile.conf");
    }

    @Test
    void anUnterminatedQuoteIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> parse("vm_profile=\"x\"\niso_site=\"https://a/ \\\nhttps://b/\n\niso_img=\"x.iso\"\n"))
                .isInstanceOf(ProfileException.class)
                .hasMessage("vm-hostile.conf line 2: iso_site opens a double quote that is never closed — close it with \"");
        assertThatThrownBy(() -> parse("a='open\n"))
                .hasMessageContaining("line 1: a opens a single quote that is never closed");
        assertThatThrownBy(() -> parse("[ x ] && a=\"open\n"))
                .hasMessageContaining("line 1: a statement opens a double quote that is never closed");
    }

    @Test
    void commandSubstitutionIsNeverRunAndItsAssignmentIsLeftOut() throws Exception {
        Path marker = tmp.resolve("ran");
        CbsdProfileParser.Parsed parsed = parse("a=\"$(touch " + marker + ")\"\nb=`touch " + marker + "`\n"
                + "c=\"x $(echo \\\"y\\\") z\"\nd=\"ok\"\ne=$((1+2))\n");

        assertThat(marker).doesNotExist();
        assertThat(parsed.values()).containsOnlyKeys("d");
        assertThat(parsed.findings()).extracting(CbsdProfileParser.Finding::line).containsExactly(1, 2, 3, 5);
        assertThat(parsed.findings().get(0).reason()).isEqualTo("a uses command substitution $(…) — not run, left out");
        assertThat(parsed.findings().get(1).reason()).contains("backticks");
    }

    @Test
    void aReferenceLoopLeavesItsNamesOutAndKeepsTheRest() throws Exception {
        CbsdProfileParser.Parsed parsed = parse("a=\"${b}\"\nb=\"x${c}\"\nc=\"${a}\"\nd=\"${e}!\"\ne=\"fine\"\n");

        assertThat(parsed.values()).containsOnlyKeys("d", "e").containsEntry("d", "fine!");
        assertThat(parsed.findings()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("references loop a → b → c → a: a, b, c left out"));
    }

    @Test
    void aSelfReferenceIsALoopToo() throws Exception {
        CbsdProfileParser.Parsed parsed = parse("iso_site=\"${iso_site} https://a/\"\n");

        assertThat(parsed.values()).isEmpty();
        assertThat(parsed.findings()).singleElement().satisfies(f -> assertThat(f.reason()).contains("loop iso_site → iso_site"));
    }

    @Test
    void valuesThatGrowHugeThroughReferencesAreLeftOut() throws Exception {
        StringBuilder text = new StringBuilder("a0=\"xxxxxxxxxxxxxxxx\"\n");
        for (int i = 1; i <= 30; i++) {
            text.append("a").append(i).append("=\"${a").append(i - 1).append("}${a").append(i - 1).append("}\"\n");
        }
        long start = System.nanoTime();
        CbsdProfileParser.Parsed parsed = parse(text.toString());

        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        assertThat(parsed.values()).containsKey("a10").doesNotContainKey("a30");
        assertThat(parsed.values().values()).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(
                CbsdProfileParser.MAX_VALUE_CHARS));
        assertThat(parsed.findings()).anySatisfy(f -> assertThat(f.reason()).contains("grows past"));
    }

    @Test
    void aHugeQuotedValueOrFileIsRefused() {
        String big = "a=\"" + "y".repeat(CbsdProfileParser.MAX_VALUE_CHARS + 10) + "\"\n";
        assertThatThrownBy(() -> parse(big)).hasMessageContaining("longer than " + CbsdProfileParser.MAX_VALUE_CHARS);
        byte[] huge = new byte[CbsdProfileParser.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '#');
        assertThatThrownBy(() -> CbsdProfileParser.parse(huge, "vm-huge.conf"))
                .hasMessageStartingWith("vm-huge.conf has " + huge.length + " bytes");
    }

    @Test
    void nulBytesAndNonUtf8TextAreRefusedInWords() {
        assertThatThrownBy(() -> CbsdProfileParser.parse("a=\"1\"\nb=\"\0\"\n".getBytes(UTF_8), "vm-nul.conf"))
                .hasMessage("vm-nul.conf contains a NUL byte (line 2): not a text file, not a CBSD profile");
        byte[] latin1 = "long_description=\"Debian: d\u00e9j\u00e0\"\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CbsdProfileParser.parse(latin1, "vm-latin1.conf"))
                .hasMessageStartingWith("vm-latin1.conf is not UTF-8 text");
    }

    @Test
    void otherShellFormsAreReportedAndNeverEvaluated() throws Exception {
        CbsdProfileParser.Parsed parsed = parse("export PATH=/tmp\nrm -rf /\na=1; b=2\nc=${d:-default}\n"
                + "f='single $not ${expanded}'\ng=plain\\ word\nh=\"tab\"\t# trailing comment\n");

        assertThat(parsed.values()).containsOnlyKeys("f", "g", "h")
                .containsEntry("f", "single $not ${expanded}").containsEntry("g", "plain word").containsEntry("h", "tab");
        assertThat(parsed.findings()).extracting(CbsdProfileParser.Finding::line).containsExactly(1, 2, 3, 4);
        assertThat(parsed.findings().get(3).reason()).contains("${d:-default}");
    }

    @Test
    void aProfileWithoutAnythingToFetchIsRefused() throws Exception {
        Path file = tmp.resolve("vm-empty.conf");
        Files.writeString(file, "vm_profile=\"x\"\niso_img=\"x.iso\"\niso_site=\"ftp://only.ftp/\"\n");

        assertThatThrownBy(() -> FetchProfiles.load(file)).isInstanceOf(ProfileException.class)
                .hasMessage("vm-empty.conf: iso_site lists no http:// or https:// site to fetch x.iso from");
        Files.writeString(file, "vm_profile=\"x\"\niso_site=\"https://a/\"\n");
        assertThatThrownBy(() -> FetchProfiles.load(file))
                .hasMessage("vm-empty.conf: iso_img (the file to fetch) is not set — not a CBSD fetch profile");
    }

    @Test
    void aFileNameThatWouldLeaveTheFolderIsRefused() throws Exception {
        Path file = tmp.resolve("vm-escape.conf");
        Files.writeString(file, "iso_img=\"../../etc/passwd\"\niso_site=\"https://a/\"\n");

        assertThatThrownBy(() -> FetchProfiles.load(file)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("must stay inside the boot tree");
    }
}
