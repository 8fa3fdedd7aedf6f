package io.lpmos.console.settings;

import java.util.Locale;
import java.util.Map;

/** The window's colour theme as the operator chose it in Settings. */
public enum Theme {
    LIGHT("Light"),
    DARK("Dark"),
    /** Follows the desktop where it says so ({@code GTK_THEME=…:dark}); light otherwise. */
    SYSTEM("Follow the desktop");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether this theme shows dark colours on a desktop with the given environment. */
    public boolean isDark(Map<String, String> env) {
        return switch (this) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> {
                String gtk = env.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
                yield gtk.endsWith(":dark") || gtk.endsWith("-dark");
            }
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
