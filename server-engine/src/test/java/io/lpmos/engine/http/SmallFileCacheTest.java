package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFileCacheTest {
    @TempDir
    Path tmp;

    private static BasicFileAttributes attributes(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void servesCachedContentUntilTheFileChangesEvenWithTheSameSize() throws Exception {
        SmallFileCache cache = new SmallFileCache(1 << 20);
        Path file = Files.writeString(tmp.resolve("boot.ipxe"), "#!ipxe chain A");
        assertThat(text(cache.content(file, attributes(file)))).isEqualTo("#!ipxe chain A");

        Files.writeString(file, "#!ipxe chain B");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(text(cache.content(file, attributes(file)))).isEqualTo("#!ipxe chain B");
    }

    @Test
    void eachCallerGetsItsOwnPositionAndLimit() throws Exception {
        SmallFileCache cache = new SmallFileCache(1 << 20);
        Path file = Files.writeString(tmp.resolve("a.cfg"), "0123456789");
        ByteBuffer first = cache.content(file, attributes(file));
        first.position(3).limit(5);
        assertThat(text(cache.content(file, attributes(file)))).isEqualTo("0123456789");
    }

    @Test
    void largeFilesAreNotCachedAndMissingFilesFail() throws Exception {
        SmallFileCache cache = new SmallFileCache(1 << 20);
        Path big = Files.write(tmp.resolve("big"), new byte[SmallFileCache.MAX_FILE_BYTES + 1]);
        assertThat(cache.content(big, attributes(big))).isNull();

        Path gone = Files.writeString(tmp.resolve("gone"), "x");
        BasicFileAttributes stale = attributes(gone);
        Files.delete(gone);
        assertThatThrownBy(() -> cache.content(gone, stale)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void staysWithinItsBudget() throws Exception {
        SmallFileCache cache = new SmallFileCache(100_000);
        for (int i = 0; i < 50; i++) {
            Path file = Files.write(tmp.resolve("f" + i), new byte[10_000]);
            assertThat(cache.content(file, attributes(file)).remaining()).isEqualTo(10_000);
            assertThat(cache.cachedBytes()).isLessThanOrEqualTo(100_000);
        }
        Path first = tmp.resolve("f0");
        assertThat(cache.content(first, attributes(first)).remaining()).isEqualTo(10_000);
    }
}
