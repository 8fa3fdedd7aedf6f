package io.lpmos.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.mirror.TestMirrors;
import io.lpmos.engine.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regional-client fetch} as a real process against local Jetty mirrors: no {@code --idc}
 * needed, exit codes, plain progress lines when stdout is no terminal, the relaunched child JVM, and
 * a download killed half-way that resumes when run again.
 */
class FetchCommandProcessTest {
    private static final int SIZE = 4 * 1024 * 1024;

    @TempDir
    Path tmp;

    private TestMirrors mirrors;
    private final byte[] content = new byte[SIZE];
    private final List<ChildProcess> children = new ArrayList<>();

    @BeforeEach
    void servers() throws Exception {
        new Random(9).nextBytes(content);
        mirrors = new TestMirrors();
        mirrors.put("disc1.iso", content);
    }

    @AfterEach
    void stop() throws Exception {
        for (ChildProcess child : children) {
            child.kill();
        }
        mirrors.close();
    }

    private ChildProcess start(boolean relaunch, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!relaunch) {
            command.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RegionalClientMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS") || name.equals("LPMOS_JAVA_OPTS"));
        env.put("LANG", "C");
        ChildProcess child = new ChildProcess(builder.start());
        child.process.getOutputStream().close();
        children.add(child);
        return child;
    }

