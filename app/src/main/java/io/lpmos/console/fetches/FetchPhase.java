package io.lpmos.console.fetches;

/** What a profile's fetch is doing, as its row says it. */
public enum FetchPhase {
    IDLE("Not fetched"),
    QUEUED("Queued"),
    WAITING("Waiting for another fetch"),
    RANKING("Ranking mirrors"),
    DOWNLOADING("Downloading"),
    VERIFYING("Verifying"),
    UNPACKING("Unpacking"),
    PLACED("In place"),
    FAILED("Failed"),
    CANCELLED("Cancelled");

    private final String label;

    FetchPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether a fetch in this phase is still running (and can be cancelled, not retried). */
    public boolean active() {
        return switch (this) {
            case QUEUED, WAITING, RANKING, DOWNLOADING, VERIFYING, UNPACKING -> true;
            case IDLE, PLACED, FAILED, CANCELLED -> false;
        };
    }
}
