package io.lpmos.console.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewords the engine's operator messages for the console. The engine names the headless client's
 * flags ("choose another port with --api-port"); in the window the same setting lives in the
 * Settings dialog, so the advice becomes "choose another port in Settings (HTTP port)". Flags the
 * dialog does not edit are left as they are; a flag named on its own ("--idc 'a/b' must be ...")
 * becomes the field's label. Advice about what the console sets elsewhere (the interface picker, DHCP's
 * mode beside its toggle) points there, and the headless-only override to start full mode beside
 * another DHCP server, which the console does not offer, is left out.
 */
public final class SettingsWording {
    private static final Pattern FLAG_ADVICE = Pattern.compile("\\b(with|check) (--[a-z][a-z-]*)");
    private static final Pattern BARE_FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]*)(?![\\w-])");

    /** Engine phrases about flags the console offers outside the Settings dialog (or not at all), reworded. */
    private static final Map<String, String> CONSOLE_PHRASES = consolePhrases();

    private SettingsWording() {
    }

    private static Map<String, String> consolePhrases() {
        Map<String, String> phrases = new LinkedHashMap<>();
        phrases.put(", or start anyway with --dhcp-ignore-other-servers", "");
        phrases.put(" (--dhcp-mode=proxy)", " (DHCP's mode, beside its toggle)");
        phrases.put("with --interface", "in the toolbar's interface picker");
        phrases.put(" (--enable-tftp)", " (switch TFTP on in the toolbar)");
        return phrases;
    }

    /** The message with every flag the Settings dialog edits replaced by where to find it; null stays null. */
    public static String forConsole(String engineMessage) {
        if (engineMessage == null) {
            return null;
        }
        String message = engineMessage;
        for (Map.Entry<String, String> phrase : CONSOLE_PHRASES.entrySet()) {
            message = message.replace(phrase.getKey(), phrase.getValue());
        }
        Matcher m = FLAG_ADVICE.matcher(message);
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
