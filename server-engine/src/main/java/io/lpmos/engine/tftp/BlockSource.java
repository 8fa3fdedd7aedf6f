package io.lpmos.engine.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The data of each block of one transfer, read from the file with positional reads (never the whole
 * file in memory), so any block can be produced again for a retransmission. Confined to the
 * transfer's thread.
 */
abstract class BlockSource {
    protected final FileChannel file;
    protected final long size;
    protected final int blockSize;

    BlockSource(FileChannel file, long size, int blockSize) {
        this.file = file;
        this.size = size;
        this.blockSize = blockSize;
    }

    /** Octet blocks, or netascii ones for {@code windowSize} blocks in flight. */
    static BlockSource of(TftpRequest.Mode mode, FileChannel file, long size, int blockSize, int windowSize) {
        return mode == TftpRequest.Mode.NETASCII ? new Netascii(file, size, blockSize, windowSize)
                : new Octet(file, size, blockSize);
    }

    /**
     * Writes the data of {@code block} (1-based) at {@code dst}'s position, at most {@code blockSize}
     * bytes, and returns how many; fewer than {@code blockSize} marks the last block. A block may be
     * asked for again as long as no block after the next unacknowledged window was asked for.
     */
    abstract int read(long block, ByteBuffer dst) throws IOException;

    /** Bytes on the wire for the whole file, or -1 when not known in advance. */
    abstract long wireSize();

    /** Reads exactly the bytes from {@code position} until {@code dst} is full or the file ends. */
    protected final int readFully(ByteBuffer dst, long position) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = file.read(dst, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /**
     * Bytes as they are on disk (RFC 1350 octet mode). Blocks up to {@value #CACHED_BLOCK_LIMIT} bytes
     * are copied out of a {@value #READ_AHEAD} byte read-ahead buffer, so lock-step transfers of small
     * blocks cost one positional read per {@value #READ_AHEAD} bytes, not one per block; larger blocks
     * are read straight into the packet.
     */
    static final class Octet extends BlockSource {
        static final int READ_AHEAD = 64 * 1024;
        static final int CACHED_BLOCK_LIMIT = 8192;

        private final ByteBuffer cache;
        private final ByteBuffer view;
        private long cacheStart;
        private long cacheEnd;

        Octet(FileChannel file, long size, int blockSize) {
            super(file, size, blockSize);
            this.cache = blockSize <= CACHED_BLOCK_LIMIT ? ByteBuffer.allocateDirect(READ_AHEAD) : null;
            this.view = cache == null ? null : cache.duplicate();
        }

        @Override
        int read(long block, ByteBuffer dst) throws IOException {
            long offset = (block - 1) * blockSize;
            if (offset >= size) {
                return 0;
            }
            int length = (int) Math.min(blockSize, size - offset);
            if (cache == null) {
                int start = dst.position();
                int limit = dst.limit();
                dst.limit(start + length);
                int n = readFully(dst, offset);
                dst.limit(limit);
                return n;
            }
            if (offset < cacheStart || offset + length > cacheEnd) {
                cache.clear();
                cacheStart = offset;
                cacheEnd = offset + readFully(cache, offset);
            }
            int from = (int) (offset - cacheStart);
            int available = (int) Math.min(length, cacheEnd - offset);
            if (available <= 0) {
                return 0;
            }
            view.limit(from + available).position(from);
            dst.put(view);
            return available;
        }

        @Override
        long wireSize() {
            return size;
        }
    }

    /**
     * Netascii (RFC 764 as RFC 1350 uses it): LF goes out as CR LF and CR as CR NUL. Where each block
     * starts in the file (and whether it starts with the second byte of such a pair) is remembered for
     * the blocks a retransmission may need again.
     */
    static final class Netascii extends BlockSource {
        private final long[] startOffset;
        private final int[] startPending;
        private final ByteBuffer chunk;

        Netascii(FileChannel file, long size, int blockSize, int windowSize) {
            super(file, size, blockSize);
            int ring = windowSize + 2;
            this.startOffset = new long[ring];
            this.startPending = new int[ring];
            this.chunk = ByteBuffer.allocate(blockSize);
            startOffset[1 % ring] = 0;
            startPending[1 % ring] = -1;
        }

        @Override
        int read(long block, ByteBuffer dst) throws IOException {
            int ring = startOffset.length;
            long offset = startOffset[(int) (block % ring)];
            int pending = startPending[(int) (block % ring)];
            int written = 0;
            while (written < blockSize) {
                if (pending >= 0) {
                    dst.put((byte) pending);
                    pending = -1;
                    written++;
                    continue;
                }
                chunk.clear();
                int n = offset >= size ? 0 : readFully(chunk.limit((int) Math.min(blockSize, size - offset)), offset);
                if (n <= 0) {
                    break;
                }
                int i = 0;
                while (i < n && written < blockSize) {
                    byte b = chunk.get(i++);
                    if (b == '\n') {
                        dst.put((byte) '\r');
                        pending = '\n';
                    } else if (b == '\r') {
                        dst.put((byte) '\r');
                        pending = 0;
                    } else {
                        dst.put(b);
                    }
                    written++;
                    if (pending >= 0 && written < blockSize) {
                        dst.put((byte) pending);
                        pending = -1;
                        written++;
                    }
                }
                offset += i;
            }
            int next = (int) ((block + 1) % ring);
            startOffset[next] = offset;
            startPending[next] = pending;
            return written;
        }

        @Override
        long wireSize() {
            return -1;
        }
    }
}
