package io.lpmos.console.settings;

/** The engine settings the Settings dialog edits, with the headless client's flag for each. */
public enum SettingsField {
    STATIC_ROOT("Static root", "--static-root", "the folder served to clients, e.g. /home/you/tftpboot"),
    HTTP_PORT("HTTP port", "--api-port", "0..65535 (0: any free port)"),
    IDC("IDC name", "--idc", "this site's name, e.g. lab-1"),
    ETCD_ENDPOINTS("etcd endpoints", "--etcd", "e.g. http://10.0.0.5:2379 (empty: no etcd)"),
    ALLOW("Allowed clients", "--allow", "e.g. 192.168.0.0/16, 10.0.0.0/8 (empty: everyone)"),
    RATE_LIMIT("Rate limit", "--rate-limit", "per connection, e.g. 10MB (empty: unlimited)"),
    TFTP_PORT("TFTP port", "--tftp-port", "UDP, 0..65535; 69 needs privileges (0: any free port)"),
    TFTP_MAX_TRANSFERS("TFTP transfers at once", "--tftp-max-transfers", "1..10000; more are refused as busy"),
    TFTP_TIMEOUT("TFTP timeout (ms)", "--tftp-timeout-ms", "retransmission timeout, 10..255000 ms"),
    TFTP_RETRIES("TFTP retries", "--tftp-retries", "retransmissions before a transfer times out, 1..100"),
    TFTP_MAX_BLKSIZE("TFTP largest block", "--tftp-max-blksize", "8..65464 bytes; the link MTU may lower it"),
    TFTP_MAX_WINDOWSIZE("TFTP largest window", "--tftp-max-windowsize", "1..65535 blocks");

    private final String label;
    private final String flag;
    private final String hint;

    SettingsField(String label, String flag, String hint) {
        this.label = label;
        this.flag = flag;
        this.hint = hint;
    }

    public String label() {
        return label;
    }

    /** The headless client's flag that takes the same values. */
    public String flag() {
        return flag;
    }

    /** What the field takes, in operator words. */
    public String hint() {
        return hint;
    }
}
