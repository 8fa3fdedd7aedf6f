package io.lpmos.console.settings;

import atlantafx.base.theme.Styles;
import io.lpmos.console.style.ConsoleStylesheet;
import io.lpmos.console.style.StyleClasses;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The Settings dialog: one tab per {@link SettingsSection} with a field per engine setting, its error
 * shown under it (and a warning sign on the tab), and the theme on the first tab.
 * OK is disabled while any field is invalid and returns {@link SettingsViewModel#result()}. Built and
 * used on the FX thread.
 */
public final class SettingsDialog extends Dialog<SettingsViewModel.Applied> {
    /** Id of the text field of a setting is {@code FIELD_ID_PREFIX + field.name()}. */
    public static final String FIELD_ID_PREFIX = "setting-";
    /** Id of the error label of a setting is {@code ERROR_ID_PREFIX + field.name()}. */
    public static final String ERROR_ID_PREFIX = "setting-error-";
    public static final String THEME_ID = "setting-theme";

    public SettingsDialog(Window owner, SettingsViewModel model) {
        initOwner(owner);
        setTitle("Settings");
        setHeaderText("Engine settings — the same values regional-client takes as flags");
        setResizable(true);

        TabPane sections = new TabPane();
        sections.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Map<SettingsSection, GridPane> grids = new EnumMap<>(SettingsSection.class);
        Map<SettingsSection, Tab> tabs = new EnumMap<>(SettingsSection.class);
        for (SettingsSection section : SettingsSection.values()) {
            GridPane grid = form();
            Tab tab = new Tab(section.title(), grid);
            tab.setId(section.id());
            grids.put(section, grid);
            tabs.put(section, tab);
            sections.getTabs().add(tab);
        }

        for (SettingsField field : SettingsField.values()) {
            Label label = new Label(field.label());
            TextField text = new TextField();
            text.setId(FIELD_ID_PREFIX + field.name());
            text.setPromptText(field.hint());
            text.setTooltip(new Tooltip(field.hint() + "\n(regional-client " + field.flag() + ")"));
            text.textProperty().bindBidirectional(model.textProperty(field));
            label.setLabelFor(text);
            Node input = field == SettingsField.STATIC_ROOT ? withBrowse(text) : text;

            Label error = new Label();
            error.setId(ERROR_ID_PREFIX + field.name());
            error.getStyleClass().add(StyleClasses.FIELD_ERROR);
            error.setWrapText(true);
            error.setMinHeight(Region.USE_PREF_SIZE);
            error.textProperty().bind(model.errorProperty(field));
            error.visibleProperty().bind(model.errorProperty(field).isNotNull());
            error.managedProperty().bind(error.visibleProperty());
            model.errorProperty(field).addListener((observable, before, now) -> {
                markInvalid(text, now != null);
                markSection(tabs.get(field.section()), model, field.section());
                if ((before == null) != (now == null)) {
                    fitWindowToContent();
                }
            });
            markInvalid(text, model.errorProperty(field).get() != null);

            GridPane grid = grids.get(field.section());
            int row = grid.getRowCount();
            GridPane.setValignment(label, VPos.TOP);
            grid.add(label, 0, row);
            grid.add(new VBox(2, input, error), 1, row);
        }
        tabs.forEach((section, tab) -> markSection(tab, model, section));

        ChoiceBox<Theme> theme = new ChoiceBox<>();
        theme.setId(THEME_ID);
        theme.getItems().addAll(Theme.values());
        theme.valueProperty().bindBidirectional(model.themeProperty());
        GridPane general = grids.get(SettingsSection.GENERAL);
        int themeRow = general.getRowCount();
        general.add(new Label("Theme"), 0, themeRow);
        general.add(theme, 1, themeRow);

        VBox content = new VBox(10, sections);
        Label formError = new Label();
        formError.getStyleClass().add(StyleClasses.FIELD_ERROR);
        formError.setWrapText(true);
        formError.setMinHeight(Region.USE_PREF_SIZE);
        formError.textProperty().bind(model.formErrorProperty());
        formError.visibleProperty().bind(model.formErrorProperty().isNotNull());
        formError.managedProperty().bind(formError.visibleProperty());
        content.getChildren().add(formError);
        String notice = model.restartNotice();
        if (notice != null) {
            Label restart = new Label(notice, new FontIcon(MaterialDesignA.ALERT_OUTLINE));
            restart.getStyleClass().add(StyleClasses.SETTINGS_NOTICE);
            restart.setWrapText(true);
            content.getChildren().add(restart);
        }

        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().add(ConsoleStylesheet.url());
        getDialogPane().getStyleClass().add(StyleClasses.SETTINGS_DIALOG);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(model.validProperty().not());
        setResultConverter(button -> button != null && button.getButtonData() == ButtonBar.ButtonData.OK_DONE
                ? model.result().orElse(null) : null);
    }

    /** Grows or shrinks the dialog's window as error lines appear and go, so OK and Cancel stay in view. */
    private void fitWindowToContent() {
        Scene scene = getDialogPane().getScene();
        if (scene != null && scene.getWindow() != null) {
            scene.getWindow().sizeToScene();
        }
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(StyleClasses.SETTINGS_FORM);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setMinWidth(400);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    /** A tab with a field in error shows a warning sign, so the operator finds what keeps OK disabled. */
    private static void markSection(Tab tab, SettingsViewModel model, SettingsSection section) {
        boolean invalid = Arrays.stream(SettingsField.values())
                .anyMatch(field -> field.section() == section && model.errorProperty(field).get() != null);
        if (invalid && tab.getGraphic() == null) {
            FontIcon sign = new FontIcon(MaterialDesignA.ALERT_CIRCLE_OUTLINE);
            sign.getStyleClass().add(StyleClasses.FIELD_ERROR);
            tab.setGraphic(sign);
        } else if (!invalid) {
            tab.setGraphic(null);
        }
    }

    private static void markInvalid(TextField text, boolean invalid) {
        text.pseudoClassStateChanged(Styles.STATE_DANGER, invalid);
    }

    private Node withBrowse(TextField text) {
        Button browse = new Button(null, new FontIcon(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        browse.setTooltip(new Tooltip("Choose the folder"));
        browse.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Static root");
            Optional.ofNullable(text.getText()).filter(t -> !t.isBlank()).map(t -> {
                try {
                    return Path.of(t).toFile();
                } catch (RuntimeException e) {
                    return null;
                }
            }).filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
            File chosen = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                text.setText(chosen.getAbsolutePath());
            }
        });
        HBox.setHgrow(text, Priority.ALWAYS);
        return new HBox(4, text, browse);
    }
}
