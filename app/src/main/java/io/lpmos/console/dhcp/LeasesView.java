package io.lpmos.console.dhcp;

import io.lpmos.console.style.StyleClasses;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Leases tab: a table of {@link LeasesViewModel#rows()} (MAC, IP, host name, architecture, expiry)
 * and their count. Built and used on the FX thread.
 */
public final class LeasesView extends VBox {
    public static final String TABLE_ID = "leases";
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public LeasesView(LeasesViewModel model, ZoneId zone) {
        super(6);
        getStyleClass().add(StyleClasses.LEASES);
        TableView<LeaseRow> table = new TableView<>(model.rows());
        table.setId(TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        DateTimeFormatter expiry = EXPIRY.withZone(zone);
        table.getColumns().add(column("MAC", LeaseRow::mac, 150));
        table.getColumns().add(column("IP", LeaseRow::address, 120));
        table.getColumns().add(column("Host name", LeaseRow::hostname, 140));
        table.getColumns().add(column("Architecture", LeaseRow::arch, 120));
        table.getColumns().add(column("Expires", row -> format(expiry, row.expires()), 150));
        Label placeholder = new Label();
        placeholder.textProperty().bind(model.placeholderProperty());
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        Label summary = new Label();
        summary.getStyleClass().add(StyleClasses.LEASES_SUMMARY);
        summary.textProperty().bind(model.summaryProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(summary, table);
    }

    private static TableColumn<LeaseRow, String> column(String title, Function<LeaseRow, String> value, double width) {
        TableColumn<LeaseRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(orDash(value.apply(cell.getValue()))));
        column.setPrefWidth(width);
        return column;
    }

    private static String format(DateTimeFormatter formatter, Instant instant) {
        return instant == null ? null : formatter.format(instant);
    }

    private static String orDash(String text) {
        return text == null ? "—" : text;
    }
}
