package io.lpmos.console.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    private static ConsoleSettings full() {
        return ConsoleSettings.builder().staticRoot("/srv/tftpboot").httpPort(8090).idc("dc-east")
                .etcdEndpoints(List.of("http://10.0.0.5:2379", "https://etcd:2379"))
                .allow(List.of("192.168.0.0/16", "10.0.0.0/8")).rateLimit("10MB").interfaceName("eth1")
                .tftp(new TftpSettings(1069)).dhcp(new DhcpSettings("full", "10.0.0.100-10.0.0.200", "12h", "10.0.0.1",
                        List.of("10.0.0.53"), "/etc/lpmos/reservations")).theme(Theme.DARK)
                .disabledServices(Set.of("tftp")).switchedOnServices(Set.of("dhcp")).window(new WindowGeometry(40, 30, 1200, 760, true))
                .dividers(Map.of("bootSplit", List.of(0.3))).build();
    }

    @Test
    void everySettingSurvivesARoundTrip() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("nested/lpmos-console"));
        store.save(full());

        SettingsStore.Loaded loaded = new SettingsStore(dir.resolve("nested/lpmos-console")).load();

        assertThat(loaded.problem()).isNull();
        assertThat(loaded.settings()).isEqualTo(full());
        assertThat(Files.readString(store.file())).contains("\"httpPort\" : 8090", "\"theme\" : \"DARK\"");
    }

    @Test
    void aMissingFileIsAFirstRunWithoutNotice() {
        SettingsStore.Loaded loaded = new SettingsStore(dir).load();
        assertThat(loaded.settings()).isEqualTo(ConsoleSettings.empty());
        assertThat(loaded.problem()).isNull();
    }

    @Test
    void aCorruptFileGivesDefaultsAndSaysWhichFile() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{\"httpPort\": 80");

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded.settings()).isEqualTo(ConsoleSettings.empty());
        assertThat(loaded.problem()).isEqualTo("the settings file " + store.file() + " is damaged (not valid JSON at line 1,"
                + " column 16) — using defaults; saving settings replaces it");
    }

    @Test
    void binaryGarbageWrongTypesAndAnEmptyFileGiveDefaults() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        for (byte[] content : List.of(new byte[] {(byte) 0xff, 0, 0x13, (byte) 0xfe}, "[1,2]".getBytes(StandardCharsets.UTF_8),
                "{\"httpPort\": \"eighty\"}".getBytes(StandardCharsets.UTF_8), new byte[0])) {
            Files.write(store.file(), content);
            SettingsStore.Loaded loaded = store.load();
            assertThat(loaded.settings()).isEqualTo(ConsoleSettings.empty());
            assertThat(loaded.problem()).contains(store.file().toString());
        }
        Files.writeString(store.file(), "{\"httpPort\": \"eighty\"}");
        assertThat(store.load().problem()).contains("(unexpected value for httpPort at line 1");
    }

    @Test
    void aDirectoryWhereTheFileShouldBeIsReportedNotThrown() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Files.createDirectories(store.file());
        SettingsStore.Loaded loaded = store.load();
        assertThat(loaded.settings()).isEqualTo(ConsoleSettings.empty());
        assertThat(loaded.problem()).startsWith("cannot read the settings file");
    }

    @Test
    void unknownFieldsAndUnknownThemesAreIgnored() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{\"httpPort\": 9000, \"fromAFutureVersion\": {\"x\": 1}, \"theme\": \"PURPLE\"}");

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded.problem()).isNull();
        assertThat(loaded.settings().httpPort()).isEqualTo(9000);
        assertThat(loaded.settings().theme()).isEqualTo(Theme.SYSTEM);
        assertThat(loaded.settings().staticRoot()).isNull();
    }

    @Test
    void savingReplacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.save(ConsoleSettings.empty().withTheme(Theme.LIGHT));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                String problem = store.load().problem();
                if (problem != null) {
                    torn.compareAndSet(null, problem);
                }
                reads.incrementAndGet();
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 300; i++) {
                store.save(full().withTheme(i % 2 == 0 ? Theme.DARK : Theme.LIGHT));
            }
        } finally {
            writing.set(false);
            reader.join(10_000);
        }
        assertThat(reads.get()).isPositive();
        assertThat(torn.get()).as("a reader saw a half-written file").isNull();
        assertThat(store.load().settings()).isEqualTo(full().withTheme(Theme.LIGHT));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void aFailedSaveNamesTheFileAndLeavesNoTemporaryFile() throws IOException {
        SettingsStore store = new SettingsStore(dir);
        Files.createDirectories(store.file().resolve("in-the-way"));

        assertThatThrownBy(() -> store.save(full())).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot save settings to " + store.file());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void aConfigDirectoryThatCannotBeCreatedIsAnIoException() throws IOException {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> new SettingsStore(blocker.resolve("lpmos-console")).save(full()))
                .isInstanceOf(IOException.class);
    }
}
