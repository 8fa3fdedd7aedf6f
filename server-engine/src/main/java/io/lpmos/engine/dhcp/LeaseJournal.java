package io.lpmos.engine.dhcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease journal: an append-only file of {@link LeaseRecord} lines, written ahead of the answers
 * that depend on it (docs/decisions/0015). {@link #append} queues a record with a token (e.g. the ACK
 * to send); a committer thread writes everything queued since its last turn in one write, forces it
 * to disk ({@code fdatasync}) and only then hands the tokens, in order, to {@code onDurable}: an ACK
 * never leaves before its lease is on disk, and one {@code fdatasync} covers a whole group of
 * packets (gathered for up to {@link #GROUP_WINDOW_NANOS} under load). {@link #compact} replaces the file by a snapshot (written aside, forced, renamed over the
 * journal), in order with the appends around it.
 *
 * <p>{@link #append} and {@link #compact} may be called from any thread and never block on the disk;
 * {@code onDurable} and {@code onFailure} run on the committer thread.
 */
final class LeaseJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseJournal.class);
    static final String HEADER = "# LPMOS DHCP lease journal: kind, address, MAC, until (epoch ms), host name, CRC-32C\n";
    /** Longest a group gathers after the previous commit began: 1 ms. */
    static final long GROUP_WINDOW_NANOS = 1_000_000;
    /** A group this large is committed at once. */
    private static final int GROUP_ENOUGH = 512;

    /** What reading a journal found. */
    record Contents(List<LeaseRecord> records, int damagedLines) {
    }

    private final Path file;
    private final Consumer<List<Object>> onDurable;
    private final Consumer<IOException> onFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    /** Records and compaction snapshots in order; a snapshot is a {@code List<LeaseRecord>}. */
    private List<Object> pending = new ArrayList<>();
    private List<Object> pendingTokens = new ArrayList<>();
    private boolean open = true;
    /** The committer waits for work (rather than gathering a group): only then does an append wake it. */
    private boolean idle;
    private long lastCommitNanos;
    private volatile boolean failed;
    private FileChannel channel;
    private final Thread committer;

    private LeaseJournal(Path file, FileChannel channel, Consumer<List<Object>> onDurable,
                         Consumer<IOException> onFailure, String threadName) {
        this.file = file;
        this.channel = channel;
        this.onDurable = onDurable;
        this.onFailure = onFailure;
        this.committer = new Thread(this::commitLoop, threadName);
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /**
     * Reads every intact record; damaged or torn lines (a crash in the middle of a write) are skipped
     * and counted. A missing file is an empty journal.
     */
    static Contents read(Path file) throws IOException {
        List<LeaseRecord> records = new ArrayList<>();
        int damaged = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                LeaseRecord record = LeaseRecord.parse(line);
                if (record == null) {
                    damaged++;
                } else {
                    records.add(record);
                }
            }
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), 0);
        }
        return new Contents(records, damaged);
    }

    /**
     * Starts a journal at {@code file} holding {@code snapshot} (written aside and renamed over whatever
     * was there, so a damaged tail is gone), then appending.
     *
     * @param onDurable receives the tokens of every group once its records are on disk
     * @param onFailure told once when the disk refuses a write; nothing is made durable after that
     */
    static LeaseJournal open(Path file, List<LeaseRecord> snapshot, Consumer<List<Object>> onDurable,
                             Consumer<IOException> onFailure, String threadName) throws IOException {
        writeSnapshot(file, snapshot);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new LeaseJournal(file, channel, onDurable, onFailure, threadName);
    }

    private static void writeSnapshot(Path file, List<LeaseRecord> snapshot) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".new");
        StringBuilder text = new StringBuilder(HEADER.length() + snapshot.size() * 72).append(HEADER);
        for (LeaseRecord record : snapshot) {
            record.appendTo(text);
        }
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** Queues a record; {@code token} (may be null) goes to {@code onDurable} once the record is on disk. */
    void append(LeaseRecord record, Object token) {
        enqueue(record, token);
    }

    /** Queues a compaction: the journal becomes {@code snapshot}, in order with the records around it. */
    void compact(List<LeaseRecord> snapshot) {
        enqueue(snapshot, null);
    }

    private void enqueue(Object item, Object token) {
        lock.lock();
        try {
            if (!open || failed) {
                return;
            }
            pending.add(item);
            pendingTokens.add(token);
            if (idle) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void commitLoop() {
        StringBuilder text = new StringBuilder(64 * 1024);
        while (true) {
            List<Object> items;
            List<Object> tokens;
            lock.lock();
            try {
                while (pending.isEmpty() && open) {
                    idle = true;
                    work.awaitUninterruptibly();
                    idle = false;
                }
                if (pending.isEmpty()) {
                    return;
                }
                gatherGroup();
                items = pending;
                tokens = pendingTokens;
                pending = new ArrayList<>();
                pendingTokens = new ArrayList<>();
            } finally {
                lock.unlock();
            }
            try {
                commit(items, text);
            } catch (IOException e) {
                failed = true;
                LOG.debug("lease journal {} failed", file, e);
                onFailure.accept(e);
                return;
            }
            List<Object> durable = new ArrayList<>(tokens.size());
            for (Object token : tokens) {
                if (token != null) {
                    durable.add(token);
                }
            }
            if (!durable.isEmpty()) {
                onDurable.accept(durable);
            }
        }
    }

    /**
     * Under load, lets the group grow until {@link #GROUP_WINDOW_NANOS} have passed since the last
     * commit began (or the group is large): at thousands of ACKs a second one {@code fdatasync} then
     * covers many, instead of each turn forcing the disk for one or two. An ACK waits at most that long
     * more. Called with the lock held; appends do not wake it (only an idle committer is signalled).
     */
    private void gatherGroup() {
        long deadline = lastCommitNanos + GROUP_WINDOW_NANOS;
        long left = deadline - System.nanoTime();
        while (left > 0 && open && pending.size() < GROUP_ENOUGH) {
            try {
                left = work.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        lastCommitNanos = System.nanoTime();
    }

    @SuppressWarnings("unchecked")
    private void commit(List<Object> items, StringBuilder text) throws IOException {
        text.setLength(0);
        for (Object item : items) {
            if (item instanceof LeaseRecord record) {
                record.appendTo(text);
            } else {
                flush(text);
                channel.close();
                List<LeaseRecord> snapshot = (List<LeaseRecord>) item;
                writeSnapshot(file, snapshot);
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
        }
        flush(text);
    }

    private void flush(StringBuilder text) throws IOException {
        if (text.length() == 0) {
            return;
        }
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        writeFully(channel, ByteBuffer.wrap(bytes));
        channel.force(false);
        text.setLength(0);
    }

    /** Commits what is queued (bounded wait), then closes the file. */
    @Override
    public void close() {
        lock.lock();
        try {
            open = false;
            work.signal();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != committer) {
            try {
                committer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing the lease journal {}: {}", file, e.toString());
        }
    }
}
