package io.lpmos.engine.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.net.Ipv4;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseJournalTest {
    private static final long MAC = MacAddress.parseEthernet("52:54:00:12:34:56");

    @TempDir
    Path dir;

    @Test
    void recordsAreReadBackAsWritten() throws Exception {
        Path file = dir.resolve("leases");
        List<LeaseRecord> written = List.of(
                LeaseRecord.lease(MAC, Ipv4.parse("10.0.0.5"), 1_800_000_000_000L, "node 1/é"),
                LeaseRecord.release(MAC, Ipv4.parse("10.0.0.5")),
                LeaseRecord.quarantine(Ipv4.parse("10.0.0.6"), 1_800_000_600_000L));
        try (LeaseJournal journal = LeaseJournal.open(file, List.of(), tokens -> { }, e -> { }, "test-journal")) {
            written.forEach(record -> journal.append(record, null));
        }

        LeaseJournal.Contents contents = LeaseJournal.read(file);

        assertThat(contents.damagedLines()).isZero();
        assertThat(contents.records()).containsExactly(
                LeaseRecord.lease(MAC, Ipv4.parse("10.0.0.5"), 1_800_000_000_000L, "node_1__"),
                written.get(1), written.get(2));
        assertThat(Files.readString(file)).startsWith(LeaseJournal.HEADER).contains("L\t10.0.0.5\t52:54:00:12:34:56\t");
    }

    @Test
    void tokensAreHandedOverOnlyOnceTheirRecordsAreInTheFileInOrder() throws Exception {
        Path file = dir.resolve("leases");
        List<Object> durable = Collections.synchronizedList(new ArrayList<>());
        List<Integer> linesSeen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(1);
        try (LeaseJournal journal = LeaseJournal.open(file, List.of(), tokens -> {
            for (Object token : tokens) {
                try {
                    linesSeen.add((int) Files.readAllLines(file).stream().filter(l -> l.startsWith("L")).count());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                durable.add(token);
            }
            if (durable.size() == 500) {
                all.countDown();
            }
        }, e -> { }, "test-journal")) {
            for (int i = 0; i < 500; i++) {
                journal.append(LeaseRecord.lease(MAC + i, Ipv4.parse("10.0.0.0") + i, 1L, null), i);
            }
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        }

        for (int i = 0; i < 500; i++) {
            assertThat(durable.get(i)).isEqualTo(i);
            assertThat(linesSeen.get(i)).as("lines on disk when token %d was released", i).isGreaterThan(i);
        }
    }

    @Test
    void aTornLastLineAndDamagedLinesAreSkippedTheRestKept() throws Exception {
        Path file = dir.resolve("leases");
        StringBuilder text = new StringBuilder(LeaseJournal.HEADER);
        LeaseRecord.lease(MAC, Ipv4.parse("10.0.0.5"), 5L, null).appendTo(text);
        StringBuilder damaged = new StringBuilder();
        LeaseRecord.lease(MAC + 1, Ipv4.parse("10.0.0.6"), 6L, null).appendTo(damaged);
        text.append(damaged.toString().replace("10.0.0.6", "10.0.0.7"));
        LeaseRecord.lease(MAC + 2, Ipv4.parse("10.0.0.8"), 8L, null).appendTo(text);
        StringBuilder torn = new StringBuilder();
        LeaseRecord.lease(MAC + 3, Ipv4.parse("10.0.0.9"), 9L, null).appendTo(torn);
        text.append(torn, 0, torn.length() - 5);
        Files.writeString(file, text, StandardCharsets.US_ASCII);

        LeaseJournal.Contents contents = LeaseJournal.read(file);

        assertThat(contents.damagedLines()).isEqualTo(2);
        assertThat(contents.records()).extracting(LeaseRecord::address)
                .containsExactly(Ipv4.parse("10.0.0.5"), Ipv4.parse("10.0.0.8"));
    }

    @Test
    void openingReplacesTheFileWithTheSnapshotAndCompactionKeepsOrder() throws Exception {
        Path file = dir.resolve("leases");
        Files.writeString(file, "garbage that was there\n", StandardOpenOption.CREATE);
        LeaseRecord first = LeaseRecord.lease(MAC, Ipv4.parse("10.0.0.5"), 5L, null);
        LeaseRecord second = LeaseRecord.lease(MAC + 1, Ipv4.parse("10.0.0.6"), 6L, null);
        LeaseRecord third = LeaseRecord.lease(MAC + 2, Ipv4.parse("10.0.0.7"), 7L, null);
        CountDownLatch done = new CountDownLatch(1);
        try (LeaseJournal journal = LeaseJournal.open(file, List.of(first), tokens -> done.countDown(), e -> { },
                "test-journal")) {
            assertThat(LeaseJournal.read(file).records()).containsExactly(first);
            journal.append(second, null);
            journal.compact(List.of(second));
            journal.append(third, "last");
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(LeaseJournal.read(file).records()).containsExactly(second, third);
        assertThat(dir.resolve("leases.new")).doesNotExist();
    }
}
