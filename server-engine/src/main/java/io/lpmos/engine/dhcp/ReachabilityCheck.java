package io.lpmos.engine.dhcp;

import io.lpmos.engine.net.Ipv4;
import java.io.IOException;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conflict check full mode runs before offering an address never leased before: an ICMP echo out of
 * the DHCP interface ({@link java.net.InetAddress#isReachable(NetworkInterface, int, int)}; without
 * the privilege for raw ICMP the JDK tries TCP port 7, where a refusal also counts as an answer),
 * then a look at the kernel's ARP table: the echo made the kernel ARP for the address, so a machine
 * that ignores pings but answers ARP is found too. Checks run on a few daemon threads with a bounded
 * queue, so a burst of new clients never piles up threads. Thread-safe.
 */
final class ReachabilityCheck implements ConflictCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ReachabilityCheck.class);
    private static final Path ARP_TABLE = Path.of("/proc/net/arp");
    /** ATF_COM: the kernel has a hardware address for the entry. */
    private static final int ARP_COMPLETE = 0x2;

    private final NetworkInterface nic;
    private final int timeoutMillis;
    private final ThreadPoolExecutor executor;

    ReachabilityCheck(NetworkInterface nic, Duration timeout, int threads, int queued) {
        this.nic = nic;
        this.timeoutMillis = (int) timeout.toMillis();
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
                runnable -> {
                    Thread thread = new Thread(runnable, "dhcp-check-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public void check(int address, Consumer<Result> done) {
        try {
            executor.execute(() -> done.accept(probe(address)));
        } catch (RejectedExecutionException e) {
            done.accept(Result.BUSY);
        }
    }

    private Result probe(int address) {
        try {
            if (Ipv4.toInetAddress(address).isReachable(nic, 0, timeoutMillis)) {
                return Result.IN_USE;
            }
        } catch (IOException e) {
            LOG.debug("echo to {} failed: {}", Ipv4.format(address), e.toString());
        }
        return inArpTable(address, nic.getName()) ? Result.IN_USE : Result.FREE;
    }

    /** True when the kernel holds a resolved hardware address for {@code address} on {@code device}. */
    static boolean inArpTable(int address, String device) {
        List<String> lines;
        try {
            lines = Files.readAllLines(ARP_TABLE, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return false;
        }
        String wanted = Ipv4.format(address);
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6 && fields[0].equals(wanted) && fields[5].equals(device)) {
                try {
                    if ((Integer.decode(fields[2]) & ARP_COMPLETE) != 0) {
                        return true;
                    }
                } catch (NumberFormatException ignored) {
                    // a header or odd line: not an entry
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
