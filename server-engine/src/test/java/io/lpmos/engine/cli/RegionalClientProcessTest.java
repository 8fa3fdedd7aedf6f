package io.lpmos.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lpmos.engine.EngineVersion;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.testing.ChildProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@code regional-client} ({@link RegionalClientMain}) in a child JVM so that exit codes, signals
 * and the bytes on stdout/stderr are the real ones. The child runs with {@code LANG=C}, as under
 * systemd or in a container, and must still print UTF-8. Every wait is bounded.
 */
class RegionalClientProcessTest {
    private static final Pattern LISTENING = Pattern.compile("Regional client API listening on :(\\d+)");

    @TempDir
    Path tmp;

    private final List<ChildProcess> children = new ArrayList<>();

    private ChildProcess start(String... args) throws IOException {
        return startWithout(List.of(), args);
    }

    /**
     * Starts the child without the given capabilities: as root through {@code setpriv --bounding-set},
     * so that it meets the limits an ordinary user meets; as another user it has none of them anyway.
     */
    private ChildProcess startWithout(List<String> capabilities, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (!capabilities.isEmpty() && "root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--bounding-set",
                    String.join(",", capabilities.stream().map(c -> "-" + c).toList())));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                RegionalClientMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
        env.put("LANG", "C");
        ChildProcess child = new ChildProcess(builder.start());
        child.process.getOutputStream().close();
        children.add(child);
        return child;
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (ChildProcess child : children) {
            child.kill();
        }
    }

    @Test
    void missingIdcExitsWithCode2AndUsage() throws Exception {
        ChildProcess child = start();

        assertThat(child.awaitExit()).isEqualTo(2);
        assertThat(child.err).first().isEqualTo("Missing required option: '--idc=<id>'");
        assertThat(child.err).anyMatch(line -> line.startsWith("Usage: regional-client"));
        assertThat(child.out).isEmpty();
    }

    @Test
    void unknownFlagExitsWithCode2() throws Exception {
        ChildProcess child = start("--idc=mailong-test", "--bogus");

        assertThat(child.awaitExit()).isEqualTo(2);
        assertThat(child.err).first().isEqualTo("Unknown option: '--bogus'");
        assertThat(child.err).anyMatch(line -> line.startsWith("Usage: regional-client"));
        assertThat(child.out).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--api-port=abc           | Invalid value for option '--api-port': 'abc' is not an int",
        "--api-port=70000         | API port 70000 is not in 0..65535",
        "--allow=999.1.1.1/40     | Invalid value for option '--allow' (CIDR): '999.1.1.1/40' is not an IP address: 999 > 255",
        "--allow=10.0.0.0/33      | Invalid value for option '--allow' (CIDR): '10.0.0.0/33' is not a network: the prefix must be 0..32",
        "--rate-limit=fast        | Invalid value for option '--rate-limit': 'fast' is not a size such as 10MB, 512KB or 1GB",
        "--tls-cert=/tmp/cert.pem | --tls-cert and --tls-key go together: give both or neither",
        "--etcd-lease-ttl=1       | etcd lease TTL must be at least 2 seconds",
        "--enable-dhcp            | --enable-dhcp needs --interface: DHCP answers on one network interface only, the one the machines boot from, e.g. --interface=eth1",
        "--dhcp-range=10.0.0.5    | Invalid value for option '--dhcp-range': '10.0.0.5' is not an address range such as 10.0.0.100-10.0.0.200",
        "--dhcp-lease=soon        | Invalid value for option '--dhcp-lease': 'soon' is not a lease time such as 30m, 12h or 1d",
        "--dhcp-mode=authoritative | Invalid value for option '--dhcp-mode': DHCP mode 'authoritative' is not one of proxy, full",
        "--dhcp-boot-file=x.efi   | 'x.efi' is not <arch>=<file>, e.g. efi-x64=boot/snponly.efi",
    })
    void badValueExitsWithCode2AndSaysWhatIsWrong(String flag, String message) throws Exception {
        ChildProcess child = start("--idc=mailong-test", flag, "--static-root=" + tmp.resolve("root"));

        assertThat(child.awaitExit()).isEqualTo(2);
        assertThat(child.err).first().isEqualTo(message);
        assertThat(child.err).anyMatch(line -> line.startsWith("Usage: regional-client"));
        assertThat(child.err).noneMatch(line -> line.contains("Exception") || line.contains("java.lang"));
        assertThat(child.out).isEmpty();
        assertThat(tmp.resolve("root")).doesNotExist();
    }

    @Test
    void blankIdcExitsWithCode2() throws Exception {
        ChildProcess child = start("--idc= ");

        assertThat(child.awaitExit()).isEqualTo(2);
        assertThat(child.err).first().isEqualTo("--idc must not be empty");
    }

    @Test
    void helpListsEveryFlagAndExits0() throws Exception {
        ChildProcess child = start("--help");

        assertThat(child.awaitExit()).isZero();
        String help = String.join("\n", child.out);
        assertThat(help).startsWith("Usage: regional-client").contains("--help", "--version");
        for (EngineConfig.Setting setting : EngineConfig.SETTINGS) {
            Pattern optionLine = Pattern.compile(" {2,}(-\\w, )?" + Pattern.quote(setting.flag()) + "([= \\[].*)?");
            assertThat(child.out).as("help describes %s", setting.flag()).anyMatch(line -> optionLine.matcher(line).matches());
        }
        assertThat(help).contains("Exit codes:", "2   bad or missing flag");
        assertThat(child.err).isEmpty();
    }

    @Test
    void versionExits0() throws Exception {
        ChildProcess child = start("--version");

        assertThat(child.awaitExit()).isZero();
        assertThat(child.out).first().isEqualTo("regional-client " + EngineVersion.get() + " (LPMOS Console engine)");
        assertThat(child.err).isEmpty();
    }

    @Test
    void startsServesLogsInGinFormatAndStopsCleanlyOnSigterm() throws Exception {
        Path root = tmp.resolve("boot tree");
        ChildProcess child = start("--idc=mailong-test", "--api-port=0", "--listen-address=127.0.0.1", "--static-root=" + root);

        String listening = child.awaitStdout(line -> LISTENING.matcher(line).matches(), "announcing the port");
        Matcher port = LISTENING.matcher(listening);
        assertThat(port.matches()).isTrue();
        assertThat(List.copyOf(child.out).subList(0, 4)).satisfiesExactly(
                line -> assertThat(line).isEqualTo("Starting LPMOS Regional Client v" + EngineVersion.get() + " for IDC: mailong-test"),
                line -> assertThat(line).matches("Configuration: API Port=0, Server IP=[0-9.]+, Interface=\\(none\\), Static Root="
                        + Pattern.quote(root.toString())),
                line -> assertThat(line).isEqualTo("✓ Static file directories ready: " + root),
                line -> assertThat(line).isEqualTo(listening));
        assertThat(root.resolve("static/kernels")).isDirectory();
        assertThat(root.resolve("README.md")).isRegularFile();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/api/v1/files/static"))
                        .timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        String access = child.awaitStdout(line -> line.startsWith("[GIN] "), "in Gin format");
        Matcher gin = Pattern.compile("\\[GIN] \\d{4}/\\d{2}/\\d{2} - \\d{2}:\\d{2}:\\d{2} \\| 200 \\| (.{13}) \\|"
                + "       127\\.0\\.0\\.1 \\| GET      \"/api/v1/files/static\"").matcher(access);
        assertThat(gin.matches()).as("access line %s", access).isTrue();
        assertThat(gin.group(1)).matches(" *[0-9.]+(ns|µs|ms|s)");

        // SIGTERM. Process.destroy() would send it too, but also closes our ends of stdout/stderr, losing the last lines.
        assertThat(child.process.toHandle().destroy()).isTrue();

        assertThat(child.awaitExit()).isZero();
        assertThat(child.out).endsWith("Stopping LPMOS Regional Client for IDC: mailong-test", "✓ Stopped");
        assertThat(child.err).noneMatch(line -> line.contains("✗") || line.contains("WARN") || line.contains("ERROR"));
    }

    @Test
    void tftpAnnouncesItsAddressAfterTheStaticRootAndLogsEveryTransfer() throws Exception {
        Path root = tmp.resolve("root");
        ChildProcess child = start("--idc=mailong-test", "--api-port=0", "--listen-address=127.0.0.1", "--static-root=" + root,
                "--enable-tftp", "--tftp-port=0");

        child.awaitStdout(line -> LISTENING.matcher(line).matches(), "announcing the port");
        List<String> out = List.copyOf(child.out);
        assertThat(out.get(2)).isEqualTo("✓ Static file directories ready: " + root);
        Matcher tftp = Pattern.compile("✓ TFTP server listening on 127\\.0\\.0\\.1:(\\d+)").matcher(out.get(3));
        assertThat(tftp.matches()).as("line 4: %s", out).isTrue();
        assertThat(out.get(4)).matches(LISTENING.pattern());

        Files.writeString(root.resolve("boot/pxelinux.0"), "pxelinux");
        Path copy = tmp.resolve("pxelinux.0");
        io.lpmos.engine.testing.ExternalCommand.Result fetched;
        try {
            fetched = io.lpmos.engine.testing.ExternalCommand.run(Duration.ofSeconds(30), List.of("tftp", "-m", "binary",
                    "127.0.0.1", tftp.group(1), "-c", "get", "boot/pxelinux.0", copy.toString()));
        } catch (IOException notInstalled) {
            org.junit.jupiter.api.Assumptions.abort("tftp-hpa is not installed");
            return;
        }
        assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();
        assertThat(Files.readString(copy)).isEqualTo("pxelinux");
        String line = child.awaitStdout(l -> l.startsWith("[TFTP] "), "a TFTP transfer line");
        assertThat(line).matches("\\[TFTP] \\d{4}/\\d{2}/\\d{2} - \\d{2}:\\d{2}:\\d{2} \\| complete  \\| +[0-9.]+(ns|µs|ms|s)"
                + " \\|       127\\.0\\.0\\.1 \\|          8 \\| \"boot/pxelinux\\.0\"");

        assertThat(child.process.toHandle().destroy()).isTrue();
        assertThat(child.awaitExit()).isZero();
    }

    @Test
    void privilegedTftpPortWithoutPrivilegesExitsWith1AndOneLineSayingWhatToDo() throws Exception {
        ChildProcess child = startWithout(List.of("net_bind_service"), "--idc=mailong-test", "--api-port=0",
                "--listen-address=127.0.0.1", "--static-root=" + tmp.resolve("root"), "--enable-tftp");

        assertThat(child.awaitExit()).isEqualTo(1);
        assertThat(child.allLines().stream().filter(line -> line.startsWith("✗"))).containsExactly(
                "✗ port 69 needs privileges — run as root, grant cap_net_bind_service (setcap cap_net_bind_service=+ep"
                        + " on the program), or choose a port above 1023 with --tftp-port");
        assertThat(child.allLines()).noneMatch(line -> line.startsWith("Regional client API listening")
                || line.contains("Exception"));
    }

    @Test
    void aFileTheServerMayNotReadIsTftpErrorTwo() throws Exception {
        Path root = tmp.resolve("root");
        ChildProcess child = startWithout(List.of("dac_override", "dac_read_search"), "--idc=mailong-test", "--api-port=0",
                "--listen-address=127.0.0.1", "--static-root=" + root, "--enable-tftp", "--tftp-port=0");
        String announced = child.awaitStdout(line -> line.startsWith("✓ TFTP server listening on"), "TFTP listening");
        Path secret = Files.writeString(root.resolve("boot/locked.efi"), "locked");
        Files.setPosixFilePermissions(secret, java.util.Set.of());
        io.lpmos.engine.testing.ExternalCommand.Result fetched;
        try {
            fetched = io.lpmos.engine.testing.ExternalCommand.run(Duration.ofSeconds(30), List.of("tftp", "-m", "binary",
                    "127.0.0.1", announced.substring(announced.lastIndexOf(':') + 1), "-c", "get", "boot/locked.efi",
                    tmp.resolve("locked.efi").toString()));
        } catch (IOException notInstalled) {
            org.junit.jupiter.api.Assumptions.abort("tftp-hpa is not installed");
            return;
        }

        assertThat(fetched.stdout() + fetched.stderr()).contains("Error code 2: Access violation");
        String line = child.awaitStdout(l -> l.startsWith("[TFTP] "), "a TFTP transfer line");
        assertThat(line).contains("| error 2   |", "\"boot/locked.efi\" — Access violation");
        assertThat(child.process.toHandle().destroy()).isTrue();
        assertThat(child.awaitExit()).isZero();
    }

    @Test
    void portInUseExitsWith1AndOneLineSayingWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ChildProcess child = start("--idc=mailong-test", "--api-port=" + port, "--listen-address=127.0.0.1",
                    "--static-root=" + tmp.resolve("root"));

            assertThat(child.awaitExit()).isEqualTo(1);
            assertThat(child.allLines().stream().filter(line -> line.contains("in use"))).containsExactly(
                    "✗ port " + port + " is in use — stop the program using it or choose another port with --api-port");
            assertThat(child.err).contains(
                    "✗ port " + port + " is in use — stop the program using it or choose another port with --api-port");
            assertThat(child.allLines()).noneMatch(line -> line.startsWith("Regional client API listening")
                    || line.contains("Exception"));
        }
    }

    @Test
    void dhcpOnTheLoopbackInterfaceIsRefusedWithExit1() throws Exception {
        ChildProcess child = start("--idc=mailong-test", "--api-port=0", "--listen-address=127.0.0.1",
                "--static-root=" + tmp.resolve("root"), "--state-dir=" + tmp.resolve("state"), "--enable-dhcp",
                "--interface=lo");

        assertThat(child.awaitExit()).isEqualTo(1);
        assertThat(child.allLines().stream().filter(line -> line.startsWith("✗"))).containsExactly(
                "✗ DHCP cannot serve on the loopback interface lo: no machine boots from it — choose the network"
                        + " interface the machines are plugged into with --interface");
        assertThat(child.allLines()).noneMatch(line -> line.startsWith("Regional client API listening")
                || line.contains("Exception"));
    }

    @Test
    void staticRootThatIsAFileExitsWith1NamingThePath() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        ChildProcess child = start("--idc=mailong-test", "--api-port=0", "--listen-address=127.0.0.1", "--static-root=" + file);

        assertThat(child.awaitExit()).isEqualTo(1);
        assertThat(child.allLines().stream().filter(line -> line.startsWith("✗"))).containsExactly(
                "✗ cannot use " + file + ": it exists but is not a folder — move it away or choose another folder with --static-root");
        assertThat(child.allLines()).noneMatch(line -> line.startsWith("Regional client API listening")
                || line.contains("Exception"));
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
