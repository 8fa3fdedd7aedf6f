package io.lpmos.console.settings;

/** The engine settings the Settings dialog edits, with the headless client's flag for each. */
public enum SettingsField {
    STATIC_ROOT("Static root", "--static-root", "the folder served to clients, e.g. /home/you/tftpboot"),
    HTTP_PORT("HTTP port", "--api-port", "0..65535 (0: any free port)"),
    IDC("IDC name", "--idc", "this site's name, e.g. lab-1"),
    ETCD_ENDPOINTS("etcd endpoints", "--etcd", "e.g. http://10.0.0.5:2379 (empty: no etcd)"),
    ALLOW("Allowed clients", "--allow", "e.g. 192.168.0.0/16, 10.0.0.0/8 (empty: everyone)"),
    RATE_LIMIT("Rate limit", "--rate-limit", "per connection, e.g. 10MB (empty: unlimited)"),
    DHCP_RANGE("DHCP range", "--dhcp-range", "e.g. 10.0.0.100-10.0.0.200 (empty: automatic)"),
    DHCP_LEASE("DHCP lease time", "--dhcp-lease", "e.g. 30m, 1h, 1d"),
    DHCP_ROUTER("DHCP router", "--dhcp-router", "gateway, e.g. 10.0.0.1 (empty: none)"),
    DHCP_DNS("DHCP DNS servers", "--dhcp-dns", "e.g. 10.0.0.53 (empty: none)"),
    DHCP_RESERVATIONS("DHCP reservations", "--dhcp-reservations", "file of 'MAC IP [hostname]' lines (empty: none)");

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
