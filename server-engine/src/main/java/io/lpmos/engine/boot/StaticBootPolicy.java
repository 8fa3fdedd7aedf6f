package io.lpmos.engine.boot;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed answer per architecture and one for iPXE clients, whatever the boot tree holds; for embedding
 * and tests. Immutable and thread-safe.
 */
public final class StaticBootPolicy implements BootPolicy {
    private final Map<ClientArch, String> bootFiles;
    private final String ipxeScriptUrl;

    /**
     * @param bootFiles     boot file per architecture; architectures not named get no boot answer
     * @param ipxeScriptUrl what iPXE clients get; null: they are treated like any other client
     */
    public StaticBootPolicy(Map<ClientArch, String> bootFiles, String ipxeScriptUrl) {
        this.bootFiles = bootFiles.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(bootFiles));
        this.ipxeScriptUrl = ipxeScriptUrl;
    }

    @Override
    public Optional<BootAnswer> bootFor(BootClient client) {
        if (client.ipxe() && ipxeScriptUrl != null) {
            return Optional.of(new BootAnswer(ipxeScriptUrl));
        }
        return Optional.ofNullable(bootFiles.get(client.arch())).map(BootAnswer::new);
    }

    @Override
    public List<String> startupWarnings() {
        return List.of();
    }
}
