package io.lpmos.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathResolverTest {
    @TempDir
    Path outside;
    Path tree;
    SafePathResolver resolver;
    HostilePaths.Fixture fixture;

    @BeforeEach
    void plantTree() throws IOException {
        tree = outside.resolve("tftpboot/static");
        Files.createDirectories(tree.resolve("kernels"));
        Files.writeString(tree.resolve("kernels/vmlinuz-rocky-9"), "kernel");
        fixture = HostilePaths.plant(outside, tree);
        resolver = new SafePathResolver(tree);
    }

    static Stream<String> corpus() throws IOException {
        return HostilePaths.load().stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyHostilePathIsRefusedOrStaysInsideTheRoot(String hostile) throws IOException {
        Path realRoot = tree.toRealPath();
        for (String candidate : new String[] {hostile, HostilePaths.percentDecode(hostile)}) {
            try {
                Path resolved = resolver.resolve(candidate);
                assertThat(resolved).as("resolve(%s)", abbreviate(candidate)).startsWith(realRoot);
                assertThat(Files.isSameFile(resolved, fixture.secret())).isFalse();
            } catch (PathRejectedException refused) {
                assertThat(refused.reason()).isNotNull();
            }
        }
    }

    @Test
    void aFileInsideTheRootResolvesToItsRealPath() throws Exception {
        assertThat(resolver.resolve("/kernels/vmlinuz-rocky-9")).isEqualTo(tree.toRealPath().resolve("kernels/vmlinuz-rocky-9"));
        assertThat(resolver.resolve("kernels//vmlinuz-rocky-9")).isEqualTo(tree.toRealPath().resolve("kernels/vmlinuz-rocky-9"));
        assertThat(resolver.resolve("/")).isEqualTo(tree.toRealPath());
        assertThat(resolver.resolve("")).isEqualTo(tree.toRealPath());
    }

    @Test
    void aSymlinkToAFileInsideTheRootIsFollowed() throws Exception {
        Files.createSymbolicLink(tree.resolve("current"), Path.of("kernels/vmlinuz-rocky-9"));

        assertThat(resolver.resolve("/current")).isEqualTo(tree.toRealPath().resolve("kernels/vmlinuz-rocky-9"));
    }

    @Test
    void aRootThatIsItselfASymlinkStillServesItsFiles() throws Exception {
        Path link = outside.resolve("root-link");
        Files.createSymbolicLink(link, tree);
        SafePathResolver viaLink = new SafePathResolver(link);

        assertThat(viaLink.resolve("/kernels/vmlinuz-rocky-9")).hasContent("kernel");
        assertThatThrownBy(() -> viaLink.resolve("/secret-link.txt")).isInstanceOf(PathRejectedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc-link/passwd", "/etc-link", "/secret-link.txt"})
    void symlinksLeavingTheRootAreForbidden(String path) {
        PathRejectedException refused = catchThrowableOfType(PathRejectedException.class, () -> resolver.resolve(path));

        assertThat(refused.reason()).isEqualTo(PathRejectedException.Reason.FORBIDDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "/kernels/../..", "/a\\b", "/a\u0000b", "/a\nb", "/\u007f", "/./kernels", "/\uFFFD"})
    void malformedPathsAreRefusedBeforeTouchingTheDisk(String path) {
        PathRejectedException refused = catchThrowableOfType(PathRejectedException.class, () -> resolver.lexical(path));

        assertThat(refused.reason()).isEqualTo(PathRejectedException.Reason.MALFORMED);
    }

    @Test
    void overlongPathsAndSegmentsAreMalformed() {
        String longSegment = "/" + "a".repeat(256);
        String longPath = "/a".repeat(SafePathResolver.MAX_PATH_LENGTH);

        assertThat(catchThrowableOfType(PathRejectedException.class, () -> resolver.resolve(longSegment)).reason())
                .isEqualTo(PathRejectedException.Reason.MALFORMED);
        assertThat(catchThrowableOfType(PathRejectedException.class, () -> resolver.resolve(longPath)).reason())
                .isEqualTo(PathRejectedException.Reason.MALFORMED);
    }

    @Test
    void missingFilesAndDanglingLinksAreNotFound() throws Exception {
        Files.createSymbolicLink(tree.resolve("dangling"), tree.resolve("nowhere"));

        assertThat(catchThrowableOfType(PathRejectedException.class, () -> resolver.resolve("/kernels/none")).reason())
                .isEqualTo(PathRejectedException.Reason.NOT_FOUND);
        assertThat(catchThrowableOfType(PathRejectedException.class, () -> resolver.resolve("/dangling")).reason())
                .isEqualTo(PathRejectedException.Reason.NOT_FOUND);
    }

    @Test
    void lexicalJoinsAMissingFileUnderTheRoot() throws Exception {
        assertThat(resolver.lexical("/ubuntu/pool/main/a.deb")).isEqualTo(tree.resolve("ubuntu/pool/main/a.deb"));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + " chars)" : text;
    }
}
