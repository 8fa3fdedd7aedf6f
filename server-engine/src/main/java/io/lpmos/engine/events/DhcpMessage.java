package io.lpmos.engine.events;

/** The DHCP message types of option 53 (RFC 2132 §9.6), named as the live log shows them. */
public enum DhcpMessage {
    DISCOVER(1),
    OFFER(2),
    REQUEST(3),
    DECLINE(4),
    ACK(5),
    NAK(6),
    RELEASE(7),
    INFORM(8);

    private static final DhcpMessage[] BY_CODE = new DhcpMessage[9];

    static {
        for (DhcpMessage type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    DhcpMessage(int code) {
        this.code = code;
    }

    /** The value of option 53. */
    public int code() {
        return code;
    }

    /** The type of an option 53 value, or null for a value this server does not handle. */
    public static DhcpMessage ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
