package io.lpmos.console.statusbar;

import io.lpmos.console.nic.NetworkInterfaceChoice;
import io.lpmos.console.tasks.BackgroundTasks;
import io.lpmos.engine.Engine;
import io.lpmos.engine.events.EngineEvent;
import io.lpmos.engine.events.ServiceStateChanged;
import io.lpmos.engine.lifecycle.ServiceState;
import io.lpmos.engine.net.ByteSize;
import io.lpmos.engine.net.HttpUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The status bar: where the HTTP service can be reached (using the picked interface's address when
 * it listens on every address), the boot tree's root and the free space under it. Confined to the FX
 * thread; the disk is read through the injected {@link BackgroundTasks}.
 */
public final class StatusBarViewModel {
    private static final Set<String> WILDCARD_ADDRESSES = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

    private final Engine engine;
    private final BackgroundTasks tasks;
    private final Path root;
    private final ObjectProperty<NetworkInterfaceChoice> chosenInterface =
            new SimpleObjectProperty<>(this, "chosenInterface");
    private final ReadOnlyStringWrapper httpUrl = new ReadOnlyStringWrapper(this, "httpUrl");
    private final ReadOnlyStringWrapper rootPath = new ReadOnlyStringWrapper(this, "rootPath");
    private final ReadOnlyStringWrapper freeSpace = new ReadOnlyStringWrapper(this, "freeSpace", "free space: …");
    private ServiceState httpState;

    public StatusBarViewModel(Engine engine, BackgroundTasks tasks) {
        this.engine = engine;
        this.tasks = tasks;
        this.root = engine.config().staticRoot().toAbsolutePath().normalize();
        this.httpState = engine.http().state();
        rootPath.set("Root: " + root);
        chosenInterface.addListener((observable, before, now) -> updateUrl());
        updateUrl();
    }

    /** Follows the HTTP service's state changes in one batch of engine events; called on the FX thread. */
    public void onEvents(List<EngineEvent> events) {
        String http = engine.http().name();
        boolean changed = false;
        for (EngineEvent event : events) {
            if (event instanceof ServiceStateChanged change && change.service().equals(http)) {
                httpState = change.to();
                changed = true;
            }
        }
        if (changed) {
            updateUrl();
            refreshFreeSpace();
        }
    }

    private void updateUrl() {
        if (httpState != ServiceState.RUNNING) {
            httpUrl.set("HTTP " + httpState.label() + " (port " + engine.config().apiPort() + ")");
            return;
        }
        int port = engine.http().boundPort();
        if (port < 0) {
            httpUrl.set("HTTP stopping");
            return;
        }
        NetworkInterfaceChoice nic = chosenInterface.get();
        httpUrl.set(urlOf(engine.config().tlsEnabled(), engine.config().listenAddress(),
                nic == null ? null : nic.ipv4(), engine.serverIp(), port));
    }

    /**
     * The URL clients use: the listen address when HTTP binds one address, else the picked interface's
     * IPv4 ({@code pickedIpv4}, may be null), else the engine's announced address.
     */
    static String urlOf(boolean tls, String listenAddress, String pickedIpv4, String serverIp, int port) {
        String host = !WILDCARD_ADDRESSES.contains(listenAddress) ? listenAddress
                : pickedIpv4 != null ? pickedIpv4 : serverIp;
        return HttpUrls.base(tls, host, port) + "/";
    }

    /** Reads the free space of the root's file system again, in the background. */
    public void refreshFreeSpace() {
        tasks.run("read the free space under " + root, () -> usableSpace(root),
                bytes -> freeSpace.set(ByteSize.format(bytes) + " free"),
                failure -> freeSpace.set("free space unknown: " + failure.getMessage()));
    }

    /** Usable bytes on the file system holding {@code path}, or its nearest existing parent. */
    static long usableSpace(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException("no part of " + path + " exists");
        }
        return Files.getFileStore(existing).getUsableSpace();
    }

    /** The interface the operator picked; its address goes into the URL. */
    public ObjectProperty<NetworkInterfaceChoice> chosenInterfaceProperty() {
        return chosenInterface;
    }

    public ReadOnlyStringProperty httpUrlProperty() {
        return httpUrl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rootPathProperty() {
        return rootPath.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty freeSpaceProperty() {
        return freeSpace.getReadOnlyProperty();
    }
}
