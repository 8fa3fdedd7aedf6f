package io.lpmos.console.transfers;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/** The transfers of one client so far: how many, how many completed or failed, bytes served. FX thread only. */
public final class ClientTransfers {
    private final String client;
    private final ReadOnlyIntegerWrapper transfers = new ReadOnlyIntegerWrapper(this, "transfers");
    private final ReadOnlyIntegerWrapper complete = new ReadOnlyIntegerWrapper(this, "complete");
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper(this, "failed");
    private final ReadOnlyLongWrapper bytes = new ReadOnlyLongWrapper(this, "bytes");

    ClientTransfers(String client) {
        this.client = client;
    }

    void count(TransferState state, long served) {
        transfers.set(transfers.get() + 1);
        if (state == TransferState.COMPLETE) {
            complete.set(complete.get() + 1);
        } else if (state == TransferState.FAILED) {
            failed.set(failed.get() + 1);
        }
        bytes.set(bytes.get() + served);
    }

    public String client() {
        return client;
    }

    public ReadOnlyIntegerProperty transfersProperty() {
        return transfers.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty completeProperty() {
        return complete.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty bytesProperty() {
        return bytes.getReadOnlyProperty();
    }
}
