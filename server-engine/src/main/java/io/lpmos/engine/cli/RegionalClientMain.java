package io.lpmos.engine.cli;

import picocli.CommandLine;

/** Entry point of {@code regional-client.jar}. Exit codes: 0 clean stop, 1 start failure, 2 bad flags. */
public final class RegionalClientMain {
    private RegionalClientMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        var childOptions = JvmRelauncher.childOptions();
        if (childOptions.isPresent()) {
            System.exit(JvmRelauncher.runChild(childOptions.get(), args));
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RegionalClientCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpLongOptionsMaxWidth(28);
        return cli;
    }
}
