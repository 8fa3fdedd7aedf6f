package io.lpmos.engine.events;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a running TFTP transfer has come, published at most every
 * {@value #INTERVAL_MILLIS} ms per transfer and only once a transfer has run that long, so small files
 * never cause one. The transfer's end is a {@link TftpTransfer} with the same {@code id}.
 *
 * @param id       the transfer's number, as in {@link TftpTransfer#id()}
 * @param bytes    data bytes acknowledged so far
 * @param size     the file's size in bytes; -1 when unknown (netascii)
 * @param elapsed  since the request
 */
public record TftpProgress(Instant time, long id, String client, int clientPort, String file, long bytes, long size,
                           Duration elapsed) implements TrafficEvent {
    public static final long INTERVAL_MILLIS = 250;
}
