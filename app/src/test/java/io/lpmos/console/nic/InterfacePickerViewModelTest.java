package io.lpmos.console.nic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.console.tasks.SameThreadTasks;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterfacePickerViewModelTest {
    private static final NetworkInterfaceChoice LOOPBACK = new NetworkInterfaceChoice("lo", "127.0.0.1",
            Set.of(NicFlag.LOOPBACK));
    private static final NetworkInterfaceChoice WIFI = new NetworkInterfaceChoice("wlan0", "192.168.1.20",
            Set.of(NicFlag.WIRELESS));
    private static final NetworkInterfaceChoice WIRED = new NetworkInterfaceChoice("eth0", "10.0.0.2", Set.of());

    @Test
    void preselectsTheFirstPlainWiredLink() {
        InterfacePickerViewModel model = new InterfacePickerViewModel(new NetworkInterfaceCatalog(),
                new SameThreadTasks(), null);
        model.show(List.of(LOOPBACK, WIFI, WIRED));

        assertThat(model.selectedProperty().get()).isEqualTo(WIRED);
        assertThat(model.interfaces()).containsExactly(LOOPBACK, WIFI, WIRED);
    }

    @Test
    void preselectsTheConfiguredInterfaceAndKeepsTheOperatorsChoiceOnRefresh() {
        InterfacePickerViewModel model = new InterfacePickerViewModel(new NetworkInterfaceCatalog(),
                new SameThreadTasks(), "wlan0");
        model.show(List.of(LOOPBACK, WIFI, WIRED));
        assertThat(model.selectedProperty().get()).isEqualTo(WIFI);

        model.selectedProperty().set(LOOPBACK);
        model.show(List.of(WIRED, LOOPBACK));
        assertThat(model.selectedProperty().get()).isEqualTo(LOOPBACK);
    }

    @Test
    void fallsBackToTheFirstInterfaceWhenNoneIsPreferred() {
        InterfacePickerViewModel model = new InterfacePickerViewModel(new NetworkInterfaceCatalog(),
                new SameThreadTasks(), null);
        model.show(List.of(LOOPBACK, WIFI));
        assertThat(model.selectedProperty().get()).isEqualTo(LOOPBACK);
    }

    @Test
    void refreshReadsTheOsThroughTheInjectedTasks() {
        SameThreadTasks tasks = new SameThreadTasks();
        InterfacePickerViewModel model = new InterfacePickerViewModel(new NetworkInterfaceCatalog(), tasks, null);
        model.refresh();

        assertThat(tasks.runs()).isEqualTo(1);
        assertThat(model.interfaces()).extracting(NetworkInterfaceChoice::name).contains("lo");
        assertThat(model.selectedProperty().get()).isNotNull();
        assertThat(model.problemProperty().get()).isEmpty();
    }
}
