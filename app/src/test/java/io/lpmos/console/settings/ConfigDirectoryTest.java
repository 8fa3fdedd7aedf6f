package io.lpmos.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {
    private static final Path HOME = Path.of("/home/operator");

    @Test
    void linuxUsesXdgConfigHome() {
        assertThat(ConfigDirectory.resolve("Linux", Map.of("XDG_CONFIG_HOME", "/srv/cfg"), HOME))
                .isEqualTo(Path.of("/srv/cfg/lpmos-console"));
    }

    @Test
    void linuxFallsBackToDotConfigWhenXdgIsUnsetBlankOrRelative() {
        Path expected = Path.of("/home/operator/.config/lpmos-console");
        assertThat(ConfigDirectory.resolve("Linux", Map.of(), HOME)).isEqualTo(expected);
        assertThat(ConfigDirectory.resolve("Linux", Map.of("XDG_CONFIG_HOME", " "), HOME)).isEqualTo(expected);
        assertThat(ConfigDirectory.resolve("FreeBSD", Map.of("XDG_CONFIG_HOME", "relative/cfg"), HOME))
                .isEqualTo(expected);
    }

    @Test
    void windowsUsesAppData() {
        assertThat(ConfigDirectory.resolve("Windows 11", Map.of("APPDATA", "/c/Users/op/AppData/Roaming"), HOME))
                .isEqualTo(Path.of("/c/Users/op/AppData/Roaming/LPMOS Console"));
        assertThat(ConfigDirectory.resolve("Windows 11", Map.of(), HOME))
                .isEqualTo(HOME.resolve("AppData/Roaming/LPMOS Console"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(ConfigDirectory.resolve("Mac OS X", Map.of("XDG_CONFIG_HOME", "/srv/cfg"), HOME))
                .isEqualTo(Path.of("/home/operator/Library/Application Support/LPMOS Console"));
    }

    @Test
    void stateGoesWhereEachSystemKeepsIt() {
        assertThat(ConfigDirectory.resolveState("Linux", Map.of("XDG_STATE_HOME", "/srv/state"), HOME))
                .isEqualTo(Path.of("/srv/state/lpmos-console"));
        assertThat(ConfigDirectory.resolveState("Linux", Map.of("XDG_STATE_HOME", "rel"), HOME))
                .isEqualTo(Path.of("/home/operator/.local/state/lpmos-console"));
        assertThat(ConfigDirectory.resolveState("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/op/AppData/Local"), HOME))
                .isEqualTo(Path.of("/c/Users/op/AppData/Local/LPMOS Console"));
        assertThat(ConfigDirectory.resolveState("Mac OS X", Map.of(), HOME))
                .isEqualTo(Path.of("/home/operator/Library/Application Support/LPMOS Console"));
    }
}
