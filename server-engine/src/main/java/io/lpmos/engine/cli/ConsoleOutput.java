package io.lpmos.engine.cli;

import io.lpmos.engine.dhcp.DhcpLogFormat;
import io.lpmos.engine.events.DhcpExchange;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.HttpAccess;
import io.lpmos.engine.events.Notice;
import io.lpmos.engine.events.RegistryEvent;
import io.lpmos.engine.events.TftpTransfer;
import io.lpmos.engine.http.GinLogFormat;
import io.lpmos.engine.tftp.TftpLogFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneId;

/**
 * The headless client's terminal: operator notices, registry lines, the Gin access log and one line per
 * TFTP transfer ({@link TftpLogFormat}) and DHCP exchange ({@link DhcpLogFormat}) on stdout,
 * warnings and errors (errors marked {@code ✗}) on stderr. Written by one event-bus subscriber, so
 * lines never interleave; both writers are flushed whenever the queue runs dry.
 */
final class ConsoleOutput {
    private final Writer out;
    private final Writer err;
    private final GinLogFormat gin = new GinLogFormat(ZoneId.systemDefault());
    private final TftpLogFormat tftp = new TftpLogFormat(ZoneId.systemDefault());
    private final DhcpLogFormat dhcp = new DhcpLogFormat(ZoneId.systemDefault());

    ConsoleOutput(Writer out, Writer err) {
        this.out = out;
        this.err = err;
    }

    void accept(EngineEvent event) {
        if (event instanceof HttpAccess access) {
            writeLine(out, gin.format(access));
        } else if (event instanceof TftpTransfer transfer) {
            writeLine(out, tftp.format(transfer));
        } else if (event instanceof DhcpExchange exchange) {
            writeLine(out, dhcp.format(exchange));
        } else if (event instanceof Notice notice) {
            switch (notice.level()) {
                case INFO -> writeLine(out, notice.text());
                case WARNING -> writeLine(err, notice.text());
                case ERROR -> writeLine(err, "✗ " + notice.text());
            }
        } else if (event instanceof RegistryEvent registry) {
            writeLine(out, registry.message());
        }
    }

    private static void writeLine(Writer writer, String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void flush() {
        try {
            out.flush();
            err.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
