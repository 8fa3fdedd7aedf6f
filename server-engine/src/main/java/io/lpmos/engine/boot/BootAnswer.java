package io.lpmos.engine.boot;

/**
 * What a client is told to boot.
 *
 * @param bootFile a path in the boot tree for TFTP ({@code boot/undionly.kpxe}), or an {@code http(s)://}
 *                 URL (HTTP boot, iPXE scripts)
 */
public record BootAnswer(String bootFile) {
    /** True when the file is fetched over HTTP(S) rather than TFTP from the next server. */
    public boolean isUrl() {
        return bootFile.startsWith("http://") || bootFile.startsWith("https://");
    }
}
