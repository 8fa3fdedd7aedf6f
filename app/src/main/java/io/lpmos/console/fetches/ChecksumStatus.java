package io.lpmos.console.fetches;

/** Where a fetch's checksum stands, shown as an icon beside each profile. */
public enum ChecksumStatus {
    /** Nothing checked yet. */
    PENDING("Not checked yet"),
    /** The download (or the file in place) is being hashed and compared. */
    VERIFYING("Verifying"),
    /** The file in place matches the profile's sha256. */
    VERIFIED("Verified"),
    /** A source sent other bytes; nothing of them was kept. */
    MISMATCH("Checksum mismatch"),
    /** Placed without a check (sha256=0, checking off, or no sum in the profile). */
    SKIPPED("Not checked");

    private final String label;

    ChecksumStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
