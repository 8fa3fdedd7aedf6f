package io.lpmos.console.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewords the engine's operator messages for the console. The engine names the headless client's
 * flags ("choose another port with --api-port"); in the window the same setting lives in the
 * Settings dialog, so the advice becomes "choose another port in Settings (HTTP port)". Flags the
 * dialog does not edit are left as they are; a flag named on its own ("--idc 'a/b' must be ...")
 * becomes the field's label.
 */
public final class SettingsWording {
    private static final Pattern FLAG_ADVICE = Pattern.compile("\\b(with|check) (--[a-z][a-z-]*)");
    private static final Pattern BARE_FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]*)(?![\\w-])");

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
        Matcher bare = BARE_FLAG.matcher(out.toString());
        StringBuilder named = new StringBuilder();
        while (bare.find()) {
            SettingsField field = fieldFor(bare.group(1));
            bare.appendReplacement(named, Matcher.quoteReplacement(field == null ? bare.group() : field.label()));
        }
        bare.appendTail(named);
        return named.toString();
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
