package io.lpmos.engine.cli;

import io.lpmos.engine.Engine;
import io.lpmos.engine.EngineVersion;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.net.ByteSize;
import io.lpmos.engine.net.Cidr;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regional-client}: the headless engine (SPEC §9). A thin layer over {@link Engine}: parse
 * flags into an {@link EngineConfig}, start, print, wait for SIGTERM/SIGINT, stop. Its subcommand
 * {@code fetch} ({@link FetchCommand}) fetches files into the boot tree instead of serving it.
 */
@Command(name = "regional-client", mixinStandardHelpOptions = true, versionProvider = RegionalClientCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, subcommands = FetchCommand.class,
        customSynopsis = {"@|bold regional-client|@ --idc=<id> [OPTIONS]",
                "       @|bold regional-client fetch|@ <profile|vm-*.conf> [OPTIONS] | --all <dir>"},
        description = "LPMOS regional client: serves the boot tree over HTTP and registers this site in etcd.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly (SIGTERM/SIGINT)", "1:could not start (port in use, unusable root, ...)",
                "2:bad or missing flag"})
public final class RegionalClientCommand implements Callable<Integer> {

    /** Shown when the serve command runs without {@code --idc}, as picocli words a missing required option. */
    static final String MISSING_IDC = "Missing required option: '--idc=<id>'";

    /**
     * Required to serve, checked in {@link #call()} rather than by picocli: picocli would also demand it
     * before the {@code fetch} subcommand, which needs no site name.
     */
    @Option(names = "--idc", paramLabel = "<id>", description = "Name of this site (IDC/region); etcd key /os/region/<id>. Required to serve.")
    String idc;

    @Option(names = "--server-ip", paramLabel = "IP",
            description = "Address announced to clients and etcd. Default: IPv4 of --interface, else the first non-loopback IPv4.")
    String serverIp;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "" + EngineConfig.DEFAULT_API_PORT,
            description = "HTTP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int apiPort;

    @Option(names = "--listen-address", paramLabel = "IP", defaultValue = EngineConfig.DEFAULT_LISTEN_ADDRESS,
            description = "Address the HTTP API binds to. Default: ${DEFAULT-VALUE} (all).")
    String listenAddress;

    @Option(names = "--static-root", paramLabel = "DIR", defaultValue = EngineConfig.DEFAULT_STATIC_ROOT,
            description = "Boot tree root; missing folders are created. Default: ${DEFAULT-VALUE}.")
    Path staticRoot;

    @Option(names = "--interface", paramLabel = "NAME", description = "Network interface for PXE services and the server IP, e.g. eth1.")
    String interfaceName;

    @Option(names = "--etcd", paramLabel = "URL", split = ",",
            description = "etcd endpoints, comma separated (http://host:2379). Without it there is no etcd traffic.")
    List<URI> etcd = new ArrayList<>();

    @Option(names = "--etcd-lease-ttl", paramLabel = "SECONDS", defaultValue = "" + EngineConfig.DEFAULT_ETCD_LEASE_TTL_SECONDS,
            description = "Time to live of the registration lease. Default: ${DEFAULT-VALUE}.")
    long etcdLeaseTtl;

    @Option(names = "--allow", paramLabel = "CIDR", split = ",", converter = CidrConverter.class,
            description = "Only these client networks may use HTTP, e.g. 192.168.0.0/16,10.0.0.0/8. Default: everyone.")
    List<Cidr> allow = new ArrayList<>();

