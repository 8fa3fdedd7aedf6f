package io.lpmos.console.livelog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live log: the lines {@link LogLineRenderer} made of engine events, newest last,
 * kept in a ring of at most {@code capacity} lines (the oldest go first). The shown lines are filtered
 * by {@link #filterProperty()} and {@link #sourceFilterProperty()}; while {@link #pausedProperty()} is set, new lines are held (in a ring of
 * the same size) and appended when the pause ends. Confined to the FX thread; tested without a stage.
 */
public final class LiveLogViewModel {
    /** Lines kept in memory by default. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> shown = new FilteredList<>(lines);
    private final ArrayDeque<LogLine> held = new ArrayDeque<>();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<LogSource> sourceFilter = new SimpleObjectProperty<>(this, "sourceFilter");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper(this, "received");
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped");
    private final ReadOnlyLongWrapper heldCount = new ReadOnlyLongWrapper(this, "held");
    private final ReadOnlyLongWrapper evicted = new ReadOnlyLongWrapper(this, "evicted");
    private final ReadOnlyLongWrapper appended = new ReadOnlyLongWrapper(this, "appended");

    public LiveLogViewModel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        filter.addListener((observable, before, now) -> refilter());
        sourceFilter.addListener((observable, before, now) -> refilter());
        paused.addListener((observable, before, now) -> {
            if (!now) {
                List<LogLine> release = new ArrayList<>(held);
                held.clear();
                heldCount.set(0);
                append(release);
            }
        });
    }

    private void refilter() {
        String text = filter.get() == null ? "" : filter.get().strip();
        LogSource source = sourceFilter.get();
        if (text.isEmpty() && source == null) {
            shown.setPredicate(null);
        } else {
            shown.setPredicate(line -> (source == null || line.source() == source) && line.matches(text));
        }
    }

    /**
     * Adds the lines of one batch from the FX adapter and updates the counts; called on the FX thread.
     *
     * @param received engine events the console received so far
     * @param dropped  engine events lost so far before reaching the console
     */
    public void onLines(List<LogLine> incoming, long received, long dropped) {
        this.received.set(received);
        this.dropped.set(dropped);
        if (incoming.isEmpty()) {
            return;
        }
        if (paused.get()) {
            for (LogLine line : incoming) {
                if (held.size() == capacity) {
                    held.removeFirst();
                    evicted.set(evicted.get() + 1);
                }
                held.addLast(line);
            }
            heldCount.set(held.size());
        } else {
            append(incoming);
        }
    }

    private void append(List<LogLine> incoming) {
        if (incoming.isEmpty()) {
            return;
        }
        if (incoming.size() >= capacity) {
            evicted.set(evicted.get() + lines.size() + incoming.size() - capacity);
            lines.setAll(incoming.subList(incoming.size() - capacity, incoming.size()));
            appended.set(appended.get() + incoming.size());
            return;
        }
        int excess = lines.size() + incoming.size() - capacity;
        if (excess > 0) {
            lines.remove(0, excess);
            evicted.set(evicted.get() + excess);
        }
        lines.addAll(incoming);
        appended.set(appended.get() + incoming.size());
    }

    /** Forgets every line, shown and held; the received and dropped counts stay. */
    public void clear() {
        lines.clear();
        held.clear();
        heldCount.set(0);
    }

    /** The lines that pass the filter, oldest first; for the virtualised list. */
    public ObservableList<LogLine> shownLines() {
        return shown;
    }

    /**
     * The text of the shown lines at {@code shownIndices} (indices into {@link #shownLines()}, as a list
     * view's selection reports them), for the clipboard: each line exactly as shown, newline-terminated,
     * in log order whatever the order of the indices, each line once. Empty when no index is given.
     *
     * @throws IndexOutOfBoundsException if an index is not that of a shown line
     */
    public String textOf(List<Integer> shownIndices) {
        BitSet wanted = new BitSet(shown.size());
        for (int index : shownIndices) {
            wanted.set(Objects.checkIndex(index, shown.size()));
        }
        StringBuilder text = new StringBuilder();
        for (int index = wanted.nextSetBit(0); index >= 0; index = wanted.nextSetBit(index + 1)) {
            text.append(shown.get(index).text()).append('\n');
        }
        return text.toString();
    }

    /**
     * The text of every shown line (the filter applies), as {@link #textOf(List)} gives it; empty when
     * no line is shown.
     */
    public String shownText() {
        StringBuilder text = new StringBuilder();
        for (LogLine line : shown) {
            text.append(line.text()).append('\n');
        }
        return text.toString();
    }

    /** Every kept line, unfiltered. */
    public int keptLineCount() {
        return lines.size();
    }

    public int capacity() {
        return capacity;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Only lines from this source are shown; null: every source. */
    public ObjectProperty<LogSource> sourceFilterProperty() {
        return sourceFilter;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Whether the view keeps the newest line in sight. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** Engine events the console received (all kinds). */
    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    /** Engine events lost before reaching the console because it fell behind. */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Lines waiting for the pause to end. */
    public ReadOnlyLongProperty heldProperty() {
        return heldCount.getReadOnlyProperty();
    }

    /**
     * Lines appended so far; changes after every append, once every listener of the lines (the list
     * view's skin included) has seen it, so the view can then scroll to the newest line.
     */
    public ReadOnlyLongProperty appendedProperty() {
        return appended.getReadOnlyProperty();
    }

    /** Lines pushed out of the ring by newer ones. */
    public ReadOnlyLongProperty evictedProperty() {
        return evicted.getReadOnlyProperty();
    }
}