    private Path profile(String sites) throws Exception {
        Path file = tmp.resolve("disc1.json");
        Files.writeString(file, "{\"name\": \"disc1\", \"file\": \"disc1.iso\", \"sites\": [" + sites + "],"
                + " \"sha256\": \"" + sha256(content) + "\", \"size\": " + SIZE + "}");
        return file;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void fetchNeedsNoIdcVerifiesPlacesAndExits0ThroughTheRelaunchedJvm() throws Exception {
        mirrors.mirror("a");
        mirrors.mirror("b").throttle(512 * 1024);
        Path profile = profile("\"" + mirrors.base("a") + "\", \"" + mirrors.base("b") + "\"");
        Path root = tmp.resolve("root");

        ChildProcess child = start(true, "fetch", profile.toString(), "--static-root=" + root);

        assertThat(child.awaitExit()).as("stdout=%s stderr=%s", child.out, child.err).isZero();
        assertThat(Files.readAllBytes(root.resolve("static/iso/disc1.iso"))).isEqualTo(content);
        assertThat(child.out).anyMatch(l -> l.startsWith("[fetch] disc1: queued → " + root.resolve("static/iso/disc1.iso")))
                .anyMatch(l -> l.startsWith("[fetch] disc1: measuring 2 sources at once"))
                .anyMatch(l -> l.startsWith("[fetch] disc1: ranked 2 sources in") && l.contains("fastest " + mirrors.base("a")))
                .anyMatch(l -> l.matches("\\[fetch] disc1 +100%  4\\.0 MiB / 4\\.0 MiB  .*/s.*from 127\\.0\\.0\\.1:\\d+"))
                .last().isEqualTo("[fetch] disc1: ✓ verified sha256 " + sha256(content) + " → "
                        + root.resolve("static/iso/disc1.iso"));
        assertThat(child.out).noneMatch(l -> l.contains("\r"));
        assertThat(child.err).isEmpty();
    }

    @Test
    void fetchAllFetchesEveryProfileOfAFolderAndNamesTheUnreadableOne() throws Exception {
        mirrors.mirror("a");
        Path folder = Files.createDirectories(tmp.resolve("profiles"));
        Files.move(profile("\"" + mirrors.base("a") + "\""), folder.resolve("one.json"));
        Files.writeString(folder.resolve("two.yaml"), "name: two\nfile: copy.iso\nupstreamFile: disc1.iso\nsites: [\""
                + mirrors.base("a") + "\"]\nsha256: \"" + sha256(content) + "\"\n");
        Files.writeString(folder.resolve("vm-broken.conf"), "iso_site=\"open\n");
        Path dest = tmp.resolve("mirror");

        ChildProcess child = start(false, "fetch", "--all", folder.toString(), "--jobs=1",
                "--dest=" + dest);

        assertThat(child.awaitExit()).as("stdout=%s stderr=%s", child.out, child.err).isEqualTo(1);
        assertThat(Files.readAllBytes(dest.resolve("disc1.iso"))).isEqualTo(content);
        assertThat(Files.readAllBytes(dest.resolve("copy.iso"))).isEqualTo(content);
        assertThat(child.err).singleElement().asString().startsWith("✗ vm-broken.conf line 1: iso_site opens");
        assertThat(child.out).filteredOn(l -> l.contains("✓ verified sha256")).hasSize(2);
    }

    @Test
    void everySourceFailingExits1NamingEachOutcomeOnStderr() throws Exception {
        mirrors.mirror("bad").corrupt();
        Path profile = profile("\"" + mirrors.base("bad") + "\"");

        ChildProcess child = start(false, "fetch", profile.toString(), "--dest=" + tmp.resolve("out"));

        assertThat(child.awaitExit()).isEqualTo(1);
        assertThat(child.err).first().asString().startsWith("[fetch] disc1: ✗ no source delivered a file matching");
        assertThat(child.err).anyMatch(l -> l.startsWith("    - " + mirrors.base("bad") + ": sent bytes whose sha256 is"));
        assertThat(tmp.resolve("out/disc1.iso")).doesNotExist();
        assertThat(tmp.resolve("out/disc1.iso.part")).doesNotExist();
    }

    @Test
    void badUsageAndUnreadableProfilesExit2() throws Exception {
        ChildProcess none = start(false, "fetch");
        assertThat(none.awaitExit()).isEqualTo(2);
        assertThat(none.err).first().isEqualTo("give one profile file, or --all <dir> for every profile in a folder");
        assertThat(none.err).anyMatch(l -> l.startsWith("Usage: regional-client fetch"));

        ChildProcess order = start(false, "fetch", "x.json", "--order=random");
        assertThat(order.awaitExit()).isEqualTo(2);
        assertThat(order.err).first().asString().contains("order 'random' is not one of: list, own-mirror-second");

        Path broken = tmp.resolve("vm-broken.conf");
        Files.writeString(broken, "iso_site=\"https://a/\niso_img=\"x.iso\"\n");
        ChildProcess unreadable = start(false, "fetch", broken.toString());
        assertThat(unreadable.awaitExit()).isEqualTo(2);
        assertThat(unreadable.err).containsExactly("✗ vm-broken.conf line 1: iso_site opens a double quote that is never"
                + " closed — close it with \"");

        ChildProcess empty = start(false, "fetch", "--all", tmp.resolve("nothing").toString());
        assertThat(empty.awaitExit()).isEqualTo(2);
        assertThat(empty.err).containsExactly("✗ no usable fetch profile (.json, .yaml, vm-*.conf) in " + tmp.resolve("nothing"));
    }

    @Test
    void aDownloadKilledHalfWayResumesWhenRunAgain() throws Exception {
        mirrors.mirror("only").throttle(1024 * 1024);
        Path profile = profile("\"" + mirrors.base("only") + "\"");
        Path dest = tmp.resolve("out");
        Path part = dest.resolve("disc1.iso.part");

        ChildProcess first = start(false, "fetch", profile.toString(), "--dest=" + dest);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(part) && Files.size(part) >= SIZE / 3) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        first.process.destroyForcibly();
        first.process.waitFor(10, TimeUnit.SECONDS);
        long kept = Files.size(part);
        assertThat(kept).isBetween((long) SIZE / 3, (long) SIZE - 1);
        assertThat(dest.resolve("disc1.iso.part.meta")).exists();
        assertThat(dest.resolve("disc1.iso")).doesNotExist();

        ChildProcess second = start(false, "fetch", profile.toString(), "--dest=" + dest);

        assertThat(second.awaitExit()).as("stdout=%s stderr=%s", second.out, second.err).isZero();
        assertThat(Files.readAllBytes(dest.resolve("disc1.iso"))).isEqualTo(content);
        List<TestMirrors.Served> served = mirrors.servedBy("only");
        assertThat(served).hasSize(2);
        assertThat(served.get(1).ranged()).isTrue();
        assertThat(served.get(1).from()).isEqualTo(kept);
        assertThat(served.get(1).sent().get()).isEqualTo(SIZE - kept);
        assertThat(second.out).anyMatch(l -> l.contains("(resumed at "));
    }
}
