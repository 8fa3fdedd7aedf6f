package io.lpmos.engine.http;

import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.files.SafePathResolver;
import org.eclipse.jetty.http.MimeTypes;

/** Pull-through mirrors for /repos (SPEC §3). */
final class PullThrough {
    private PullThrough() {
    }

    static StaticFileHandler.MissingFileHandler forConfig(EngineConfig config, SafePathResolver repoTree,
                                                          MimeTypes mimeTypes, EventBus bus) {
        return null;
    }
}
