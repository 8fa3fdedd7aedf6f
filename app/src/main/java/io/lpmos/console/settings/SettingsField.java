package io.lpmos.console.settings;

/** The engine settings the Settings dialog edits, with the headless client's flag for each. */
public enum SettingsField {
    STATIC_ROOT("Static root", "--static-root", "folder served over HTTP (and TFTP), e.g. ~/tftpboot"),
    HTTP_PORT("HTTP port", "--api-port", "0..65535; 0 picks any free port"),
    IDC("IDC name", "--idc", "this site's name; etcd key /os/region/<name>"),
    ETCD_ENDPOINTS("etcd endpoints", "--etcd", "comma separated, e.g. http://10.0.0.5:2379; empty: no etcd"),
    ALLOW("Allowed clients", "--allow", "CIDRs, comma separated, e.g. 192.168.0.0/16; empty: everyone"),
    RATE_LIMIT("Rate limit", "--rate-limit", "per connection per second, e.g. 10MB; empty: unlimited");

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
