package io.lpmos.console.boottree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileManagerTest {
    private final Path folder = Path.of("/srv/tftpboot/static");

    @Test
    void usesTheSystemsOwnOpener() {
        assertThat(new FileManager("Linux").command(folder)).containsExactly("xdg-open", "/srv/tftpboot/static");
        assertThat(new FileManager("FreeBSD").command(folder)).containsExactly("xdg-open", "/srv/tftpboot/static");
        assertThat(new FileManager("Mac OS X").command(folder)).containsExactly("open", "/srv/tftpboot/static");
        assertThat(new FileManager("Windows 11").command(folder).get(0)).isEqualTo("explorer");
    }
}
