package io.lpmos.engine.tftp;

import org.apache.commons.net.tftp.TFTPErrorPacket;

/** The error codes of RFC 1350 and RFC 2347, as sent in ERROR packets. */
public enum TftpErrorCode {
    NOT_DEFINED(TFTPErrorPacket.UNDEFINED),
    FILE_NOT_FOUND(TFTPErrorPacket.FILE_NOT_FOUND),
    ACCESS_VIOLATION(TFTPErrorPacket.ACCESS_VIOLATION),
    DISK_FULL(TFTPErrorPacket.OUT_OF_SPACE),
    ILLEGAL_OPERATION(TFTPErrorPacket.ILLEGAL_OPERATION),
    UNKNOWN_TRANSFER_ID(TFTPErrorPacket.UNKNOWN_TID),
    FILE_EXISTS(TFTPErrorPacket.FILE_EXISTS),
    NO_SUCH_USER(TFTPErrorPacket.NO_SUCH_USER),
    /** RFC 2347: the option negotiation was refused. */
    OPTION_REFUSED(TFTPErrorPacket.INVALID_OPTIONS_VALUE);

    private final int code;

    TftpErrorCode(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }
}
