package io.lpmos.console.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewords the engine's operator messages for the console. The engine names the headless client's
 * flags ("choose another port with --api-port"); in the window the same setting lives in the
 * Settings dialog, so the advice becomes "choose another port in Settings (HTTP port)". Flags the
 * dialog does not edit are left as they are.
 */
public final class SettingsWording {
    private static final Pattern FLAG_ADVICE = Pattern.compile("\\b(with|check) (--[a-z][a-z-]*)");

    private SettingsWording() {
    }

    /** The message with every flag the Settings dialog edits replaced by where to find it; null stays null. */
    public static String forConsole(String engineMessage) {
        if (engineMessage == null) {
            return null;
        }
        Matcher m = FLAG_ADVICE.matcher(engineMessage);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            SettingsField field = fieldFor(m.group(2));
            String replacement = field == null ? m.group()
                    : m.group(1).equals("with") ? "in Settings (" + field.label() + ")"
                    : "check " + field.label() + " in Settings";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static SettingsField fieldFor(String flag) {
        for (SettingsField field : SettingsField.values()) {
            if (field.flag().equals(flag)) {
                return field;
            }
        }
        return null;
    }
}
