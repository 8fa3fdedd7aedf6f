package io.lpmos.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigReposUpstreamTest {
    private static EngineConfig withUpstream(String distro, String url) {
        return EngineConfig.builder().reposUpstreams(Map.of(distro, URI.create(url))).build();
    }

    @Test
    void acceptsHttpAndHttpsMirrors() {
        assertThat(withUpstream("ubuntu", "http://archive.ubuntu.com/ubuntu").reposUpstreams())
                .containsEntry("ubuntu", URI.create("http://archive.ubuntu.com/ubuntu"));
        assertThat(withUpstream("debian", "https://deb.debian.org/debian/").reposUpstreams()).hasSize(1);
    }

    @Test
    void refusesOtherSchemesWithTheFlagInTheMessage() {
        assertThatThrownBy(() -> withUpstream("ubuntu", "ftp://ftp.debian.org/debian"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--repos-upstream ubuntu=ftp://ftp.debian.org/debian")
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> withUpstream("ubuntu", "deb.debian.org/debian"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDistroNamesThatAreNotOneFolder() {
        for (String distro : new String[] {"", "..", "ubuntu/22.04", "a\\b"}) {
            assertThatThrownBy(() -> withUpstream(distro, "http://deb.debian.org/debian"))
                    .as(distro)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one folder name under /repos");
        }
    }

    @Test
    void refusesQueriesAndFragments() {
        assertThatThrownBy(() -> withUpstream("ubuntu", "http://mirror.example/ubuntu?x=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query or fragment");
    }
}
