package io.lpmos.console.settings;

/** The engine settings the Settings dialog edits, by tab, with the headless client's flag for each. */
public enum SettingsField {
    STATIC_ROOT(SettingsSection.GENERAL, "Static root", "--static-root",
            "the folder served to clients, e.g. /home/you/tftpboot"),
    HTTP_PORT(SettingsSection.GENERAL, "HTTP port", "--api-port", "0..65535 (0: any free port)"),
    IDC(SettingsSection.GENERAL, "IDC name", "--idc", "this site's name, e.g. lab-1"),
    ETCD_ENDPOINTS(SettingsSection.GENERAL, "etcd endpoints", "--etcd", "e.g. http://10.0.0.5:2379 (empty: no etcd)"),
    ALLOW(SettingsSection.GENERAL, "Allowed clients", "--allow", "e.g. 192.168.0.0/16, 10.0.0.0/8 (empty: everyone)"),
    RATE_LIMIT(SettingsSection.GENERAL, "Rate limit", "--rate-limit", "per connection, e.g. 10MB (empty: unlimited)"),
    TFTP_PORT(SettingsSection.TFTP, "TFTP port", "--tftp-port",
            "UDP, 0..65535; 69 needs privileges (0: any free port)"),
    TFTP_MAX_TRANSFERS(SettingsSection.TFTP, "TFTP transfers at once", "--tftp-max-transfers",
            "1..10000; more are refused as busy"),
    TFTP_TIMEOUT(SettingsSection.TFTP, "TFTP timeout (ms)", "--tftp-timeout-ms",
            "retransmission timeout, 10..255000 ms"),
    TFTP_RETRIES(SettingsSection.TFTP, "TFTP retries", "--tftp-retries",
            "retransmissions before a transfer times out, 1..100"),
    TFTP_MAX_BLKSIZE(SettingsSection.TFTP, "TFTP largest block", "--tftp-max-blksize",
            "8..65464 bytes; the link MTU may lower it"),
    TFTP_MAX_WINDOWSIZE(SettingsSection.TFTP, "TFTP largest window", "--tftp-max-windowsize", "1..65535 blocks"),
    DHCP_RANGE(SettingsSection.DHCP, "DHCP range", "--dhcp-range", "e.g. 10.0.0.100-10.0.0.200 (empty: automatic)"),
    DHCP_LEASE(SettingsSection.DHCP, "DHCP lease time", "--dhcp-lease", "e.g. 30m, 1h, 1d"),
    DHCP_ROUTER(SettingsSection.DHCP, "DHCP router", "--dhcp-router", "gateway, e.g. 10.0.0.1 (empty: none)"),
    DHCP_DNS(SettingsSection.DHCP, "DHCP DNS servers", "--dhcp-dns", "e.g. 10.0.0.53 (empty: none)"),
    DHCP_RESERVATIONS(SettingsSection.DHCP, "DHCP reservations", "--dhcp-reservations",
            "file of 'MAC IP [hostname]' lines (empty: none)");

    private final SettingsSection section;
    private final String label;
    private final String flag;
    private final String hint;

    SettingsField(SettingsSection section, String label, String flag, String hint) {
        this.section = section;
        this.label = label;
        this.flag = flag;
        this.hint = hint;
    }

    /** The dialog tab the field is on. */
    public SettingsSection section() {
        return section;
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
