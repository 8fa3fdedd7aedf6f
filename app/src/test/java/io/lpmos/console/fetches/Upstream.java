package io.lpmos.console.fetches;

import io.lpmos.engine.Engine;
import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * An official site for console fetch tests: a real regional client (Jetty) on 127.0.0.1 serving
 * {@code <tree>/static/<folder>/<file>}, optionally rate-limited so a fetch takes a while.
 */
final class Upstream implements AutoCloseable {
    private final Engine engine;

    Upstream(Path tree, long rateLimit) throws Exception {
        engine = new Engine(EngineConfig.builder().idc("upstream").listenAddress("127.0.0.1").serverIp("127.0.0.1")
                .apiPort(0).staticRoot(tree).rateLimit(rateLimit).build(), new EventBus());
        engine.prepareBootTree();
        engine.http().start();
    }

    /** Writes {@code size} random bytes to {@code static/<folder>/<name>} and returns their sha256. */
    String put(String folder, String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = engine.config().staticRoot().resolve("static").resolve(folder).resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The base URL of {@code static/<folder>/}, as a profile's site. */
    URI site(String folder) {
        return URI.create("http://127.0.0.1:" + engine.http().boundPort() + "/static/" + folder + "/");
    }

    /** A JSON profile of {@code name} on the given folders' sites. */
    static String profile(String name, String sha256, int size, URI... sites) {
        StringBuilder list = new StringBuilder();
        for (URI site : sites) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(site).append('"');
        }
        return "{\"name\": \"" + name + "\", \"folder\": \"static/iso\", \"file\": \"" + name + ".iso\","
                + " \"upstreamFile\": \"disc1.iso\", \"sites\": [" + list + "], \"sha256\": \"" + sha256 + "\","
                + " \"size\": " + size + "}";
    }

    @Override
    public void close() {
        engine.close();
    }
}
