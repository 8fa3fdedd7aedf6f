package io.lpmos.console.boottree;

import io.lpmos.console.tasks.BackgroundTasks;
import io.lpmos.engine.net.HttpUrls;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot tree: the static root's folders, listed only when the operator opens them and refreshed
 * when the disk changes under an open folder; copies of dropped files with their progress and
 * SHA-256; and the context actions (HTTP URL, rename, delete, reveal).
 *
 * <p>Confined to the FX thread. Listings, copies, renames, deletes and the file manager run through
 * the injected {@link BackgroundTasks}; questions go to the injected {@link BootTreeDialogs}.
 */
public final class BootTreeViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BootTreeViewModel.class);
    /** The two trees the HTTP service serves, by their folder under the root. */
    private static final Set<String> SERVED_TREES = Set.of("static", "repos");
    private static final Set<String> WILDCARD_ADDRESSES = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    private final Path root;
    private final BackgroundTasks tasks;
    private final BootTreeDialogs dialogs;
    private final BootTreeCopier copier;
    private final FileManager fileManager;
    private final Supplier<String> httpBase;
    private final FolderWatcher watcher;
    private final Map<Path, ObservableList<BootNode>> listings = new HashMap<>();
    private final ObservableList<CopyEntry> copies = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");

    /**
     * @param root         the static root shown by the tree
     * @param httpBase     the HTTP service's base URL as clients reach it, without a trailing slash
     *                     ({@code http://10.0.0.5:8081}), or null while it is not known (port 0 before
     *                     the service has started); read when a URL is copied
     * @param refreshDelay how long changes under an open folder must pause before it is listed again
     *                     (at the latest four times this after the first change)
     */
    public BootTreeViewModel(Path root, BackgroundTasks tasks, BootTreeDialogs dialogs, BootTreeCopier copier,
                             FileManager fileManager, Supplier<String> httpBase, Duration refreshDelay) {
        this.root = root.toAbsolutePath().normalize();
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.copier = copier;
        this.fileManager = fileManager;
        this.httpBase = httpBase;
        FolderWatcher created = null;
        try {
            created = new FolderWatcher(refreshDelay, refreshDelay.multipliedBy(4), this::foldersChanged);
        } catch (IOException e) {
            LOG.warn("no file-system watch service: {}", e.toString());
            showError("the boot tree will not refresh by itself (" + e.getMessage() + "); reopen a folder to refresh it");
        }
        this.watcher = created;
    }

    /** The static root, absolute and normalised. */
    public Path root() {
        return root;
    }

    /**
     * The entries of {@code folder}, a live list: listed in the background on the first call and on
     * every later one (an operator re-opening a folder expects it current), and kept current while the
     * folder is open. Its contents are replaced only when the listing differs.
     */
    public ObservableList<BootNode> open(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        ObservableList<BootNode> listing = listings.computeIfAbsent(key, k -> FXCollections.observableArrayList());
        if (watcher != null) {
            watcher.watch(key);
        }
        refresh(key);
        return listing;
    }

    /** The operator closed {@code folder}: stop watching it. Its last listing is kept for re-opening. */
    public void close(Path folder) {
        if (watcher != null) {
            watcher.unwatch(folder.toAbsolutePath().normalize());
        }
    }

    /** Whether changes in {@code folder} refresh it by themselves. */
    public boolean isWatching(Path folder) {
        return watcher != null && watcher.isWatching(folder);
    }

    /** Lists {@code folder} again in the background if it has been opened; otherwise does nothing. */
    public void refresh(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        if (!listings.containsKey(key)) {
            return;
        }
        list(key, "list " + key);
    }

    /** Lists {@code folder} in the background; may be called from any thread. A vanished folder shows empty. */
    private void list(Path folder, String description) {
        tasks.run(description, () -> BootTreeFiles.list(folder), nodes -> apply(folder, nodes), failure -> {
            if (failure instanceof NoSuchFileException && !folder.equals(root)) {
                apply(folder, List.of());
            } else {
                showError("cannot list " + folder + ": " + describe(failure));
            }
        });
    }

    private void apply(Path folder, List<BootNode> nodes) {
        ObservableList<BootNode> listing = listings.get(folder);
        if (listing != null && !listing.equals(nodes)) {
            listing.setAll(nodes);
        }
    }

    /** Called on the watcher thread: lists the changed folders again, each result applied on the FX thread. */
    private void foldersChanged(Set<Path> folders) {
        for (Path folder : folders) {
            list(folder, "list " + folder + " after a change");
        }
    }

    /**
     * The drop handler: copies {@code sources} (files or folders, recursively) into {@code target},
     * or into its folder when {@code target} is a file, each in the background. A name already in the
     * folder is put to the operator once per entry (replace, keep both, skip). This is what the drag
     * gesture calls. Only checks the dropped names on the calling thread (a few file-status reads).
     *
     * @return the copies started, in order; skipped and refused entries have none
     */
    public List<CopyEntry> drop(Path target, List<Path> sources) {
        Path folder = target.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            folder = folder.getParent();
        }
        if (folder == null || !folder.startsWith(root) || !Files.isDirectory(folder)) {
            showError("drop files onto a folder of the boot tree (" + root + ")");
            return List.of();
        }
        List<CopyEntry> started = new ArrayList<>();
        for (Path source : sources) {
            Path from = source.toAbsolutePath().normalize();
            if (from.getFileName() == null) {
                showError("cannot copy " + from + ": it has no name");
                continue;
            }
            String name = from.getFileName().toString();
            Path existing;
            try {
                existing = BootTreeFiles.child(folder, name);
            } catch (IllegalArgumentException e) {
                showError("not copied: " + e.getMessage());
                continue;
            }
            if (Files.isDirectory(from) && folder.startsWith(from)) {
                showError("not copied: " + name + " cannot be copied into itself");
                continue;
            }
            ClashDecision decision = ClashDecision.KEEP_BOTH;
            if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                decision = dialogs.askClash(existing, Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS));
                if (decision == ClashDecision.SKIP) {
                    showInfo("skipped " + name + ": kept the existing one");
                    continue;
                }
            }
            started.add(startCopy(from, folder, decision));
        }
        return started;
    }

    private CopyEntry startCopy(Path from, Path folder, ClashDecision decision) {
        CopyEntry entry = new CopyEntry(from.getFileName().toString(), folder);
        copies.add(entry);
        tasks.run("copy " + from + " into " + folder, () -> copier.copy(from, folder, decision, entry.progress()),
                result -> {
                    entry.finished(result);
                    refresh(folder);
                    showInfo(result.sha256() != null
                            ? "copied " + result.target().getFileName() + " · sha256 " + result.sha256()
                            : "copied " + result.target().getFileName() + " (" + result.files() + " files)");
                },
                failure -> {
                    entry.failed(failure);
                    refresh(folder);
                    if (!(failure instanceof CopyCancelledException)) {
                        showError("copy of " + entry.name() + " failed: " + describe(failure));
                    }
                });
        return entry;
    }

    /** Reads every running copy's progress; the view calls this a few times a second. */
    public void pollProgress() {
        copies.forEach(CopyEntry::poll);
    }

    /** Removes the copies that have ended from the list. */
    public void clearFinished() {
        copies.removeIf(entry -> entry.stateProperty().get() != CopyEntry.State.RUNNING);
    }

    /** The copies of this session, oldest first. */
    public ObservableList<CopyEntry> copies() {
        return copies;
    }

    /**
     * The URL a client fetches {@code node} from: {@code <base>/static/…} or {@code <base>/repos/…},
     * each path segment percent-encoded, a folder's ending in {@code /}. Empty for anything outside
     * those two trees, which the HTTP service does not serve, and while the port is not known.
     */
    public Optional<String> httpUrl(BootNode node) {
        String base = httpBase.get();
        if (base == null || !isServed(node)) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        Path relative = root.relativize(node.path());
        for (Path segment : relative) {
            path.append('/').append(segment);
        }
        if (node.directory()) {
            path.append('/');
        }
        try {
            return Optional.of(base + new URI(null, null, path.toString(), null).toASCIIString());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code node} is in one of the two trees the HTTP service serves ({@code static/}, {@code repos/}). */
    public boolean isServed(BootNode node) {
        if (!node.path().startsWith(root)) {
            return false;
        }
        Path relative = root.relativize(node.path());
        return relative.getNameCount() > 0 && !relative.toString().isEmpty()
                && SERVED_TREES.contains(relative.getName(0).toString());
    }

    /**
     * The base URL clients reach the HTTP service at: the listen address when the service binds one
     * address, else the chosen interface's IPv4 ({@code chosenIpv4}, may be null), else {@code 127.0.0.1}.
     */
    public static String httpBase(boolean tls, String listenAddress, String chosenIpv4, int port) {
        String host = !WILDCARD_ADDRESSES.contains(listenAddress) ? listenAddress
                : chosenIpv4 != null ? chosenIpv4 : "127.0.0.1";
        return HttpUrls.base(tls, host, port);
    }

    /** Asks for a new name and renames {@code node} in the background; a bad name is refused with why. */
    public void rename(BootNode node) {
        Optional<String> answer = dialogs.askNewName(node.path());
        if (answer.isEmpty() || answer.get().strip().equals(node.name())) {
            return;
        }
        String newName = answer.get().strip();
        try {
            BootTreeFiles.child(node.path().getParent(), newName);
        } catch (IllegalArgumentException e) {
            showError("not renamed: " + e.getMessage());
            return;
        }
        Path parent = node.path().getParent();
        tasks.run("rename " + node.path() + " to " + newName, () -> BootTreeFiles.rename(node.path(), newName),
                renamed -> {
                    refresh(parent);
                    showInfo("renamed " + node.name() + " to " + renamed.getFileName());
                },
                failure -> showError("cannot rename " + node.name() + ": " + describe(failure)));
    }

    /** After the operator confirms, deletes {@code node} (a folder with its contents) in the background. */
    public void delete(BootNode node) {
        if (!dialogs.confirmDelete(node.path(), node.directory())) {
            return;
        }
        Path parent = node.path().getParent();
        tasks.run("delete " + node.path(), () -> {
            BootTreeFiles.deleteRecursively(node.path());
            return node.path();
        }, deleted -> {
            refresh(parent);
            showInfo("deleted " + node.name());
        }, failure -> {
            refresh(parent);
            showError("cannot delete " + node.name() + ": " + describe(failure));
        });
    }

    /** Opens the file manager on a folder itself, or on a file's folder, in the background. */
    public void reveal(BootNode node) {
        Path folder = node.directory() ? node.path() : node.path().getParent();
        tasks.run("open " + folder + " in the file manager", () -> {
            fileManager.open(folder);
            return folder;
        }, opened -> showInfo("opened " + opened + " in the file manager"), failure -> showError(failure.getMessage()));
    }

    /** The last thing the boot tree has to say; see {@link #messageIsErrorProperty()}. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    private void showInfo(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void showError(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    /** A failure in the operator's words: the file-system exception's own message names the path. */
    static String describe(Exception failure) {
        if (failure instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (failure instanceof FileAlreadyExistsException exists && exists.getReason() != null) {
            return exists.getReason();
        }
        if (failure instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist" + (missing.getReason() != null ? " (" + missing.getReason() + ")" : "");
        }
        String text = failure.getMessage();
        return text == null || text.isBlank() ? failure.getClass().getSimpleName() : text;
    }

    /** Stops watching the disk. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
