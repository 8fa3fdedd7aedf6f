package io.lpmos.console.livelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.ServiceState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class LiveLogViewModelTest {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private static HttpAccess access(int status, String client, String path) {
        return new HttpAccess(NOON, status, Duration.ofNanos(1_234_567), client, "GET", path, 10);
    }

    private static List<EngineEvent> requests(int count, int firstIndex) {
        List<EngineEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(access(200, "10.0.0.1", "/file-" + (firstIndex + i)));
        }
        return events;
    }

    private final LogLineRenderer renderer = new LogLineRenderer(ZoneOffset.UTC);
    private long received;

    /** What the FX adapter does: render on its thread, then hand the lines over with the counts. */
    private void feed(LiveLogViewModel model, List<EngineEvent> events) {
        received += events.size();
        model.onLines(events.stream().map(renderer::render).filter(Objects::nonNull).toList(), received, 0);
    }

    @Test
    void formatsRequestsInGinFormatAndColoursByStatusClass() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, List.of(access(200, "10.0.0.1", "/ok"), access(301, "10.0.0.1", "/moved"),
                access(404, "10.0.0.2", "/missing"), access(503, "10.0.0.3", "/busy"),
                access(101, "10.0.0.3", "/upgrade")));

        assertThat(model.shownLines()).extracting(LogLine::kind).containsExactly(LogLineKind.SUCCESS,
                LogLineKind.REDIRECT, LogLineKind.CLIENT_ERROR, LogLineKind.SERVER_ERROR, LogLineKind.INFORMATIONAL);
        assertThat(model.shownLines().get(0).text())
                .isEqualTo("[GIN] 2026/11/23 - 12:00:00 | 200 |    1.234567ms |        10.0.0.1 | GET      \"/ok\"");
        assertThat(model.shownLines()).extracting(line -> line.kind().styleClass())
                .containsExactly("log-2xx", "log-3xx", "log-4xx", "log-5xx", "log-1xx");
    }

    @Test
    void showsNoticesAndIgnoresStateChanges() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, List.of(
                new Notice(NOON, "http", Notice.Level.ERROR, "port 8081 is in use — choose another port"),
                new ServiceStateChanged(NOON, "http", ServiceState.STOPPED, ServiceState.STARTING, null)));

        assertThat(model.shownLines()).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(LogLineKind.NOTICE_ERROR);
            assertThat(line.text()).isEqualTo(
                    "[LPMOS] 2026/11/23 - 12:00:00 | http | port 8081 is in use — choose another port");
        });
        assertThat(model.receivedProperty().get()).isEqualTo(2);
    }

    @Test
    void showsFetchStatusLinesUnderFetchesButNotTheirProgress() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        FetchEvent.Subject subject = new FetchEvent.Subject(1, "debian", Path.of("/tftpboot/static/iso/debian.iso"));
        URI source = URI.create("http://mirror.lab/debian/debian.iso");
        feed(model, List.of(
                new FetchEvent.Queued(NOON, subject),
                new FetchEvent.Downloading(NOON, subject, source, 10, 100, 5, null, 0),
                new FetchEvent.Mismatch(NOON, subject, source, "a".repeat(64), "b".repeat(64)),
                new FetchEvent.Verified(NOON, subject, source, "c".repeat(64), 100)));

        assertThat(model.shownLines()).extracting(LogLine::kind).containsExactly(LogLineKind.NOTICE_INFO,
                LogLineKind.NOTICE_ERROR, LogLineKind.SUCCESS);
        assertThat(model.shownLines()).allSatisfy(line -> assertThat(line.source()).isEqualTo(LogSource.FETCH));
        assertThat(model.shownLines().get(0).text())
                .isEqualTo("[LPMOS] 2026/11/23 - 12:00:00 | fetch | debian: queued → /tftpboot/static/iso/debian.iso");
        assertThat(model.shownLines().get(2).text()).endsWith("debian: ✓ verified sha256 " + "c".repeat(64)
                + " → /tftpboot/static/iso/debian.iso");
    }

    @Test
    void keepsOnlyTheNewestLinesUpToItsCapacity() {
        LiveLogViewModel model = new LiveLogViewModel(1_000);
        for (int i = 0; i < 25; i++) {
            feed(model, requests(100, i * 100));
        }

        assertThat(model.keptLineCount()).isEqualTo(1_000);
        assertThat(model.evictedProperty().get()).isEqualTo(1_500);
        assertThat(model.shownLines().get(0).text()).endsWith("\"/file-1500\"");
        assertThat(model.shownLines().get(999).text()).endsWith("\"/file-2499\"");
    }

    @Test
    void aBatchLargerThanTheCapacityKeepsItsNewestLines() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, requests(50, 0));
        feed(model, requests(250, 50));

        assertThat(model.keptLineCount()).isEqualTo(100);
        assertThat(model.evictedProperty().get()).isEqualTo(200);
        assertThat(model.shownLines().get(0).text()).endsWith("\"/file-200\"");
    }

    @Test
    void defaultCapacityIsOneHundredThousandLines() {
        LiveLogViewModel model = new LiveLogViewModel(LiveLogViewModel.DEFAULT_CAPACITY);
        for (int i = 0; i < 21; i++) {
            feed(model, requests(5_000, i * 5_000));
        }

        assertThat(model.capacity()).isEqualTo(100_000);
        assertThat(model.keptLineCount()).isEqualTo(100_000);
        assertThat(model.shownLines().get(0).text()).endsWith("\"/file-5000\"");
    }

    @Test
    void filtersCaseInsensitivelyByAnyPartOfTheLine() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, List.of(access(200, "10.0.0.1", "/boot/VMLINUZ"), access(404, "10.0.0.2", "/x"),
                access(200, "10.0.0.3", "/initrd.img")));

        model.filterProperty().set("vmlinuz");
        assertThat(model.shownLines()).extracting(LogLine::text).singleElement().asString().contains("/boot/VMLINUZ");

        model.filterProperty().set(" 404 ");
        assertThat(model.shownLines()).extracting(LogLine::kind).containsExactly(LogLineKind.CLIENT_ERROR);

        model.filterProperty().set("10.0.0.3");
        assertThat(model.shownLines()).extracting(LogLine::text).singleElement().asString().contains("initrd");

        feed(model, List.of(access(200, "10.0.0.3", "/later")));
        assertThat(model.shownLines()).hasSize(2);

        model.filterProperty().set("");
        assertThat(model.shownLines()).hasSize(4);
    }

    @Test
    void pauseHoldsNewLinesAndResumeAppendsThemInOrder() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, requests(3, 0));
        model.pausedProperty().set(true);
        feed(model, requests(4, 3));

        assertThat(model.shownLines()).hasSize(3);
        assertThat(model.heldProperty().get()).isEqualTo(4);

        model.pausedProperty().set(false);
        assertThat(model.shownLines()).extracting(LogLine::text)
                .allSatisfy(text -> assertThat(text).contains("/file-"))
                .last().asString().endsWith("\"/file-6\"");
        assertThat(model.shownLines()).hasSize(7);
        assertThat(model.heldProperty().get()).isZero();
    }

    @Test
    void heldLinesAreCappedToo() {
        LiveLogViewModel model = new LiveLogViewModel(10);
        model.pausedProperty().set(true);
        feed(model, requests(25, 0));

        assertThat(model.heldProperty().get()).isEqualTo(10);
        model.pausedProperty().set(false);
        assertThat(model.shownLines()).hasSize(10);
        assertThat(model.shownLines().get(0).text()).endsWith("\"/file-15\"");
    }

    @Test
    void clearForgetsLinesButKeepsCounts() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        model.onLines(requests(5, 0).stream().map(renderer::render).toList(), 5, 7);
        model.clear();

        assertThat(model.shownLines()).isEmpty();
        assertThat(model.receivedProperty().get()).isEqualTo(5);
        assertThat(model.droppedProperty().get()).isEqualTo(7);
    }

    @Test
    void filterMatchesClientAddressAndStatusCode() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, List.of(access(200, "127.0.0.1", "/a"), access(404, "10.0.0.2", "/b"),
                access(404, "127.0.0.1", "/c")));

        model.filterProperty().set("127.0.0.1");
        assertThat(model.shownLines()).extracting(line -> line.text().substring(line.text().indexOf('"')))
                .containsExactly("\"/a\"", "\"/c\"");

        model.filterProperty().set("404");
        assertThat(model.shownLines()).extracting(line -> line.text().substring(line.text().indexOf('"')))
                .containsExactly("\"/b\"", "\"/c\"");
    }

    @Test
    void copiesTheSelectedShownLinesInLogOrderEachOnceNewlineTerminated() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, List.of(access(200, "10.0.0.1", "/zero"), access(404, "10.0.0.2", "/one"),
                new Notice(NOON, "tftp", Notice.Level.WARNING, "client 10.0.0.3 timed out"),
                access(200, "10.0.0.4", "/three")));

        assertThat(model.textOf(List.of(3, 0, 3))).isEqualTo(
                "[GIN] 2026/11/23 - 12:00:00 | 200 |    1.234567ms |        10.0.0.1 | GET      \"/zero\"\n"
                + "[GIN] 2026/11/23 - 12:00:00 | 200 |    1.234567ms |        10.0.0.4 | GET      \"/three\"\n");
        assertThat(model.textOf(List.of(2)))
                .isEqualTo("[LPMOS] 2026/11/23 - 12:00:00 | tftp | client 10.0.0.3 timed out\n");
        assertThat(model.textOf(List.of())).isEmpty();
        assertThatThrownBy(() -> model.textOf(List.of(4))).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copyingRespectsTheFilter() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, List.of(access(200, "10.0.0.1", "/zero"), access(404, "10.0.0.2", "/one"),
                access(200, "10.0.0.3", "/two"), access(404, "10.0.0.4", "/three")));
        model.filterProperty().set("404");

        String one = model.shownLines().get(0).text();
        String three = model.shownLines().get(1).text();
        assertThat(one).endsWith("\"/one\"");
        assertThat(three).endsWith("\"/three\"");
        assertThat(model.textOf(List.of(1))).isEqualTo(three + "\n");
        assertThat(model.shownText()).isEqualTo(one + "\n" + three + "\n");

        model.filterProperty().set("no such line");
        assertThat(model.shownText()).isEmpty();
        model.filterProperty().set("");
        assertThat(model.shownText().lines()).hasSize(4);
        assertThat(model.shownText()).endsWith("\"/three\"\n");
    }

    @Test
    void theServiceFilterShowsTheLinesOfOneSourceAndCombinesWithTheText() {
        LiveLogViewModel model = new LiveLogViewModel(100);
        feed(model, List.of(access(200, "10.0.0.1", "/static/a"), Notice.info("tftp", "sent boot/ipxe.efi to 10.0.0.1"),
                Notice.warning("engine", "settings file damaged"), access(404, "10.0.0.2", "/static/b")));

        model.sourceFilterProperty().set(LogSource.HTTP);
        assertThat(model.shownLines()).extracting(LogLine::source).containsExactly(LogSource.HTTP, LogSource.HTTP);
        model.filterProperty().set("10.0.0.1");
        assertThat(model.shownLines()).extracting(LogLine::text).singleElement().asString().contains("/static/a");
        model.sourceFilterProperty().set(LogSource.TFTP);
        assertThat(model.shownLines()).extracting(LogLine::text).singleElement().asString()
                .endsWith("| tftp | sent boot/ipxe.efi to 10.0.0.1");
        model.filterProperty().set("");
        model.sourceFilterProperty().set(LogSource.ENGINE);
        assertThat(model.shownLines()).extracting(LogLine::text).singleElement().asString()
                .endsWith("settings file damaged");
        model.sourceFilterProperty().set(null);
        assertThat(model.shownLines()).hasSize(4);
    }
}
