package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.net.Ipv4;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReservationsTest {
    @TempDir
    Path dir;

    @Test
    void readsMacAddressAndHostnameIgnoringComments() throws Exception {
        Path file = Files.writeString(dir.resolve("reservations"), """
                # rack 3
                52:54:00:12:34:56  10.0.0.20  node-20
                52-54-00-12-34-57,10.0.0.21   # no name

                """);

        assertThat(Reservations.read(file)).containsExactly(
                new Reservation(MacAddress.parseEthernet("52:54:00:12:34:56"), Ipv4.parse("10.0.0.20"), "node-20"),
                new Reservation(MacAddress.parseEthernet("52:54:00:12:34:57"), Ipv4.parse("10.0.0.21"), null));
    }

    @Test
    void problemsNameTheFileAndTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("reservations"), "52:54:00:12:34:56 10.0.0.20\n52:54:00:zz:34:57 10.0.0.21\n");
        assertThatThrownBy(() -> Reservations.read(file)).isInstanceOf(IOException.class).hasMessage("line 2 of the DHCP"
                + " reservations file " + file + ": '52:54:00:zz:34:57' is not a MAC address such as 52:54:00:12:34:56");

        Path twice = Files.writeString(dir.resolve("twice"), "52:54:00:12:34:56 10.0.0.20\n52:54:00:12:34:57 10.0.0.20\n");
        assertThatThrownBy(() -> Reservations.read(twice)).hasMessageContaining("line 2")
                .hasMessageContaining("10.0.0.20 is already reserved for another MAC on line 1");

        assertThatThrownBy(() -> Reservations.read(dir.resolve("missing"))).hasMessageContaining("does not exist");
    }
}