    @Option(names = "--rate-limit", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Per-connection bandwidth for file downloads, e.g. 10MB (per second). Default: unlimited.")
    long rateLimit;

    @Option(names = "--gzip", description = "Compress JSON, HTML and text responses for clients that accept gzip.")
    boolean gzip;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this PEM certificate (chain); needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Unencrypted PEM private key (PKCS#8, PKCS#1 RSA or SEC 1 EC) for --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-self-signed", description = "Serve HTTPS with a certificate generated at start; its SHA-256 fingerprint is printed.")
    boolean tlsSelfSigned;

    @Option(names = "--repos-upstream", paramLabel = "DISTRO=URL",
            description = "Pull-through mirror: files missing under /repos/<distro>/ are fetched from URL and kept. Repeatable.")
    Map<String, URI> reposUpstreams = new LinkedHashMap<>();

    @CommandLine.Mixin
    TftpOptions tftp = new TftpOptions();

    @CommandLine.Mixin
    DhcpOptions dhcp = new DhcpOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopRequested = new CountDownLatch(1);

    EngineConfig toConfig() {
        if (idc == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), MISSING_IDC);
        }
        try {
            return EngineConfig.builder()
                    .idc(idc).serverIp(serverIp).listenAddress(listenAddress).apiPort(apiPort).staticRoot(staticRoot)
                    .interfaceName(interfaceName).etcdEndpoints(etcd).etcdLeaseTtl(Duration.ofSeconds(etcdLeaseTtl))
                    .allow(allow).rateLimit(rateLimit).gzip(gzip).tls(tlsCert, tlsKey).tlsSelfSigned(tlsSelfSigned)
                    .reposUpstreams(reposUpstreams).tftp(tftp.toConfig()).dhcp(dhcp.toConfig())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws IOException {
        EngineConfig config = toConfig();
        EventBus bus = new EventBus();
        PrintWriter err = spec.commandLine().getErr();
        ConsoleOutput console = new ConsoleOutput(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 64 * 1024), err);
        EventBus.Subscription printer = bus.subscribe("terminal", 65_536, console::accept, console::flush);
        Engine engine;
        try {
            engine = new Engine(config, bus);
        } catch (IllegalArgumentException e) {
            printer.close();
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        bus.publish(Notice.info(Engine.SOURCE, "Starting LPMOS Regional Client v" + EngineVersion.get() + " for IDC: " + idc));
        bus.publish(Notice.info(Engine.SOURCE, String.format(Locale.ROOT,
                "Configuration: API Port=%d, Server IP=%s, Interface=%s, Static Root=%s",
                config.apiPort(), engine.serverIp(), config.interfaceName() == null ? "(none)" : config.interfaceName(),
                config.staticRoot())));
        org.slf4j.LoggerFactory.getLogger(RegionalClientCommand.class).info("settings: {}", String.join(", ", config.describe()));
        Map<Service, ServiceException> failures;
        try {
            failures = engine.startAll();
        } catch (IOException e) {
            printer.close();
            err.println("✗ " + e.getMessage());
            err.flush();
            return 1;
        }
        if (!failures.isEmpty()) {
            engine.stopAll();
            printer.close();
            return 1;
        }
        bus.publish(Notice.info(Engine.SOURCE, "Regional client API listening on :" + engine.http().boundPort()));
        SignalHandlers.onTermination(stopRequested::countDown);
        JvmRelauncher.watchParent(stopRequested::countDown);
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bus.publish(Notice.info(Engine.SOURCE, "Stopping LPMOS Regional Client for IDC: " + idc));
        engine.stopAll();
        bus.publish(Notice.info(Engine.SOURCE, "✓ Stopped"));
        printer.close();
        return 0;
    }

    /** Stops the waiting {@link #call()} as SIGTERM would; for tests and embedding. */
    void requestStop() {
        stopRequested.countDown();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"regional-client " + EngineVersion.get() + " (LPMOS Console engine)",
                    "Java " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name")};
        }
    }

    /** Reports a bad CIDR in operator words, without picocli's "cannot convert ... (java.lang...)" wrapping. */
    static final class CidrConverter implements CommandLine.ITypeConverter<Cidr> {
        @Override
        public Cidr convert(String value) {
            return Conversions.converted(value, Cidr::parse);
        }
    }

    /** Reports a bad size in operator words, without picocli's "cannot convert ... (java.lang...)" wrapping. */
    static final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Conversions.converted(value, ByteSize::parse);
        }
    }
}
