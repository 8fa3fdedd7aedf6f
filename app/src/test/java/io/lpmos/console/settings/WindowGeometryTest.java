package io.lpmos.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowGeometryTest {
    private static final Rectangle2D LEFT = new Rectangle2D(0, 0, 1920, 1050);
    private static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 1280, 1000);

    @Test
    void boundsOnAScreenStayAsTheyAre() {
        WindowGeometry saved = new WindowGeometry(100, 80, 1200, 700, false);
        assertThat(saved.clampTo(List.of(LEFT, RIGHT), 800, 480)).contains(saved);
    }

    @Test
    void aWindowOnAScreenThatIsGoneMovesOntoTheRemainingOne() {
        WindowGeometry onUnpluggedMonitor = new WindowGeometry(2100, 100, 1000, 700, true);
        assertThat(onUnpluggedMonitor.clampTo(List.of(LEFT), 800, 480))
                .contains(new WindowGeometry(920, 100, 1000, 700, true));
    }

    @Test
    void aWindowLargerThanItsScreenShrinksToIt() {
        WindowGeometry huge = new WindowGeometry(1900, -50, 4000, 3000, false);
        assertThat(huge.clampTo(List.of(LEFT, RIGHT), 800, 480))
                .contains(new WindowGeometry(1920, 0, 1280, 1000, false));
    }

    @Test
    void aWindowBelowTheMinimumSizeGrowsToIt() {
        assertThat(new WindowGeometry(10, 10, 50, 40, false).clampTo(List.of(LEFT), 800, 480))
                .contains(new WindowGeometry(10, 10, 800, 480, false));
    }

    @Test
    void nonsenseBoundsOrNoScreenGiveNothing() {
        assertThat(new WindowGeometry(Double.NaN, 0, 800, 600, false).clampTo(List.of(LEFT), 800, 480)).isEmpty();
        assertThat(new WindowGeometry(0, 0, 0, 600, false).clampTo(List.of(LEFT), 800, 480)).isEmpty();
        assertThat(new WindowGeometry(0, 0, -5, 600, false).clampTo(List.of(LEFT), 800, 480)).isEmpty();
        assertThat(new WindowGeometry(0, 0, 800, 600, false).clampTo(List.of(), 800, 480)).isEmpty();
    }
}
