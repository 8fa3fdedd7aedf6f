package io.lpmos.engine.tftp;

import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.config.TftpConfig;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.events.TftpProgress;
import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.files.SafePathResolver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A real {@link TftpService} on 127.0.0.1 and a free port, serving a test's boot tree through the
 * engine's {@link BootTreeFileSource}, with every event it publishes recorded. {@link #close()} stops it.
 */
final class RunningTftp implements AutoCloseable {
    private final TftpService service;
    private final EventBus.Subscription recorder;
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();

    private RunningTftp(EngineConfig config) {
        EventBus bus = new EventBus();
        recorder = bus.subscribe("tftp-test-recorder", 1_000_000, events::add);
        service = new TftpService(config, bus, new BootTreeFileSource(new SafePathResolver(config.staticRoot())));
    }

    /** Starts a server on 127.0.0.1:0 for {@code root}; {@code tftp} adjusts the enabled defaults. */
    static RunningTftp start(Path root, UnaryOperator<TftpConfig> tftp) throws Exception {
        EngineConfig config = EngineConfig.builder().idc("test").serverIp("127.0.0.1").listenAddress("127.0.0.1")
                .staticRoot(root).tftp(tftp.apply(TftpConfig.DEFAULTS.withEnabled(true).withPort(0))).build();
        RunningTftp running = new RunningTftp(config);
        running.service.start();
        return running;
    }

    static RunningTftp start(Path root) throws Exception {
        return start(root, UnaryOperator.identity());
    }

    TftpService service() {
        return service;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", service.boundPort());
    }

    int port() {
        return service.boundPort();
    }

    List<TftpTransfer> transfers() {
        return events.stream().filter(TftpTransfer.class::isInstance).map(TftpTransfer.class::cast).toList();
    }

    List<TftpProgress> progress() {
        return events.stream().filter(TftpProgress.class::isInstance).map(TftpProgress.class::cast).toList();
    }

    List<EngineEvent> events() {
        return List.copyOf(events);
    }

    /** The first transfer event matching {@code match}, waiting up to {@code seconds} for it. */
    TftpTransfer awaitTransfer(Predicate<TftpTransfer> match, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (TftpTransfer transfer : transfers()) {
                if (match.test(transfer)) {
                    return transfer;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching TFTP transfer event within " + seconds + " s; got " + transfers());
            }
            Thread.sleep(10);
        }
    }

    TftpTransfer awaitTransfer(Predicate<TftpTransfer> match) throws InterruptedException {
        return awaitTransfer(match, 10);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        service.stop();
        recorder.close();
    }
}
