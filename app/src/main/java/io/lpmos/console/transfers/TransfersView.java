package io.lpmos.console.transfers;

import io.lpmos.console.style.StyleClasses;
import io.lpmos.engine.net.ByteSize;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * The Transfers tab: a table of TFTP transfers (client, file, a progress bar for large files, bytes,
 * speed, outcome coloured by how it ended, agreed options) above a table of counts per client. Binds
 * to a {@link TransfersViewModel}; built and used on the FX thread.
 */
public final class TransfersView extends VBox {
    public static final String TABLE_ID = "transfersTable";
    public static final String CLIENTS_ID = "transferClients";
    public static final String SUMMARY_ID = "transfersSummary";
    /** Id of the split between the two tables, so the settings remember its divider. */
    public static final String SPLIT_ID = "transfers-split";

    private static final List<String> STATE_CLASSES = Arrays.stream(TransferState.values())
            .map(TransferState::styleClass).toList();

    public TransfersView(TransfersViewModel model) {
        getStyleClass().add(StyleClasses.TRANSFERS);

        Label summary = new Label();
        summary.setId(SUMMARY_ID);
        summary.getStyleClass().add(StyleClasses.TRANSFERS_SUMMARY);
        summary.textProperty().bind(Bindings.createStringBinding(() -> count(model.rows().size(), "TFTP transfer")
                        + " · " + String.format("%,d running", model.activeProperty().get()) + " · "
                        + count(model.clients().size(), "client"),
                model.rows(), model.activeProperty(), model.clients()));

        TableView<TransferRow> table = new TableView<>(model.rows());
        table.setId(TABLE_ID);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("No TFTP transfers yet — PXE firmware fetches its bootloader here."));
        table.getColumns().addAll(List.of(
                column("Client", 95, row -> new ReadOnlyObjectWrapper<>(row.client())),
                column("File", 150, row -> new ReadOnlyObjectWrapper<>(row.file())),
                progressColumn(),
                bytesColumn(),
                column("Speed", 110, TransferRow::speedProperty),
                outcomeColumn(),
                column("Options", 120, TransferRow::optionsProperty)));

        TableView<ClientTransfers> clients = new TableView<>(model.clients());
        clients.setId(CLIENTS_ID);
        clients.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        clients.setPlaceholder(new Label("Per-client counts appear with the first transfer."));
        clients.getColumns().addAll(List.of(
                column("Client", 140, c -> new ReadOnlyObjectWrapper<>(c.client())),
                column("Transfers", 90, c -> c.transfersProperty().asObject()),
                column("Complete", 90, c -> c.completeProperty().asObject()),
                column("Failed", 90, c -> c.failedProperty().asObject()),
                column("Bytes served", 120, c -> Bindings.createStringBinding(
                        () -> ByteSize.format(c.bytesProperty().get()), c.bytesProperty()))));

        SplitPane split = new SplitPane(table, clients);
        split.setId(SPLIT_ID);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.72);
        VBox.setVgrow(split, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(summary, split);
    }

    private static <S, T> TableColumn<S, T> column(String title, double width,
                                                   Function<S, ObservableValue<T>> value) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        return column;
    }

    /** "1.9 MiB", the exact count in the tooltip. */
    private static TableColumn<TransferRow, Number> bytesColumn() {
        TableColumn<TransferRow, Number> column = column("Bytes", 85, TransferRow::bytesProperty);
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip exact = new Tooltip();

            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(ByteSize.format(item.longValue()));
                exact.setText(String.format("%,d bytes", item.longValue()));
                setTooltip(exact);
            }
        });
        column.getStyleClass().add(StyleClasses.TRANSFERS_NUMBER);
        return column;
    }

    private static String count(int n, String noun) {
        return String.format("%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** A bar for transfers whose progress was reported (large files); nothing for the rest. */
    private static TableColumn<TransferRow, Number> progressColumn() {
        TableColumn<TransferRow, Number> column = column("Progress", 90, TransferRow::progressProperty);
        column.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            {
                bar.setMaxWidth(Double.MAX_VALUE);
            }

            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null || item.doubleValue() < 0) {
                    setGraphic(null);
                } else {
                    bar.setProgress(item.doubleValue());
                    setGraphic(bar);
                }
            }
        });
        return column;
    }

    private static TableColumn<TransferRow, String> outcomeColumn() {
        TableColumn<TransferRow, String> column = column("Outcome", 185, TransferRow::outcomeProperty);
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(STATE_CLASSES);
                TableRow<TransferRow> row = getTableRow();
                if (empty || item == null || row == null || row.getItem() == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(item);
                tooltip.setText(item);
                setTooltip(tooltip);
                getStyleClass().add(row.getItem().stateProperty().get().styleClass());
            }
        });
        return column;
    }
}
