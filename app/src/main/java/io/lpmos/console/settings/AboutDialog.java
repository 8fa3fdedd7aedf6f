package io.lpmos.console.settings;

import io.lpmos.console.style.AppIcons;
import io.lpmos.console.style.ConsoleStylesheet;
import io.lpmos.console.style.StyleClasses;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The About dialog: icon, product name, version, Java and JavaFX versions. Built and used on the FX thread. */
public final class AboutDialog extends Dialog<Void> {
    public static final String VERSION_ID = "aboutVersion";

    public AboutDialog(Window owner, AboutViewModel model) {
        initOwner(owner);
        setTitle("About " + model.product());
        ImageView icon = new ImageView(AppIcons.largest());
        icon.setFitWidth(96);
        icon.setFitHeight(96);
        icon.setPreserveRatio(true);
        icon.setSmooth(true);

        Label product = new Label(model.product());
        product.getStyleClass().add(StyleClasses.ABOUT_PRODUCT);
        Label version = new Label("Version " + model.version());
        version.setId(VERSION_ID);
        VBox text = new VBox(4, product, version);
        model.facts().stream().skip(1).map(Label::new).forEach(fact -> {
            fact.getStyleClass().add(StyleClasses.ABOUT_FACT);
            text.getChildren().add(fact);
        });
        Label purpose = new Label("PXE boot server: serves the boot tree over HTTP to machines on this network.");
        purpose.setWrapText(true);
        purpose.getStyleClass().add(StyleClasses.ABOUT_FACT);
        text.getChildren().add(purpose);
        text.setMaxWidth(380);

        HBox content = new HBox(20, icon, text);
        content.getStyleClass().add(StyleClasses.ABOUT_DIALOG);
        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().add(ConsoleStylesheet.url());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }
}
