package io.lpmos.console.mainwindow;

import io.lpmos.console.boottree.BootTreeView;
import io.lpmos.console.fetches.FetchesView;
import io.lpmos.console.dhcp.DhcpControlsView;
import io.lpmos.console.dhcp.LeasesView;
import io.lpmos.console.livelog.LiveLogView;
import io.lpmos.console.nic.InterfacePickerView;
import io.lpmos.console.services.ServicesView;
import io.lpmos.console.statusbar.StatusBarView;
import io.lpmos.console.style.ConsoleStylesheet;
import io.lpmos.console.style.StyleClasses;
import io.lpmos.console.transfers.TransfersView;
import io.lpmos.engine.dhcp.DhcpService;
import java.time.ZoneId;
import java.util.Map;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The main window's scene: toolbar (interface picker, Start/Stop, theme, settings), a row of service
 * toggles and badges (DHCP with its mode and probe), the boot tree
 * beside the tabs of {@link MainTab} (the live log first), and the status bar. Applies the AtlantaFX Primer theme, light or dark, and
 * {@code console.css}, whose colours are the theme's looked-up colours and so follow the switch.
 * Built and used on the FX thread.
 */
public final class MainWindowView {
    public static final String SETTINGS_ID = "openSettings";
    public static final String ABOUT_ID = "openAbout";

    private final Scene scene;

    /** Id of the boot tree | live log split, so the settings remember where the operator put its divider. */
    public static final String MAIN_SPLIT_ID = "main-split";
    /** Id of the toolbar row of the service toggles and badges. */
    public static final String SERVICE_BAR_ID = "service-bar";
    /** Id of the tab pane beside the boot tree (live log and the other {@link MainTab}s). */
    public static final String TABS_ID = "main-tabs";

    public MainWindowView(MainWindowViewModel model, double width, double height) {
        ToggleButton theme = new ToggleButton(null, new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
        theme.setTooltip(new Tooltip("Dark theme"));
        theme.selectedProperty().bindBidirectional(model.darkThemeProperty());

        Button settings = new Button(null, new FontIcon(MaterialDesignC.COG_OUTLINE));
        settings.setId(SETTINGS_ID);
        settings.setTooltip(new Tooltip("Settings: root, port, IDC, etcd, allow-list, rate limit, theme"));
        settings.setOnAction(event -> model.openSettings());
        Button about = new Button(null, new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
        about.setId(ABOUT_ID);
        about.setTooltip(new Tooltip("About LPMOS Console"));
        about.setOnAction(event -> model.openAbout());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ServicesView services = new ServicesView(model.services(),
                Map.of(DhcpService.NAME, new DhcpControlsView(model.dhcp())));
        ToolBar toolbar = new ToolBar(new InterfacePickerView(model.interfaces()), new Separator(Orientation.VERTICAL));
        toolbar.getItems().add(services.actions());
        toolbar.getItems().addAll(spacer, theme, settings, about);
        toolbar.getStyleClass().add(StyleClasses.TOOLBAR);
        ToolBar serviceBar = new ToolBar();
        serviceBar.setId(SERVICE_BAR_ID);
        for (Node service : services.services()) {
            if (!serviceBar.getItems().isEmpty()) {
                serviceBar.getItems().add(new Separator(Orientation.VERTICAL));
            }
            serviceBar.getItems().add(service);
        }
        serviceBar.getStyleClass().addAll(StyleClasses.TOOLBAR, StyleClasses.SERVICE_BAR);

        BorderPane root = new BorderPane();
        root.getStyleClass().add(StyleClasses.MAIN_WINDOW);
        root.setTop(new VBox(toolbar, serviceBar));
        BootTreeView bootTree = new BootTreeView(model.bootTree());
        TabPane tabs = new TabPane();
        tabs.setId(TABS_ID);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (MainTab each : MainTab.values()) {
            Tab tab = new Tab(each.title(), contentOf(each, model));
            tab.setId(each.id());
            tabs.getTabs().add(tab);
        }
        SplitPane split = new SplitPane(bootTree, tabs);
        split.setDividerPositions(0.36);
        split.setId(MAIN_SPLIT_ID);
        SplitPane.setResizableWithParent(bootTree, false);
        root.setCenter(split);
        root.setBottom(new StatusBarView(model.statusBar(), model.services().messageProperty(),
                model.services().messageIsErrorProperty()));

        scene = new Scene(root, width, height);
        scene.getStylesheets().add(ConsoleStylesheet.url());
        ConsoleStylesheet.applyTheme(model.darkThemeProperty().get());
        model.darkThemeProperty().addListener((observable, before, dark) -> ConsoleStylesheet.applyTheme(dark));
    }

    private static Node contentOf(MainTab tab, MainWindowViewModel model) {
        return switch (tab) {
            case LIVE_LOG -> new LiveLogView(model.liveLog());
            case TRANSFERS -> new TransfersView(model.transfers());
            case LEASES -> new LeasesView(model.leases(), ZoneId.systemDefault());
            case FETCHES -> new FetchesView(model.fetches());
        };
    }

    public Scene scene() {
        return scene;
    }
}
