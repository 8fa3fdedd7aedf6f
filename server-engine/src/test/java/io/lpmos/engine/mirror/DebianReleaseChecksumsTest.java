package io.lpmos.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianReleaseChecksumsTest {
    private static final String PACKAGES_SHA = "3f1e2c0a0c5b7f1e7d4e7e2b9c4d3a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";
    private static final String CONTENTS_SHA = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    /** Shaped like Ubuntu's dists/jammy/InRelease: clearsigned, MD5Sum before SHA256, a field after. */
    private static final String IN_RELEASE = """
            -----BEGIN PGP SIGNED MESSAGE-----
            Hash: SHA512

            Origin: Ubuntu
            Suite: jammy
            Acquire-By-Hash: yes
            MD5Sum:
             0123456789abcdef0123456789abcdef          1234 main/binary-amd64/Packages.xz
            SHA256:
             %s          1234 main/binary-amd64/Packages.xz
             %s     987654321 main/Contents-amd64.gz
            Other-Field: x
             ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff 1 main/late
            -----BEGIN PGP SIGNATURE-----

            iQIzBAEBCgAdFiEE
            -----END PGP SIGNATURE-----
            """.formatted(PACKAGES_SHA, CONTENTS_SHA.toUpperCase());

    @TempDir
    Path distro;

    private Path suite;

    @BeforeEach
    void writeIndex() throws IOException {
        suite = Files.createDirectories(distro.resolve("dists/jammy"));
        Files.writeString(suite.resolve("InRelease"), IN_RELEASE);
    }

    @Test
    void findsTheSha256AndSizeListedInTheNearestInRelease() throws IOException {
        assertThat(DebianReleaseChecksums.find(distro, suite.resolve("main/binary-amd64/Packages.xz")))
                .contains(new DebianReleaseChecksums.Expected(PACKAGES_SHA, 1234, "dists/jammy/InRelease"));
        assertThat(DebianReleaseChecksums.find(distro, suite.resolve("main/Contents-amd64.gz")))
                .contains(new DebianReleaseChecksums.Expected(CONTENTS_SHA, 987654321, "dists/jammy/InRelease"));
    }

    @Test
    void listsOnlyWhatTheSha256FieldHolds() throws IOException {
        assertThat(DebianReleaseChecksums.find(distro, suite.resolve("main/late"))).isEmpty();
        assertThat(DebianReleaseChecksums.find(distro, suite.resolve("main/binary-i386/Packages.xz"))).isEmpty();
        assertThat(DebianReleaseChecksums.find(distro, suite.resolve("InRelease"))).isEmpty();
        assertThat(DebianReleaseChecksums.find(distro, distro.resolve("pool/main/h/hello/hello_2.10_amd64.deb"))).isEmpty();
    }

    @Test
    void prefersInReleaseAndFallsBackToRelease() throws IOException {
        Path other = Files.createDirectories(distro.resolve("dists/noble"));
        Files.writeString(other.resolve("Release"), "SHA256:\n " + PACKAGES_SHA + " 7 main/x\n");
        assertThat(DebianReleaseChecksums.find(distro, other.resolve("main/x")))
                .contains(new DebianReleaseChecksums.Expected(PACKAGES_SHA, 7, "dists/noble/Release"));
    }

    @Test
    void byHashNamesAreTheirOwnChecksum() throws IOException {
        Path byHash = suite.resolve("main/binary-amd64/by-hash/SHA256/" + CONTENTS_SHA);
        assertThat(DebianReleaseChecksums.find(distro, byHash))
                .contains(new DebianReleaseChecksums.Expected(CONTENTS_SHA, -1,
                        "dists/jammy/main/binary-amd64/by-hash/SHA256/" + CONTENTS_SHA));
    }

    @Test
    void neverLooksAboveTheDistroFolder() throws IOException {
        Path inner = Files.createDirectories(distro.resolve("inner"));
        Files.writeString(distro.resolve("Release"), "SHA256:\n " + PACKAGES_SHA + " 7 inner/file\n");
        assertThat(DebianReleaseChecksums.find(distro, inner.resolve("file"))).isPresent();
        assertThat(DebianReleaseChecksums.find(inner, inner.resolve("file"))).isEmpty();
    }

    @Test
    void malformedEntriesAreErrorsNotSilentPasses() throws IOException {
        Path broken = Files.createDirectories(distro.resolve("dists/broken"));
        Files.writeString(broken.resolve("Release"), "SHA256:\n nothex 7 main/x\n " + PACKAGES_SHA + " big main/y\n");
        assertThatThrownBy(() -> DebianReleaseChecksums.find(distro, broken.resolve("main/x")))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed SHA256");
        assertThatThrownBy(() -> DebianReleaseChecksums.find(distro, broken.resolve("main/y")))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed size");
    }
}
