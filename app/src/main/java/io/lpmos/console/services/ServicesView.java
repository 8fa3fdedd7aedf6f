package io.lpmos.console.services;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import io.lpmos.console.style.StyleClasses;
import io.lpmos.engine.lifecycle.ServiceState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * Start/Stop PXE and the service badges, for the main window's toolbars: {@link #actions()} beside the
 * interface picker, {@link #services()} — one group per service: its toggle, its badge and what the
 * window puts beside it — on their own row, so that every service fits. Binds to a
 * {@link ServicesViewModel}; built and used on the FX thread.
 */
public final class ServicesView {
    public static final String START_ID = "startPxe";
    public static final String STOP_ID = "stopPxe";
    /** Id of the badge of service {@code name} is {@code BADGE_ID_PREFIX + name}. */
    public static final String BADGE_ID_PREFIX = "badge-";
    /** Id of the on/off toggle of service {@code name} is {@code TOGGLE_ID_PREFIX + name}. */
    public static final String TOGGLE_ID_PREFIX = "toggle-";

    private static final List<String> STATE_CLASSES = Arrays.stream(ServiceState.values())
            .map(ServiceBadgeViewModel::styleClassOf).toList();

    /**
     * @param besideBadge controls shown right after a service's badge, by service name (DHCP's mode and probe)
     */
    private final Node actions;
    private final List<Node> services = new ArrayList<>();

    public ServicesView(ServicesViewModel model, Map<String, Node> besideBadge) {
        Button start = new Button("Start PXE", new FontIcon(MaterialDesignP.PLAY));
        start.setId(START_ID);
        start.getStyleClass().addAll(Styles.SUCCESS);
        start.disableProperty().bind(model.canStartProperty().not());
        start.setOnAction(event -> model.startAll());
        start.setTooltip(new Tooltip("Start every PXE service"));

        Button stop = new Button("Stop", new FontIcon(MaterialDesignS.STOP));
        stop.setId(STOP_ID);
        stop.getStyleClass().addAll(Styles.DANGER);
        stop.disableProperty().bind(model.canStopProperty().not());
        stop.setOnAction(event -> model.stopAll());
        stop.setTooltip(new Tooltip("Stop every PXE service"));

        HBox buttons = new HBox(8, start, stop);
        buttons.getStyleClass().add(StyleClasses.SERVICES);
        actions = buttons;
        for (ServiceBadgeViewModel badge : model.badges()) {
            HBox service = new HBox(4, toggleFor(badge), badgeFor(badge));
            Node extra = besideBadge.get(badge.serviceName());
            if (extra != null) {
                service.getChildren().add(extra);
            }
            service.setAlignment(Pos.CENTER_LEFT);
            service.getStyleClass().add(StyleClasses.SERVICES);
            services.add(service);
        }
    }

    /**
     * Start PXE and Stop, in one box: the toolbar would flatten buttons placed in it directly, and these
     * keep their success and danger colours.
     */
    public Node actions() {
        return actions;
    }

    /** One group per engine service, in start order. */
    public List<Node> services() {
        return List.copyOf(services);
    }

    private static ToggleSwitch toggleFor(ServiceBadgeViewModel badge) {
        ToggleSwitch toggle = new ToggleSwitch();
        toggle.setId(TOGGLE_ID_PREFIX + badge.serviceName());
        toggle.getStyleClass().add(StyleClasses.SERVICE_TOGGLE);
        toggle.selectedProperty().bindBidirectional(badge.enabledProperty());
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.when(badge.enabledProperty())
                .then("Start PXE starts " + badge.serviceName() + "; switch off to leave it out (stops it now if running)")
                .otherwise("Start PXE leaves " + badge.serviceName() + " out; switch on to include it (starts it now if PXE runs)"));
        toggle.setTooltip(tooltip);
        return toggle;
    }

    private static Label badgeFor(ServiceBadgeViewModel badge) {
        Label label = new Label();
        label.setId(BADGE_ID_PREFIX + badge.serviceName());
        label.setGraphic(new FontIcon(MaterialDesignC.CIRCLE));
        label.getStyleClass().add(StyleClasses.SERVICE_BADGE);
        label.textProperty().bind(badge.textProperty());
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(badge.tooltipProperty());
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(480);
        label.setTooltip(tooltip);
        applyState(label, badge.state());
        badge.stateProperty().addListener((observable, before, now) -> applyState(label, now));
        return label;
    }

    private static void applyState(Label label, ServiceState state) {
        label.getStyleClass().removeAll(STATE_CLASSES);
        label.getStyleClass().add(ServiceBadgeViewModel.styleClassOf(state));
    }
}
