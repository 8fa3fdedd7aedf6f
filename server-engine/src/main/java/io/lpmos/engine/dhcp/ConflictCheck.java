package io.lpmos.engine.dhcp;

import java.util.function.Consumer;

/**
 * Asks whether an address is already used by some machine before full mode offers it (RFC 2131 §4.4.1
 * recommends probing). Asynchronous: the answer may take a while, and other clients are served
 * meanwhile. Implementations are thread-safe.
 */
interface ConflictCheck extends AutoCloseable {
    /** What the check found. */
    enum Result {
        /** Something answered at the address: do not offer it. */
        IN_USE,
        /** Nothing answered within the time allowed. */
        FREE,
        /** The check could not run now (too many under way): offer nothing now, the client asks again. */
        BUSY
    }

    /** Checks {@code address}; {@code done} is called exactly once, on any thread. */
    void check(int address, Consumer<Result> done);

    @Override
    void close();
}
