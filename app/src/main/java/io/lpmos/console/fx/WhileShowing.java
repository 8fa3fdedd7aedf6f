package io.lpmos.console.fx;

import javafx.animation.Animation;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Runs an animation (a periodic refresh) only while a node is in a showing window: it stops when the
 * window hides or the node leaves its scene (a view replaced after an engine rebuild, a closed console),
 * so no refresh of a view nobody sees keeps running on the FX thread.
 */
public final class WhileShowing {
    private WhileShowing() {
    }

    /** Plays {@code animation} whenever {@code node} is in a showing window and stops it otherwise. */
    public static void play(Node node, Animation animation) {
        ObservableValue<Boolean> showing = node.sceneProperty()
                .flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty)
                .orElse(false);
        showing.subscribe(isShowing -> {
            if (isShowing) {
                animation.play();
            } else {
                animation.stop();
            }
        });
    }
}
