package io.lpmos.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsWordingTest {
    @Test
    void flagAdviceBecomesSettingsAdvice() {
        assertThat(SettingsWording.forConsole(
                "port 8081 is in use — stop the program using it or choose another port with --api-port"))
                .isEqualTo("port 8081 is in use — stop the program using it or choose another port in Settings (HTTP port)");
        assertThat(SettingsWording.forConsole(
                "cannot create /srv/x: permission denied — choose another folder with --static-root or fix its permissions"))
                .isEqualTo("cannot create /srv/x: permission denied — choose another folder in Settings (Static root)"
                        + " or fix its permissions");
    }

    @Test
    void aFlagNamedOnItsOwnBecomesTheFieldLabel() {
        assertThat(SettingsWording.forConsole("--idc 'lab/1' must be one etcd key segment"))
                .isEqualTo("IDC name 'lab/1' must be one etcd key segment");
    }

    @Test
    void flagsTheDialogDoesNotEditAndOtherTextStayAsTheyAre() {
        String listen = "cannot listen on 10.9.9.9:8081 — that address is not on this machine; check --listen-address";
        assertThat(SettingsWording.forConsole(listen)).isEqualTo(listen);
        assertThat(SettingsWording.forConsole("with --api-portal $1 \\ odd")).isEqualTo("with --api-portal $1 \\ odd");
        assertThat(SettingsWording.forConsole(null)).isNull();
    }
}
