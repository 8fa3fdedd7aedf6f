package io.lpmos.engine.cli;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a clean stop with exit code 0. A JVM shutdown hook alone would exit
 * 143/130; handling the signals lets {@code main} stop every service (revoking the etcd lease) and
 * then exit 0 as SPEC §9 asks.
 */
final class SignalHandlers {
    private SignalHandlers() {
    }

    static void onTermination(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal: the default handling stays
            }
        }
    }
}
