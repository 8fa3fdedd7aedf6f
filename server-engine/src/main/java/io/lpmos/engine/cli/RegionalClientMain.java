package io.lpmos.engine.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point of {@code regional-client.jar}. Exit codes: 0 clean stop, 1 start failure, 2 bad flags. */
public final class RegionalClientMain {
    private RegionalClientMain() {
    }

    public static void main(String[] args) {
        // libraries that log through java.util.logging (gRPC under the etcd client) go to logback on stderr
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RegionalClientCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpLongOptionsMaxWidth(28);
        return cli;
    }
}
