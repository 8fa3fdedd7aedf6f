package io.lpmos.engine.cli;

import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.FetchEvent;
import io.lpmos.engine.mirror.FetchWording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code regional-client fetch} prints: one line per status change on stdout (failures on
 * stderr, marked {@code ✗}), and the download's progress — on a terminal one line rewritten in place
 * ({@code \r}), otherwise (a pipe, a log file) a plain line every 10 % or every 5 seconds. Written by
 * one event-bus subscriber, so lines never interleave.
 */
final class FetchOutput {
    static final long PLAIN_PROGRESS_NANOS = 5_000_000_000L;

    private final Writer out;
    private final Writer err;
    private final boolean terminal;
    private int progressWidth;
    private final Map<Long, long[]> plainProgress = new HashMap<>();

    /** @param terminal whether stdout is a terminal that understands {@code \r} */
    FetchOutput(Writer out, Writer err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    void accept(EngineEvent event) {
        if (!(event instanceof FetchEvent fetch)) {
            return;
        }
        try {
            if (fetch instanceof FetchEvent.Downloading downloading) {
                progress(downloading);
                return;
            }
            endProgressLine();
            String line = "[fetch] " + FetchWording.line(fetch);
            Writer target = fetch instanceof FetchEvent.Failed ? err : out;
            target.write(line);
            target.write('\n');
            target.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void progress(FetchEvent.Downloading downloading) throws IOException {
        String line = FetchWording.progress(downloading);
        if (terminal) {
            out.write('\r');
            out.write(line);
            for (int i = line.length(); i < progressWidth; i++) {
                out.write(' ');
            }
            progressWidth = line.length();
            out.flush();
            return;
        }
        long now = System.nanoTime();
        long[] last = plainProgress.computeIfAbsent(downloading.subject().fetchId(), id -> new long[] {-1, now});
        long tenth = downloading.total() > 0 ? downloading.bytes() * 10 / downloading.total() : -1;
        if (tenth != last[0] && tenth >= 0 || now - last[1] >= PLAIN_PROGRESS_NANOS) {
            last[0] = tenth;
            last[1] = now;
            out.write("[fetch] " + line + '\n');
            out.flush();
        }
    }

    private void endProgressLine() throws IOException {
        if (progressWidth > 0) {
            out.write('\n');
            out.flush();
            progressWidth = 0;
        }
    }
}
