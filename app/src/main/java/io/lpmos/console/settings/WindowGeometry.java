package io.lpmos.console.settings;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window was when the console closed.
 *
 * @param maximized whether it filled the screen; x/y/width/height are then its last normal bounds
 */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    /**
     * These bounds moved and shrunk, as little as needed, so the whole window lies on the screen it
     * overlaps most (or the first screen); empty when there is no screen or the bounds are
     * not a size at all (NaN, zero, negative).
     *
     * @param screens the visual bounds of every screen, the primary first
     * @param minWidth the window's minimum width
     * @param minHeight the window's minimum height
     */
    public Optional<WindowGeometry> clampTo(List<Rectangle2D> screens, double minWidth, double minHeight) {
        if (screens.isEmpty() || !(width > 0) || !(height > 0) || !Double.isFinite(x) || !Double.isFinite(y)
                || !Double.isFinite(width) || !Double.isFinite(height)) {
            return Optional.empty();
        }
        Rectangle2D screen = screens.get(0);
        double bestOverlap = -1;
        for (Rectangle2D candidate : screens) {
            double overlap = Math.max(0, Math.min(x + width, candidate.getMaxX()) - Math.max(x, candidate.getMinX()))
                    * Math.max(0, Math.min(y + height, candidate.getMaxY()) - Math.max(y, candidate.getMinY()));
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                screen = candidate;
            }
        }
        double w = Math.min(Math.max(width, minWidth), screen.getWidth());
        double h = Math.min(Math.max(height, minHeight), screen.getHeight());
        double left = Math.min(Math.max(x, screen.getMinX()), screen.getMaxX() - w);
        double top = Math.min(Math.max(y, screen.getMinY()), screen.getMaxY() - h);
        return Optional.of(new WindowGeometry(left, top, w, h, maximized));
    }
}
