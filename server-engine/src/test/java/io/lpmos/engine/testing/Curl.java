package io.lpmos.engine.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code curl} for integration tests: never through a proxy, never reading a
 * {@code .curlrc}, bounded in time. Tests that need it call {@link #assumeInstalled()} and are skipped
 * where curl is missing.
 */
public final class Curl {
    private static volatile Boolean installed;

    private Curl() {
    }

    public static void assumeInstalled() {
        Boolean known = installed;
        if (known == null) {
            known = ExternalCommand.installed("curl", "--version");
            installed = known;
        }
        Assumptions.assumeTrue(known, "curl is not installed");
    }

    /**
     * Runs {@code curl -q --noproxy '*' --max-time 25 -sS <args>}.
     *
     * @throws IOException when curl cannot be started or does not finish within 30 s
     */
    public static ExternalCommand.Result run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-q", "--noproxy", "*", "--max-time", "25", "-sS"));
        command.addAll(List.of(args));
        return ExternalCommand.run(Duration.ofSeconds(30), command);
    }
}
