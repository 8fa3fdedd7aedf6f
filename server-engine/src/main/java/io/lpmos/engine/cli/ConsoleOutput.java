package io.lpmos.engine.cli;

import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.events.RegistryEvent;
import io.lpmos.engine.http.GinLogFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;

/**
 * The headless client's stdout: operator notices, registry lines and the Gin access log, written by
 * one event-bus subscriber so lines never interleave, flushed whenever the queue runs dry.
 */
final class ConsoleOutput {
    private final Writer out;
    private final GinLogFormat gin = new GinLogFormat(ZoneId.systemDefault());

    ConsoleOutput(Writer out) {
        this.out = out;
    }

    void accept(EngineEvent event) {
        String line = null;
        if (event instanceof HttpAccess access) {
            line = gin.format(access);
        } else if (event instanceof Notice notice) {
            line = notice.text();
        } else if (event instanceof RegistryEvent registry) {
            line = registry.message();
        }
        if (line != null) {
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
