package io.lpmos.console.livelog;

import java.util.Locale;

/** Which part of the engine a live-log line comes from; the live log filters by it. */
public enum LogSource {
    HTTP("HTTP"),
    TFTP("TFTP"),
    DHCP("DHCP"),
    FETCH("Fetches"),
    ENGINE("Engine");

    private final String label;

    LogSource(String label) {
        this.label = label;
    }

    /** How the service filter names it. */
    public String label() {
        return label;
    }

    /**
     * The source of an event reported under an engine service's name ({@code "http"}, {@code "tftp"},
     * ...); anything that is not one of the PXE services or fetches counts as the engine's.
     */
    public static LogSource ofService(String serviceName) {
        if (serviceName == null) {
            return ENGINE;
        }
        return switch (serviceName.toLowerCase(Locale.ROOT)) {
            case "http" -> HTTP;
            case "tftp" -> TFTP;
            case "dhcp" -> DHCP;
            case "fetch" -> FETCH;
            default -> ENGINE;
        };
    }
}
