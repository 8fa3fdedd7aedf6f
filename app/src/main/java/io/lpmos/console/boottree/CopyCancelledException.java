package io.lpmos.console.boottree;

import java.io.IOException;

/** A copy stopped because the operator cancelled it; nothing of it is left on disk. */
public final class CopyCancelledException extends IOException {
    public CopyCancelledException(String message) {
        super(message);
    }
}
