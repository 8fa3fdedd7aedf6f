package io.lpmos.console.dhcp;

import io.lpmos.console.style.StyleClasses;
import io.lpmos.engine.config.DhcpMode;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * DHCP's mode choice and Probe button, shown beside its toolbar toggle. Binds to a {@link DhcpViewModel};
 * built and used on the FX thread.
 */
public final class DhcpControlsView extends HBox {
    public static final String MODE_ID = "dhcpMode";
    public static final String PROBE_ID = "dhcpProbe";

    public DhcpControlsView(DhcpViewModel model) {
        super(4);
        getStyleClass().add(StyleClasses.DHCP_CONTROLS);
        ChoiceBox<DhcpMode> mode = new ChoiceBox<>();
        mode.setId(MODE_ID);
        mode.getItems().setAll(DhcpMode.values());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(DhcpMode value) {
                return value == null ? "" : value.flagValue();
            }

            @Override
            public DhcpMode fromString(String text) {
                return DhcpMode.parse(text);
            }
        });
        mode.valueProperty().bindBidirectional(model.modeProperty());
        mode.setDisable(!model.available());
        if (model.available()) {
            mode.disableProperty().bind(model.lockedProperty());
        }
        mode.setTooltip(new Tooltip("proxy: answers PXE clients only, hands out no addresses — safe beside the"
                + " network's own DHCP server\nfull: hands out addresses too — for an isolated lab or a crossover"
                + " cable\n(stop the PXE services to change it)"));

        Button probe = new Button("Probe", new FontIcon(MaterialDesignR.RADAR));
        probe.setId(PROBE_ID);
        probe.getStyleClass().add(StyleClasses.DHCP_PROBE);
        probe.disableProperty().bind(model.probingProperty());
        Tooltip result = new Tooltip();
        result.textProperty().bind(model.probeResultProperty());
        result.setWrapText(true);
        result.setMaxWidth(480);
        probe.setTooltip(result);
        model.othersFoundProperty().addListener((observable, before, found) -> {
            if (found) {
                probe.getStyleClass().add(StyleClasses.DHCP_OTHERS_FOUND);
            } else {
                probe.getStyleClass().remove(StyleClasses.DHCP_OTHERS_FOUND);
            }
        });
        probe.setOnAction(event -> model.probe());
        getChildren().addAll(mode, probe);
    }
}
