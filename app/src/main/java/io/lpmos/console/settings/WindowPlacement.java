package io.lpmos.console.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Remembers and restores where the main window is and where the dividers of its split panes are.
 * Split panes take part when they have an id; their positions are saved under it. Tracks the window's
 * last normal (not maximized) bounds while it shows. Used on the FX thread.
 */
public final class WindowPlacement {
    private final Stage stage;
    private double normalX = Double.NaN;
    private double normalY = Double.NaN;
    private double normalWidth = Double.NaN;
    private double normalHeight = Double.NaN;

    /** Starts following {@code stage}'s bounds. */
    public WindowPlacement(Stage stage) {
        this.stage = stage;
        stage.xProperty().addListener((observable, before, now) -> remember());
        stage.yProperty().addListener((observable, before, now) -> remember());
        stage.widthProperty().addListener((observable, before, now) -> remember());
        stage.heightProperty().addListener((observable, before, now) -> remember());
    }

    private void remember() {
        if (!stage.isMaximized() && !stage.isIconified()) {
            normalX = stage.getX();
            normalY = stage.getY();
            normalWidth = stage.getWidth();
            normalHeight = stage.getHeight();
        }
    }

    /**
     * Puts the stage where {@code saved} says, clamped to the screens there are now; without saved
     * bounds (or none that fit), sizes it {@code defaultWidth} × {@code defaultHeight} and centres it.
     * Call before the stage shows.
     */
    public void restore(WindowGeometry saved, double defaultWidth, double defaultHeight) {
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().map(Screen::getVisualBounds).filter(bounds -> !bounds.equals(screens.get(0)))
                .forEach(screens::add);
        WindowGeometry placed = saved == null ? null
                : saved.clampTo(screens, stage.getMinWidth(), stage.getMinHeight()).orElse(null);
        if (placed == null) {
            Rectangle2D primary = screens.get(0);
            stage.setWidth(Math.min(defaultWidth, primary.getWidth()));
            stage.setHeight(Math.min(defaultHeight, primary.getHeight()));
            stage.centerOnScreen();
            return;
        }
        stage.setX(placed.x());
        stage.setY(placed.y());
        stage.setWidth(placed.width());
        stage.setHeight(placed.height());
        stage.setMaximized(placed.maximized());
    }

    /** Where the window is now: its normal bounds and whether it is maximized. */
    public WindowGeometry current() {
        remember();
        return new WindowGeometry(normalX, normalY, normalWidth, normalHeight, stage.isMaximized());
    }

    /** Divider positions (0..1) of every split pane with an id in {@code scene}, by id. */
    public static Map<String, List<Double>> dividersOf(Scene scene) {
        Map<String, List<Double>> positions = new LinkedHashMap<>();
        if (scene == null) {
            return positions;
        }
        for (Node node : scene.getRoot().lookupAll(".split-pane")) {
            if (node instanceof SplitPane pane && pane.getId() != null) {
                List<Double> values = new ArrayList<>();
                for (double position : pane.getDividerPositions()) {
                    values.add(position);
                }
                positions.put(pane.getId(), values);
            }
        }
        return positions;
    }

    /**
     * Moves the dividers of the split panes in {@code scene} to the saved positions; a pane whose
     * saved list does not match its number of dividers, or holds values outside 0..1, is left as is.
     */
    public static void restoreDividers(Scene scene, Map<String, List<Double>> saved) {
        for (Node node : scene.getRoot().lookupAll(".split-pane")) {
            if (node instanceof SplitPane pane && pane.getId() != null && saved.containsKey(pane.getId())) {
                List<Double> values = saved.get(pane.getId());
                if (values.size() == pane.getDividers().size()
                        && values.stream().allMatch(v -> v != null && v >= 0 && v <= 1)) {
                    pane.setDividerPositions(values.stream().mapToDouble(Double::doubleValue).toArray());
                }
            }
        }
    }
}
