package io.lpmos.console.settings;

import io.lpmos.engine.config.EngineConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Settings dialog's state: one text per engine setting as the operator types it, its error (in
 * the engine's words, checked on every change) and the theme. Nothing is applied while any field is
 * invalid; {@link #result()} turns valid fields into the settings to save and the {@link EngineConfig}
 * to run, through the one mapping {@link ConsoleSettings#applyTo(EngineConfig)}. Confined to the FX
 * thread; no engine or file access.
 */
public final class SettingsViewModel {
    private final ConsoleSettings saved;
    private final EngineConfig running;
    private final boolean servicesRunning;
    private final Map<SettingsField, StringProperty> texts = new EnumMap<>(SettingsField.class);
    private final Map<SettingsField, ReadOnlyStringWrapper> errors = new EnumMap<>(SettingsField.class);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper(this, "formError");

    /**
     * What the dialog applies.
     *
     * @param settings what to save, every engine setting set
     * @param config   what the engine runs with from now on
     * @param restart  whether the engine must be rebuilt: its configuration changed
     */
    public record Applied(ConsoleSettings settings, EngineConfig config, boolean restart) {
    }

    /**
     * @param saved           the settings as saved, for the theme and what the dialog does not edit
     * @param running         the running engine's configuration: the fields start with its values
     * @param servicesRunning whether any PXE service runs now, so applying restarts it
     */
    public SettingsViewModel(ConsoleSettings saved, EngineConfig running, boolean servicesRunning) {
        this.saved = saved;
        this.running = running;
        this.servicesRunning = servicesRunning;
        ConsoleSettings current = saved.withEngineSettingsOf(running);
        for (SettingsField field : SettingsField.values()) {
            StringProperty text = new SimpleStringProperty(this, field.name(), initialText(current, field));
            texts.put(field, text);
            errors.put(field, new ReadOnlyStringWrapper(this, field.name() + "Error"));
            text.addListener((observable, before, now) -> validate(field));
        }
        theme.set(saved.theme());
        Arrays.stream(SettingsField.values()).forEach(this::check);
        revalidateForm();
    }

    private static String initialText(ConsoleSettings settings, SettingsField field) {
        return switch (field) {
            case STATIC_ROOT -> settings.staticRoot();
            case HTTP_PORT -> String.valueOf(settings.httpPort());
            case IDC -> settings.idc();
            case ETCD_ENDPOINTS -> String.join(", ", settings.etcdEndpoints());
            case ALLOW -> String.join(", ", settings.allow());
            case RATE_LIMIT -> settings.rateLimit();
            case TFTP_PORT -> String.valueOf(settings.tftp().port());
            case TFTP_MAX_TRANSFERS -> String.valueOf(settings.tftp().maxTransfers());
            case TFTP_TIMEOUT -> String.valueOf(settings.tftp().timeoutMillis());
            case TFTP_RETRIES -> String.valueOf(settings.tftp().retries());
            case TFTP_MAX_BLKSIZE -> String.valueOf(settings.tftp().maxBlockSize());
            case TFTP_MAX_WINDOWSIZE -> String.valueOf(settings.tftp().maxWindowSize());
            case DHCP_RANGE -> settings.dhcp().range();
            case DHCP_LEASE -> settings.dhcp().lease();
            case DHCP_ROUTER -> settings.dhcp().router();
            case DHCP_DNS -> String.join(", ", settings.dhcp().dns());
            case DHCP_RESERVATIONS -> settings.dhcp().reservations();
        };
    }

    private void validate(SettingsField field) {
        check(field);
        revalidateForm();
    }

    /** Checks one field alone through the engine mapping: a default configuration with only it set. */
    private void check(SettingsField field) {
        String error;
        try {
            only(field, text(field)).applyTo(EngineConfig.builder().build());
            error = null;
        } catch (IllegalArgumentException e) {
            error = SettingsWording.forConsole(e.getMessage());
        }
        errors.get(field).set(error);
    }

    private void revalidateForm() {
        boolean fieldsValid = errors.values().stream().allMatch(error -> error.get() == null);
        String crossField = null;
        if (fieldsValid) {
            try {
                toSettings().applyTo(running);
            } catch (IllegalArgumentException e) {
                crossField = SettingsWording.forConsole(e.getMessage());
            }
        }
        formError.set(crossField);
        valid.set(fieldsValid && crossField == null);
    }

    /** Settings holding only {@code field}, parsed from {@code text}. */
    private static ConsoleSettings only(SettingsField field, String text) {
        ConsoleSettings.Builder only = ConsoleSettings.builder();
        return switch (field) {
            case STATIC_ROOT -> only.staticRoot(text).build();
            case HTTP_PORT -> only.httpPort(port(text)).build();
            case IDC -> only.idc(text).build();
            case ETCD_ENDPOINTS -> only.etcdEndpoints(list(text)).build();
            case ALLOW -> only.allow(list(text)).build();
            case RATE_LIMIT -> only.rateLimit(text.strip()).build();
            case TFTP_PORT -> only.tftp(new TftpSettings(port(text))).build();
            case TFTP_MAX_TRANSFERS -> only.tftp(new TftpSettings(null, number(text), null, null, null, null)).build();
            case TFTP_TIMEOUT -> only.tftp(new TftpSettings(null, null, number(text), null, null, null)).build();
            case TFTP_RETRIES -> only.tftp(new TftpSettings(null, null, null, number(text), null, null)).build();
            case TFTP_MAX_BLKSIZE -> only.tftp(new TftpSettings(null, null, null, null, number(text), null)).build();
            case TFTP_MAX_WINDOWSIZE -> only.tftp(new TftpSettings(null, null, null, null, null, number(text))).build();
            case DHCP_RANGE -> only.dhcp(new DhcpSettings(null, text.strip(), null, null, null, null)).build();
            case DHCP_LEASE -> only.dhcp(new DhcpSettings(null, null, text.strip(), null, null, null)).build();
            case DHCP_ROUTER -> only.dhcp(new DhcpSettings(null, null, null, text.strip(), null, null)).build();
            case DHCP_DNS -> only.dhcp(new DhcpSettings(null, null, null, null, list(text), null)).build();
            case DHCP_RESERVATIONS -> only.dhcp(new DhcpSettings(null, null, null, null, null, text.strip())).build();
        };
    }

    /**
     * A whole number as typed: digits only.
     *
     * @throws IllegalArgumentException when the text is no whole number
     */
    static int number(String text) {
        String trimmed = text.strip();
        if (!trimmed.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        return Integer.parseInt(trimmed);
    }

    /**
     * A port as typed: digits only, so "8o81" or "80 81" is an error here rather than a surprise.
     *
     * @throws IllegalArgumentException when the text is no whole number
     */
    static int port(String text) {
        String trimmed = text.strip();
        if (!trimmed.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a port number: 0..65535 (0: any free port)");
        }
        return Integer.parseInt(trimmed);
    }

    /** Elements separated by commas and/or white space, as the CLI's comma-separated flags list them. */
    static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split("[,\\s]+")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    private ConsoleSettings toSettings() {
        ConsoleSettings current = saved.withEngineSettingsOf(running);
        return current.toBuilder()
                .staticRoot(text(SettingsField.STATIC_ROOT).strip()).httpPort(port(text(SettingsField.HTTP_PORT)))
                .idc(text(SettingsField.IDC)).etcdEndpoints(list(text(SettingsField.ETCD_ENDPOINTS)))
                .allow(list(text(SettingsField.ALLOW))).rateLimit(text(SettingsField.RATE_LIMIT).strip())
                .tftp(new TftpSettings(port(text(SettingsField.TFTP_PORT)), number(text(SettingsField.TFTP_MAX_TRANSFERS)),
                        number(text(SettingsField.TFTP_TIMEOUT)), number(text(SettingsField.TFTP_RETRIES)),
                        number(text(SettingsField.TFTP_MAX_BLKSIZE)), number(text(SettingsField.TFTP_MAX_WINDOWSIZE))))
                .dhcp(new DhcpSettings(current.dhcp().mode(), text(SettingsField.DHCP_RANGE).strip(),
                        text(SettingsField.DHCP_LEASE).strip(), text(SettingsField.DHCP_ROUTER).strip(),
                        list(text(SettingsField.DHCP_DNS)), text(SettingsField.DHCP_RESERVATIONS).strip()))
                .theme(theme.get())
                .build();
    }

    /**
     * The settings to save and the configuration to run when every field is valid; empty otherwise
     * (then nothing may be applied).
     */
    public Optional<Applied> result() {
        if (!valid.get()) {
            return Optional.empty();
        }
        ConsoleSettings settings = toSettings();
        EngineConfig config = settings.applyTo(running);
        return Optional.of(new Applied(settings, config, !config.equals(running)));
    }

    private String text(SettingsField field) {
        String value = texts.get(field).get();
        return value == null ? "" : value;
    }

    /** The text of a field, as typed. */
    public StringProperty textProperty(SettingsField field) {
        return texts.get(field);
    }

    /** Why the field's text is not accepted, in the engine's words; null when it is. */
    public ReadOnlyStringProperty errorProperty(SettingsField field) {
        return errors.get(field).getReadOnlyProperty();
    }

    /** A problem of the fields together (e.g. the engine rejects the combination); null when none. */
    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** True when every field is accepted: OK may apply. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** What applying does to running services, for the operator; null when nothing runs. */
    public String restartNotice() {
        return servicesRunning
                ? "PXE services are running: if the engine settings change, OK stops them and starts them again"
                        + " with the new settings."
                : null;
    }
}
