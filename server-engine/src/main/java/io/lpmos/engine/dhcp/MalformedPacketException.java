package io.lpmos.engine.dhcp;

/**
 * A datagram on a DHCP port that is not a well-formed DHCP message. The server drops it and counts it
 * by {@link #reason()}; it never leaves the packet loop.
 */
public final class MalformedPacketException extends Exception {
    /** What is wrong with a malformed packet; the server counts drops per reason. */
    public enum Reason {
        TRUNCATED("shorter than a DHCP header"),
        BAD_MAGIC("no DHCP magic cookie"),
        BAD_HARDWARE_ADDRESS("hardware address length over 16"),
        OPTION_OVERRUN("an option runs past the end"),
        OPTION_TOO_LONG("an option is implausibly long"),
        BAD_OVERLOAD("option overload misused"),
        NOT_A_REQUEST("not a BOOTREQUEST"),
        NO_MESSAGE_TYPE("no or unknown DHCP message type");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public MalformedPacketException(Reason reason, String detail) {
        super(reason.description() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
