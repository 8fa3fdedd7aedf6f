package io.lpmos.console.nic;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** The network interface picker for the main toolbar; built and used on the FX thread. */
public final class InterfacePickerView extends HBox {
    public static final String PICKER_ID = "interfacePicker";

    public InterfacePickerView(InterfacePickerViewModel model) {
        super(4);
        Label icon = new Label(null, new FontIcon(MaterialDesignL.LAN));
        ComboBox<NetworkInterfaceChoice> picker = new ComboBox<>(model.interfaces());
        picker.setId(PICKER_ID);
        picker.setPromptText("Network interface");
        picker.setPrefWidth(300);
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(NetworkInterfaceChoice choice) {
                return choice == null ? "" : choice.label();
            }

            @Override
            public NetworkInterfaceChoice fromString(String text) {
                return model.interfaces().stream().filter(c -> c.label().equals(text)).findFirst().orElse(null);
            }
        });
        picker.valueProperty().bindBidirectional(model.selectedProperty());
        picker.disableProperty().bind(model.lockedProperty());
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> !model.problemProperty().get().isEmpty()
                        ? model.problemProperty().get()
                        : model.lockedProperty().get() ? "The PXE services serve on this interface: stop them to choose another"
                        : "The interface PXE clients reach this machine on; TFTP and DHCP bind to it",
                model.problemProperty(), model.lockedProperty()));
        picker.setTooltip(tooltip);

        Button refresh = new Button(null, new FontIcon(MaterialDesignR.REFRESH));
        refresh.setTooltip(new Tooltip("Read the network interfaces again"));
        refresh.setOnAction(event -> model.refresh());
        refresh.disableProperty().bind(model.lockedProperty());
        refresh.getStyleClass().add(Styles.FLAT);
        getChildren().addAll(icon, picker, refresh);
        setAlignment(Pos.CENTER_LEFT);
    }
}
