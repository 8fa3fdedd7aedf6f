package io.lpmos.engine.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One TFTP request, published once when it ended (never per packet): served completely, abandoned by
 * the client, timed out, or refused / ended by the server with a TFTP error.
 *
 * @param time        when the transfer ended
 * @param id          the transfer's number, unique within one service run; matches {@link TftpProgress#id()}
 * @param client      the client's IP address, e.g. {@code 192.168.246.150}
 * @param clientPort  the client's UDP port (its transfer ID)
 * @param file        the file name as the client asked for it
 * @param mode        {@code octet} or {@code netascii}; {@code -} when the request could not be read
 * @param options     what was agreed in the OACK; {@link Options#NONE} for a plain RFC 1350 transfer
 * @param bytes       data bytes the client acknowledged
 * @param size        the file's size in bytes; -1 when it was not opened
 * @param duration    from the request to the end
 * @param outcome     how it ended
 * @param errorCode   the TFTP error code sent ({@link Outcome#ERROR}) or received ({@link Outcome#ABORTED_BY_CLIENT}); 0 otherwise
 * @param detail      the error message sent or received, or why the transfer ended; empty when complete
 */
public record TftpTransfer(Instant time, long id, String client, int clientPort, String file, String mode,
                           Options options, long bytes, long size, Duration duration, Outcome outcome, int errorCode,
                           String detail) implements EngineEvent {

    public TftpTransfer {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    /** How a transfer ended. */
    public enum Outcome {
        /** The client acknowledged the last block. */
        COMPLETE("complete"),
        /** The client sent an error, e.g. error 8 after asking only for {@code tsize} (UEFI firmware does). */
        ABORTED_BY_CLIENT("aborted"),
        /** The client stopped answering: every retransmission went unacknowledged. */
        TIMED_OUT("timed out"),
        /** The server refused the request or ended the transfer with an error packet. */
        ERROR("error");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** How logs name it: complete, aborted, timed out, error. */
        public String label() {
            return label;
        }
    }

    /**
     * The options the server acknowledged (RFC 2347 OACK).
     *
     * @param blockSize   data bytes per block (512 without {@code blksize})
     * @param windowSize  blocks sent before an acknowledgement is awaited (1 without {@code windowsize})
     * @param timeoutSeconds the agreed {@code timeout}; 0 when the client asked for none
     * @param tsize       whether the file size was sent ({@code tsize})
     */
    public record Options(int blockSize, int windowSize, int timeoutSeconds, boolean tsize) {
        /** A plain RFC 1350 transfer: 512-byte blocks, one at a time. */
        public static final Options NONE = new Options(512, 1, 0, false);

        /** {@code blksize=1468 windowsize=4 timeout=3 tsize} listing only what differs from {@link #NONE}. */
        public String describe() {
            StringBuilder out = new StringBuilder();
            if (blockSize != NONE.blockSize) {
                out.append("blksize=").append(blockSize);
            }
            if (windowSize != NONE.windowSize) {
                out.append(out.isEmpty() ? "" : " ").append("windowsize=").append(windowSize);
            }
            if (timeoutSeconds != 0) {
                out.append(out.isEmpty() ? "" : " ").append("timeout=").append(timeoutSeconds);
            }
            if (tsize) {
                out.append(out.isEmpty() ? "" : " ").append("tsize");
            }
            return out.toString();
        }
    }
}
