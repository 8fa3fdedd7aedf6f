package io.lpmos.console.livelog;

import io.lpmos.console.style.StyleClasses;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.events.TftpTransfer;

/** What a live-log line reports, which decides its colour (through its CSS style class). */
public enum LogLineKind {
    INFORMATIONAL(StyleClasses.LOG_1XX),
    SUCCESS(StyleClasses.LOG_2XX),
    REDIRECT(StyleClasses.LOG_3XX),
    CLIENT_ERROR(StyleClasses.LOG_4XX),
    SERVER_ERROR(StyleClasses.LOG_5XX),
    NOTICE_INFO(StyleClasses.LOG_INFO),
    NOTICE_WARNING(StyleClasses.LOG_WARNING),
    NOTICE_ERROR(StyleClasses.LOG_ERROR);

    private final String styleClass;

    LogLineKind(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }

    /** The kind of an HTTP response by its status class; anything outside 100..599 counts as a server error. */
    public static LogLineKind ofStatus(int status) {
        return switch (status / 100) {
            case 1 -> INFORMATIONAL;
            case 2 -> SUCCESS;
            case 3 -> REDIRECT;
            case 4 -> CLIENT_ERROR;
            default -> SERVER_ERROR;
        };
    }

    /**
     * The kind of a TFTP transfer by how it ended: complete in the success colour, a refusal (no such
     * file, access violation, busy) like an HTTP client error, a timeout like a server error, and a
     * client abort (typically UEFI's size probe, error 8) muted as informational.
     */
    public static LogLineKind ofTftp(TftpTransfer.Outcome outcome) {
        return switch (outcome) {
            case COMPLETE -> SUCCESS;
            case ABORTED_BY_CLIENT -> INFORMATIONAL;
            case ERROR -> CLIENT_ERROR;
            case TIMED_OUT -> SERVER_ERROR;
        };
    }

    public static LogLineKind ofNotice(Notice.Level level) {
        return switch (level) {
            case INFO -> NOTICE_INFO;
            case WARNING -> NOTICE_WARNING;
            case ERROR -> NOTICE_ERROR;
        };
    }
}
