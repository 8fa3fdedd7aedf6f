package io.lpmos.console.settings;

/** The tabs of the Settings dialog, in the order they are shown; each {@link SettingsField} is on one. */
public enum SettingsSection {
    GENERAL("General"),
    TFTP("TFTP"),
    DHCP("DHCP");

    private final String title;

    SettingsSection(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The tab's node id, for tests: {@code settings-tab-tftp}. */
    public String id() {
        return "settings-tab-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
