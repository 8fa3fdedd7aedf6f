package io.lpmos.console.fetches;

/**
 * One source of a fetch as ranked: its URL, its measured speed (or why it was dropped). Immutable.
 *
 * @param rank  1 for the fastest usable source; 0 for one that was dropped
 * @param speed e.g. {@code 5.2 MiB/s}, empty when dropped
 * @param note  why it was dropped, or that it cannot resume; empty otherwise
 */
public record MirrorRow(int rank, String source, String speed, String note) {
}
