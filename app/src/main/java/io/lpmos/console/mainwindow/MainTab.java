package io.lpmos.console.mainwindow;

/** The tabs beside the boot tree, in the order they are shown. */
public enum MainTab {
    LIVE_LOG("Live log"),
    TRANSFERS("Transfers"),
    LEASES("Leases"),
    FETCHES("Fetches");

    private final String title;

    MainTab(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The tab's node id, for tests: {@code tab-live-log}. */
    public String id() {
        return "tab-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
