package io.lpmos.engine.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retransmission clock of every transfer of one service run. A transfer waits for its client in a
 * plain blocking receive (one system call per packet, no selector); when its deadline passes, this
 * thread wakes it by sending a one-byte datagram to its socket, which the transfer ignores as a packet
 * but takes as the cue to look at the time. A woken transfer that is still overdue is poked again
 * after {@value #REPOKE_MILLIS} ms, should a poke be lost. The thread sleeps until the earliest
 * deadline (at most {@value #MAX_SLEEP_MILLIS} ms while transfers run, indefinitely while none do).
 * Thread-safe.
 */
final class TransferTimer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransferTimer.class);
    static final long REPOKE_MILLIS = 10;
    static final long MAX_SLEEP_MILLIS = 100;

    /** What the timer needs of a transfer. */
    interface Waiter {
        /** {@link System#nanoTime()} when the transfer must look at the clock; {@link Long#MAX_VALUE}: not waiting. */
        long deadline();

        /** Where to send the poke; null while the transfer has no socket. */
        InetSocketAddress wakeAddress();
    }

    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Waiter, Long> lastPoke = new ConcurrentHashMap<>();
    private final DatagramChannel pokes;
    private final ByteBuffer poke = ByteBuffer.allocateDirect(1);
    private final Thread thread;
    private volatile boolean open = true;

    /** Opens the poking socket on {@code address} and starts the timer thread. */
    TransferTimer(InetAddress address) throws IOException {
        pokes = DatagramChannel.open(StandardProtocolFamily.INET);
        pokes.bind(new InetSocketAddress(address, 0));
        thread = new Thread(this::run, "tftp-timer");
        thread.setDaemon(true);
        thread.start();
    }

    void add(Waiter waiter) {
        waiters.add(waiter);
        LockSupport.unpark(thread);
    }

    void remove(Waiter waiter) {
        waiters.remove(waiter);
        lastPoke.remove(waiter);
    }

    /** Wakes {@code waiter} now (e.g. to stop it); safe from any thread. */
    void wake(Waiter waiter) {
        InetSocketAddress target = waiter.wakeAddress();
        if (target == null) {
            return;
        }
        try {
            synchronized (poke) {
                poke.clear();
                pokes.send(poke, target);
            }
        } catch (IOException e) {
            LOG.debug("cannot wake TFTP transfer at {}", target, e);
        }
    }

    private void run() {
        while (open) {
            long now = System.nanoTime();
            long next = waiters.isEmpty() ? Long.MAX_VALUE : now + TimeUnit.MILLISECONDS.toNanos(MAX_SLEEP_MILLIS);
            for (Waiter waiter : waiters) {
                long deadline = waiter.deadline();
                if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
                    Long last = lastPoke.get(waiter);
                    if (last == null || now - last >= TimeUnit.MILLISECONDS.toNanos(REPOKE_MILLIS)) {
                        lastPoke.put(waiter, now);
                        wake(waiter);
                    }
                    next = Math.min(next, now + TimeUnit.MILLISECONDS.toNanos(REPOKE_MILLIS));
                } else if (deadline != Long.MAX_VALUE) {
                    lastPoke.remove(waiter);
                    next = Math.min(next, deadline);
                }
            }
            if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - now);
            }
        }
    }

    @Override
    public void close() {
        open = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            pokes.close();
        } catch (IOException e) {
            LOG.debug("closing the TFTP timer socket", e);
        }
    }
}
