package io.lpmos.engine.boot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The boot policy of the settings ({@code --dhcp-boot-file}, {@code --ipxe-script}) and the boot tree:
 * a client gets the boot file configured for its architecture, else the first of
 * {@link ClientArch#defaultFiles()} present in the tree (else the first of them, and a start-up warning
 * says it is missing). HTTP-boot clients get the file as an HTTP URL of this server; iPXE clients get
 * the iPXE script's URL, so the iPXE they loaded never loads iPXE again. The tree is looked at on every
 * answer, so a file copied in while the service runs is used at once. Thread-safe.
 */
public final class ConfiguredBootPolicy implements BootPolicy {
    private final Map<ClientArch, String> configured;
    private final String ipxeScript;
    private final Path root;
    private final Supplier<String> httpBase;

    /**
     * @param configured boot file per architecture the operator chose: a path in the boot tree or a URL
     * @param ipxeScript the iPXE script: a path in the boot tree (served over HTTP) or an http(s) URL
     * @param root       the boot tree's root
     * @param httpBase   this server's HTTP base URL now, e.g. {@code http://10.0.0.1:8081}; asked per answer
     *                   because the port is known only once HTTP listens
     */
    public ConfiguredBootPolicy(Map<ClientArch, String> configured, String ipxeScript, Path root,
                                Supplier<String> httpBase) {
        this.configured = configured.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(configured));
        this.ipxeScript = ipxeScript;
        this.root = root.toAbsolutePath().normalize();
        this.httpBase = httpBase;
    }

    @Override
    public Optional<BootAnswer> bootFor(BootClient client) {
        if (client.ipxe()) {
            return Optional.of(new BootAnswer(url(ipxeScript)));
        }
        String file = fileFor(client.arch());
        return Optional.of(new BootAnswer(client.arch().httpBoot() ? url(file) : file));
    }

    private String fileFor(ClientArch arch) {
        String chosen = configured.get(arch);
        if (chosen != null) {
            return chosen;
        }
        for (String candidate : arch.defaultFiles()) {
            if (inTree(candidate)) {
                return candidate;
            }
        }
        return arch.defaultFiles().get(0);
    }

    private boolean inTree(String path) {
        return Files.isRegularFile(root.resolve(path));
    }

    private String url(String file) {
        if (isUrl(file)) {
            return file;
        }
        return httpBase.get() + "/" + file;
    }

    private static boolean isUrl(String file) {
        return file.startsWith("http://") || file.startsWith("https://");
    }

    @Override
    public List<String> startupWarnings() {
        List<String> warnings = new ArrayList<>();
        Map<String, List<ClientArch>> missing = new LinkedHashMap<>();
        for (ClientArch arch : ClientArch.values()) {
            String file = fileFor(arch);
            if (!isUrl(file) && !inTree(file)) {
                missing.computeIfAbsent(file, f -> new ArrayList<>()).add(arch);
            }
        }
        if (!missing.isEmpty()) {
            warnings.add("boot files missing from " + root + ": " + missing.entrySet().stream()
                    .map(entry -> entry.getKey() + " (" + entry.getValue().stream().map(ClientArch::label)
                            .collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining(", "))
                    + " — those clients are told that name and fail to boot; copy the bootloaders there"
                    + " (Debian: /usr/lib/ipxe/ from the ipxe package) or choose others with --dhcp-boot-file");
        }
        if (!isUrl(ipxeScript) && !inTree(ipxeScript)) {
            warnings.add("the iPXE script " + ipxeScript + " is missing from " + root + ": iPXE clients get "
                    + url(ipxeScript) + " and stop with 'not found' — write a script there (#!ipxe, then"
                    + " kernel/initrd/boot lines) or choose another with --ipxe-script");
        }
        return warnings;
    }
}
