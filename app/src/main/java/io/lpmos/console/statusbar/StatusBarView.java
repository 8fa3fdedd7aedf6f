package io.lpmos.console.statusbar;

import io.lpmos.console.fx.WhileShowing;
import io.lpmos.console.style.StyleClasses;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The status bar: the last outcome message on the left; HTTP URL, root and free space on the right.
 * Re-reads the free space every ten seconds while its window is showing. Built and used on the FX thread.
 */
public final class StatusBarView extends HBox {
    public static final String MESSAGE_ID = "statusMessage";
    public static final String URL_ID = "statusUrl";

    private final Timeline diskRefresh;

    public StatusBarView(StatusBarViewModel model, ObservableStringValue message, ObservableBooleanValue isError) {
        super(10);
        getStyleClass().add(StyleClasses.STATUS_BAR);
        setAlignment(Pos.CENTER_LEFT);

        Label messageLabel = new Label();
        messageLabel.setId(MESSAGE_ID);
        messageLabel.getStyleClass().add(StyleClasses.STATUS_MESSAGE);
        messageLabel.textProperty().bind(message);
        Tooltip messageTip = new Tooltip();
        messageTip.textProperty().bind(message);
        messageTip.setWrapText(true);
        messageTip.setMaxWidth(560);
        messageLabel.setTooltip(messageTip);
        messageLabel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(messageLabel, Priority.ALWAYS);
        isError.addListener((observable, before, now) -> {
            if (now) {
                messageLabel.getStyleClass().add(StyleClasses.STATUS_ERROR);
            } else {
                messageLabel.getStyleClass().remove(StyleClasses.STATUS_ERROR);
            }
        });

        Label url = new Label(null, new FontIcon(MaterialDesignW.WEB));
        url.setId(URL_ID);
        url.textProperty().bind(model.httpUrlProperty());
        Label root = new Label(null, new FontIcon(MaterialDesignF.FOLDER_OUTLINE));
        root.textProperty().bind(model.rootPathProperty());
        Label free = new Label(null, new FontIcon(MaterialDesignH.HARDDISK));
        free.textProperty().bind(model.freeSpaceProperty());

        messageLabel.setMinWidth(0);
        for (Label fact : new Label[] {url, root, free}) {
            fact.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(messageLabel, url, new Separator(Orientation.VERTICAL), root,
                new Separator(Orientation.VERTICAL), free);

        diskRefresh = new Timeline(new KeyFrame(Duration.seconds(10), event -> model.refreshFreeSpace()));
        diskRefresh.setCycleCount(Animation.INDEFINITE);
        WhileShowing.play(this, diskRefresh);
    }
}
