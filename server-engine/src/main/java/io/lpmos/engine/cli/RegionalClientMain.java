package io.lpmos.engine.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/**
 * Entry point of {@code regional-client.jar}. Exit codes: 0 clean stop, 1 start failure, 2 bad flags.
 * Everything is written in UTF-8 whatever the locale (as Gin does): under systemd or in a container
 * the locale is often {@code C}, which would turn {@code ✓}, {@code ✗} and non-ASCII paths into {@code ?}.
 */
public final class RegionalClientMain {
    private RegionalClientMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        var childOptions = JvmRelauncher.childOptions();
        if (childOptions.isPresent()) {
            System.exit(JvmRelauncher.runChild(childOptions.get(), args));
        }
        // libraries that log through java.util.logging (gRPC under the etcd client) go to logback on stderr
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RegionalClientCommand());
        cli.setOut(utf8(FileDescriptor.out));
        cli.setErr(utf8(FileDescriptor.err));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpLongOptionsMaxWidth(28);
        return cli;
    }

    private static PrintWriter utf8(FileDescriptor descriptor) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(descriptor), StandardCharsets.UTF_8), true);
    }
}
