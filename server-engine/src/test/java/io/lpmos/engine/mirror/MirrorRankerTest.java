package io.lpmos.engine.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ranking many sources at once against local mirrors throttled to known speeds. */
class MirrorRankerTest {
    private static final int SIZE = 8 * 1024 * 1024;
    private static final long PROBE = 2L * 1024 * 1024;
    private static final Duration BUDGET = Duration.ofMillis(2000);

    private TestMirrors mirrors;
    private ScheduledExecutorService timer;
    private MirrorRanker ranker;

    @BeforeEach
    void start() throws Exception {
        mirrors = new TestMirrors();
        mirrors.put("big.iso", FetchFixture.randomBytes(SIZE, 3));
        timer = Executors.newSingleThreadScheduledExecutor();
        ranker = new MirrorRanker(HttpClient.newHttpClient(), timer, PROBE);
    }

    @AfterEach
    void stop() throws Exception {
        timer.shutdownNow();
        mirrors.close();
    }

    @Test
    void seventeenThrottledMirrorsAreRankedFastestFirstWithinThreeSeconds() {
        List<String> names = new ArrayList<>();
        Map<String, Long> speeds = new LinkedHashMap<>();
        for (int i = 0; i < 17; i++) {
            String name = "m" + i;
            long speed = (long) (200 * 1024 * Math.pow(1.25, i));
            mirrors.mirror(name).throttle(speed);
            names.add(name);
            speeds.put(name, speed);
        }
        Collections.shuffle(names, new Random(5));
        Map<URI, URI> urls = new LinkedHashMap<>();
        for (String name : names) {
            urls.put(mirrors.base(name), URI.create(mirrors.base(name) + "big.iso"));
        }
        List<MirrorRanker.Measurement> told = new CopyOnWriteArrayList<>();

        long start = System.nanoTime();
        List<MirrorRanker.Measurement> ranked = ranker.rank(urls, SIZE, BUDGET, told::add);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(3));
        List<URI> expected = speeds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> mirrors.base(e.getKey())).toList();
        assertThat(ranked).extracting(m -> m.base()).containsExactlyElementsOf(expected);
        assertThat(told).hasSize(17);
        for (MirrorRanker.Measurement measurement : ranked) {
            long throttle = speeds.get(measurement.base().getPath().replace("/", ""));
            assertThat(measurement.speed().usable()).isTrue();
            assertThat(measurement.speed().rangeSupported()).isTrue();
            assertThat(measurement.length()).isEqualTo(SIZE);
            assertThat((double) measurement.speed().bytesPerSecond()).isBetween(throttle * 0.5, throttle * 1.15);
        }
    }

    @Test
    void aServerThatIgnoresRangeIsKeptAfterTheOnesThatHonourItAndAWrongSizeIsDropped() {
        mirrors.mirror("plain").ignoringRange();
        mirrors.mirror("slow").throttle(256 * 1024);
        Map<URI, URI> urls = new LinkedHashMap<>();
        urls.put(mirrors.base("plain"), URI.create(mirrors.base("plain") + "big.iso"));
        urls.put(mirrors.base("slow"), URI.create(mirrors.base("slow") + "big.iso"));
        mirrors.put("other.iso", new byte[1000]);
        urls.put(mirrors.base("other"), URI.create(mirrors.base("other") + "other.iso"));

        List<MirrorRanker.Measurement> ranked = ranker.rank(urls, SIZE, BUDGET, m -> { });

        assertThat(ranked).extracting(MirrorRanker.Measurement::base)
                .containsExactly(mirrors.base("slow"), mirrors.base("plain"), mirrors.base("other"));
        assertThat(ranked.get(1).speed().rangeSupported()).isFalse();
        assertThat(ranked.get(1).speed().usable()).isTrue();
        assertThat(ranked.get(2).speed().problem()).isEqualTo("has 1000 bytes, the profile expects " + SIZE);
    }
}
