package io.lpmos.console.style;

/**
 * Every CSS style class the console's Java code sets, by name; the colours behind them live only in
 * {@code console.css} (ARCHITECTURE.md principles 10 and 11).
 */
public final class StyleClasses {
    public static final String MAIN_WINDOW = "main-window";
    public static final String TOOLBAR = "console-toolbar";
    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_MESSAGE = "status-message";
    public static final String STATUS_ERROR = "status-error";

    public static final String SERVICES = "services";
    public static final String SERVICE_BAR = "service-bar";
    public static final String SERVICE_BADGE = "service-badge";
    public static final String BADGE_STOPPED = "badge-stopped";
    public static final String BADGE_STARTING = "badge-starting";
    public static final String BADGE_RUNNING = "badge-running";
    public static final String BADGE_STOPPING = "badge-stopping";
    public static final String BADGE_FAILED = "badge-failed";

    public static final String LIVE_LOG = "live-log";
    public static final String LOG_CONTROLS = "log-controls";
    /** The log's own list view (not the list of a combo box popup inside the live log). */
    public static final String LOG_LIST = "log-list";
    public static final String LOG_LINE = "log-line";
    public static final String LOG_1XX = "log-1xx";
    public static final String LOG_2XX = "log-2xx";
    public static final String LOG_3XX = "log-3xx";
    public static final String LOG_4XX = "log-4xx";
    public static final String LOG_5XX = "log-5xx";
    public static final String LOG_INFO = "log-info";
    public static final String LOG_WARNING = "log-warning";
    public static final String LOG_ERROR = "log-error";
    public static final String LOG_COUNTS = "log-counts";

    public static final String BOOT_TREE = "boot-tree";
    public static final String BOOT_TREE_HEADER = "boot-tree-header";
    public static final String BOOT_TREE_TITLE = "boot-tree-title";
    public static final String BOOT_TREE_FOLDER = "boot-tree-folder";
    public static final String BOOT_TREE_FILE = "boot-tree-file";
    public static final String BOOT_TREE_NUMBER = "boot-tree-number";
    public static final String BOOT_TREE_DROP_TARGET = "drop-target";
    public static final String BOOT_TREE_MESSAGE = "boot-tree-message";
    public static final String BOOT_TREE_ERROR = "boot-tree-error";
    public static final String COPY_LIST = "copy-list";
    public static final String COPY_ROWS = "copy-rows";
    public static final String COPY_ENTRY = "copy-entry";
    public static final String COPY_NAME = "copy-name";
    public static final String COPY_DETAIL = "copy-detail";
    public static final String COPY_DONE = "copy-done";
    public static final String COPY_FAILED = "copy-failed";
    public static final String SETTINGS_DIALOG = "settings-dialog";
    public static final String SETTINGS_FORM = "settings-form";
    public static final String SETTINGS_NOTICE = "settings-notice";
    public static final String FIELD_ERROR = "field-error";
    public static final String ABOUT_DIALOG = "about-dialog";
    public static final String ABOUT_PRODUCT = "about-product";
    public static final String ABOUT_FACT = "about-fact";
    public static final String SERVICE_TOGGLE = "service-toggle";
    public static final String DHCP_CONTROLS = "dhcp-controls";
    public static final String DHCP_PROBE = "dhcp-probe";
    public static final String DHCP_OTHERS_FOUND = "dhcp-others-found";
    public static final String LEASES = "leases";
    public static final String LEASES_SUMMARY = "leases-summary";

    public static final String FETCHES = "fetches";
    public static final String FETCH_MESSAGE = "fetch-message";
    public static final String FETCH_ERROR = "fetch-error";
    public static final String FETCH_DETAIL = "fetch-detail";
    public static final String CHECKSUM_PENDING = "checksum-pending";
    public static final String CHECKSUM_VERIFYING = "checksum-verifying";
    public static final String CHECKSUM_VERIFIED = "checksum-verified";
    public static final String CHECKSUM_MISMATCH = "checksum-mismatch";
    public static final String CHECKSUM_SKIPPED = "checksum-skipped";
    public static final String MIRROR_DROPPED = "mirror-dropped";
    public static final String TRANSFERS = "transfers";
    public static final String TRANSFERS_SUMMARY = "transfers-summary";
    public static final String TRANSFERS_NUMBER = "transfers-number";
    public static final String TRANSFER_RUNNING = "transfer-running";
    public static final String TRANSFER_COMPLETE = "transfer-complete";
    public static final String TRANSFER_ABORTED = "transfer-aborted";
    public static final String TRANSFER_FAILED = "transfer-failed";

    private StyleClasses() {
    }
}
