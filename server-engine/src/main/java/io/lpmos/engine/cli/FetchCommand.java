package io.lpmos.engine.cli;

import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.events.EventBus;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.mirror.FetchHandle;
import io.lpmos.engine.mirror.FetchProfiles;
import io.lpmos.engine.mirror.FetchRequest;
import io.lpmos.engine.mirror.FetchService;
import io.lpmos.engine.mirror.FetchTuning;
import io.lpmos.engine.mirror.OrderPolicy;
import io.lpmos.engine.mirror.ProfileException;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code regional-client fetch}: fetches one profile's file, or every profile of a folder
 * ({@code --all}), into the boot tree with the engine's {@link FetchService} (SPEC §7). Needs no
 * {@code --idc} and starts no server. SIGTERM/SIGINT cancel the downloads; their {@code .part} files
 * stay, and running the same fetch again resumes them.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = RegionalClientCommand.Version.class,
        description = "Fetches files into the boot tree from their official sites and mirrors, verified against"
                + " the profile's sha256: mirrors are ranked by a short timed download, the file is downloaded to"
                + " <name>.part (resumed after an interruption) and renamed into place only once it matches.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file verified (or placed with checking skipped)",
                "1:a fetch failed (each source's outcome is printed) or was interrupted",
                "2:bad usage or a profile that cannot be read"})
final class FetchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<profile|vm-*.conf>",
            description = "A fetch profile (.json, .yaml) or a CBSD vm-*.conf file (read, never run).")
    Path profile;

    @Option(names = "--all", paramLabel = "DIR", description = "Fetch every profile in DIR (mirror building).")
    Path all;

    @Option(names = "--static-root", paramLabel = "DIR", defaultValue = EngineConfig.DEFAULT_STATIC_ROOT,
            description = "Boot tree root the profile's folder is under. Default: ${DEFAULT-VALUE}.")
    Path staticRoot;

    @Option(names = "--dest", paramLabel = "DIR", description = "Put the file in DIR instead of the profile's folder.")
    Path dest;

    @Option(names = "--keepname", description = "Keep the upstream file name (to build a mirror), not the profile's.")
    boolean keepName;

    @Option(names = "--gen-sha256", description = "Fetch from the official sites only and write the sum into a"
            + " copy of the profile (<profile>.sha256.json beside it).")
    boolean genSha256;

    @Option(names = "--skip-checksum", description = "Do not verify (as sha256=0 in the profile).")
    boolean skipChecksum;

    @Option(names = "--order", paramLabel = "list|own-mirror-second", defaultValue = "list",
            converter = OrderConverter.class,
            description = "Source tried after the fastest fails: the rest in profile order, or the project's own"
                    + " mirrors first. Default: ${DEFAULT-VALUE}.")
    OrderPolicy order;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2",
            description = "Fetches that download at once with --all. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        checkUsage();
        PrintWriter err = spec.commandLine().getErr();
        List<FetchProfiles.Loaded> profiles = new ArrayList<>();
        int unreadable = 0;
        if (all != null) {
            FetchProfiles.Listing listing = FetchProfiles.list(all);
            for (FetchProfiles.Problem problem : listing.problems()) {
                err.println("✗ " + problem.message());
            }
            unreadable = listing.problems().size();
            profiles.addAll(listing.profiles());
            if (profiles.isEmpty()) {
                err.println("✗ no usable fetch profile (.json, .yaml, vm-*.conf) in " + all);
                err.flush();
                return 2;
            }
        } else {
            try {
                profiles.add(FetchProfiles.load(profile));
            } catch (ProfileException e) {
                err.println("✗ " + e.getMessage());
                err.flush();
                return 2;
            }
        }
        EventBus bus = new EventBus();
        Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        FetchOutput output = new FetchOutput(out, err, System.console() != null);
        EventBus.Subscription printer = bus.subscribe("terminal", 65_536, output::accept);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fetch");
            thread.setDaemon(true);
            return thread;
        });
        FetchService service = new FetchService(bus, executor, FetchTuning.DEFAULTS.withMaxConcurrent(jobs));
        try {
            service.start();
        } catch (ServiceException e) {
            err.println("✗ " + e.getMessage());
            printer.close();
            return 1;
        }
        List<FetchHandle> handles = new ArrayList<>();
        for (FetchProfiles.Loaded loaded : profiles) {
            for (String note : loaded.profile().notes()) {
                out.write("[fetch] " + loaded.profile().name() + ": note: " + note + "\n");
            }
        }
        out.flush();
        for (FetchProfiles.Loaded loaded : profiles) {
            handles.add(service.submit(new FetchRequest(loaded.profile(), staticRoot, dest, keepName, genSha256,
                    skipChecksum, order, genSha256 ? FetchRequest.generatedProfileFor(loaded.file()) : null)));
        }
        Runnable cancelAll = () -> handles.forEach(FetchHandle::cancel);
        SignalHandlers.onTermination(cancelAll);
        JvmRelauncher.watchParent(cancelAll);
        boolean allPlaced = unreadable == 0;
        for (FetchHandle handle : handles) {
            try {
                allPlaced &= FetchHandle.succeeded(handle.result().get());
            } catch (ExecutionException e) {
                allPlaced = false;
            }
        }
        service.stop();
        printer.close();
        executor.shutdownNow();
        return allPlaced ? 0 : 1;
    }

    private void checkUsage() {
        if ((profile == null) == (all == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give one profile file, or --all <dir> for every profile in a folder");
        }
        if (genSha256 && skipChecksum) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--gen-sha256 records the sum and --skip-checksum ignores it: choose one");
        }
        if (jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
    }

    /** Reports a bad order in operator words, without picocli's "cannot convert ..." wrapping. */
    static final class OrderConverter implements CommandLine.ITypeConverter<OrderPolicy> {
        @Override
        public OrderPolicy convert(String value) {
            try {
                return OrderPolicy.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
