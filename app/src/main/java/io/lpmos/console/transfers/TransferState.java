package io.lpmos.console.transfers;

import io.lpmos.console.style.StyleClasses;
import io.lpmos.engine.events.TftpTransfer;

/** Where a transfer row stands, which decides its outcome colour (through its CSS style class). */
public enum TransferState {
    RUNNING(StyleClasses.TRANSFER_RUNNING),
    COMPLETE(StyleClasses.TRANSFER_COMPLETE),
    /** The client ended it (UEFI's size probe does, with error 8) or a new engine replaced the old. */
    ABORTED(StyleClasses.TRANSFER_ABORTED),
    FAILED(StyleClasses.TRANSFER_FAILED);

    private final String styleClass;

    TransferState(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }

    static TransferState of(TftpTransfer.Outcome outcome) {
        return switch (outcome) {
            case COMPLETE -> COMPLETE;
            case ABORTED_BY_CLIENT -> ABORTED;
            case TIMED_OUT, ERROR -> FAILED;
        };
    }
}
