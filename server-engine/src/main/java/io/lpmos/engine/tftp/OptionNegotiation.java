package io.lpmos.engine.tftp;

import io.lpmos.engine.config.TftpConfig;
import io.lpmos.engine.events.TftpTransfer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers a request's options (RFC 2347) within the server's limits: {@code blksize} (RFC 2348),
 * {@code timeout} and {@code tsize} (RFC 2349), {@code windowsize} (RFC 7440). An option with a value
 * outside its range, or one this server does not know, is left out of the OACK, as RFC 2347 asks.
 * {@code tsize} is answered for octet transfers only: a netascii file's size on the wire is not known
 * before it is read to its end (tftpd-hpa does the same). Nor is it answered for an empty file: curl
 * (up to 8.x) rejects {@code tsize=0} in an OACK as invalid and aborts, while leaving the option out
 * is allowed and costs a client nothing.
 *
 * <p>A window never carries more than {@value #WINDOW_BYTES} bytes counted as the receiver's kernel
 * counts them (block plus about {@value #PER_DATAGRAM_OVERHEAD} bytes of buffer overhead), so that a
 * client that does not read while a window arrives still loses nothing: Linux's default UDP receive
 * buffer (212,992 bytes) holds three 64 KiB datagrams and drops the fourth, and a windowed sender that
 * loses the tail of every window waits for a timeout every window (atftpd falls to under 1 MB/s at
 * 65464 × 4). The OACK then names the smaller window, as RFC 7440 allows. Pure functions; thread-safe.
 */
final class OptionNegotiation {
    static final String BLKSIZE = "blksize";
    static final String TIMEOUT = "timeout";
    static final String TSIZE = "tsize";
    static final String WINDOWSIZE = "windowsize";
    /** RFC 1350's block size, used when {@code blksize} is not agreed. */
    static final int DEFAULT_BLOCK_SIZE = 512;
    /** Most bytes of one window, including {@link #PER_DATAGRAM_OVERHEAD} per block. */
    static final int WINDOW_BYTES = 200 * 1024;
    /** What a receiving kernel adds to each datagram's size when it charges its receive buffer (measured: ~830 B). */
    static final int PER_DATAGRAM_OVERHEAD = 1024;

    private OptionNegotiation() {
    }

    /**
     * What was agreed for one transfer.
     *
     * @param blockSize      data bytes per block
     * @param windowSize     blocks per window
     * @param timeoutMillis  the retransmission timeout in effect (the client's when agreed, else the server's)
     * @param agreed         the agreed options as the transfer event reports them
     * @param oack           the OACK's option names → values, in the order sent; empty: no OACK, data starts at once
     */
    record Negotiated(int blockSize, int windowSize, int timeoutMillis, TftpTransfer.Options agreed,
                      Map<String, String> oack) {
        boolean sendsOack() {
            return !oack.isEmpty();
        }
    }

    /**
     * @param requested    the request's options, names in lower case
     * @param blockLimit   the largest block size allowed for this client (server setting and link MTU)
     * @param windowLimit  the largest window allowed
     * @param defaultTimeoutMillis the server's timeout, used when the client asks for none
     */
    static Negotiated negotiate(Map<String, String> requested, TftpRequest.Mode mode, long fileSize, int blockLimit,
                                int windowLimit, int defaultTimeoutMillis) {
        Map<String, String> oack = new LinkedHashMap<>();
        int blockSize = DEFAULT_BLOCK_SIZE;
        long windowRequested = -1;
        int timeout = 0;
        boolean tsize = false;
        for (Map.Entry<String, String> option : requested.entrySet()) {
            long value = number(option.getValue());
            switch (option.getKey()) {
                case BLKSIZE -> {
                    if (value >= TftpConfig.MIN_BLOCK_SIZE) {
                        blockSize = (int) Math.min(value, Math.max(TftpConfig.MIN_BLOCK_SIZE, blockLimit));
                        oack.put(BLKSIZE, Integer.toString(blockSize));
                    }
                }
                case TIMEOUT -> {
                    if (value >= 1 && value <= TftpConfig.MAX_TIMEOUT_SECONDS) {
                        timeout = (int) value;
                        oack.put(TIMEOUT, Integer.toString(timeout));
                    }
                }
                case TSIZE -> {
                    if (value >= 0 && mode == TftpRequest.Mode.OCTET && fileSize > 0) {
                        tsize = true;
                        oack.put(TSIZE, Long.toString(fileSize));
                    }
                }
                case WINDOWSIZE -> {
                    if (value >= 1 && value <= TftpConfig.MAX_WINDOW_SIZE) {
                        windowRequested = value;
                        oack.put(WINDOWSIZE, "");
                    }
                }
                default -> {
                    // unknown options are ignored (RFC 2347)
                }
            }
        }
        int windowSize = 1;
        if (windowRequested > 0) {
            int fits = Math.max(1, WINDOW_BYTES / (blockSize + PER_DATAGRAM_OVERHEAD));
            windowSize = (int) Math.min(windowRequested, Math.min(Math.max(1, windowLimit), fits));
            oack.put(WINDOWSIZE, Integer.toString(windowSize));
        }
        return new Negotiated(blockSize, windowSize, timeout == 0 ? defaultTimeoutMillis : timeout * 1000,
                new TftpTransfer.Options(blockSize, windowSize, timeout, tsize), oack);
    }

    /** A decimal option value, or -1 when it is not one (empty, signs, letters, more than 18 digits). */
    static long number(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
