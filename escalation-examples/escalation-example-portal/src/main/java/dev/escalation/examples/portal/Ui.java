package dev.escalation.examples.portal;

import dev.escalation.text.Texts;
import java.text.MessageFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * One reader's language and time zone: the page texts of the portal ({@code portal/messages*.properties}) and the
 * engine's texts ({@link Texts}: labels, instants, timeline entries, deadline explanations, hotline advice).
 */
final class Ui {
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ZoneId zone;
    private final Texts texts;
    private final ResourceBundle bundle;

    Ui(Locale locale, ZoneId zone, Texts texts) {
        this.locale = locale;
        this.zone = zone;
        this.texts = texts;
        this.bundle = ResourceBundle.getBundle("portal.messages", locale, NO_FALLBACK);
    }

    Locale locale() {
        return locale;
    }

    ZoneId zone() {
        return zone;
    }

    Texts texts() {
        return texts;
    }

    boolean german() {
        return locale.getLanguage().equals("de");
    }

    /** Every page text, for the templates ({@code {{t.key}}}). */
    Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : Collections.list(bundle.getKeys())) {
            m.put(key, bundle.getString(key));
        }
        return m;
    }

    /** A page text with its arguments. */
    String t(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /**
     * An engine violation's rule in the reader's language: the portal's text for its code
     * ({@code violation.frequency.Range}), else for its rule ({@code violation.NotBlank}), else a general one. The
     * engine's own {@code message()} is English.
     */
    String violation(dev.escalation.InvalidCommandException.Violation v) {
        for (String key : new String[] {"violation." + v.code(), "violation." + v.rule()}) {
            if (bundle.containsKey(key)) {
                return bundle.getString(key);
            }
        }
        return bundle.getString("violation.other");
    }

    /** A field's name in the reader's language ({@code field.text}), or the field as the engine names it. */
    String field(String field) {
        String key = "field." + field.replaceAll("\\[\\d+]", "");
        return bundle.containsKey(key) ? bundle.getString(key) : field;
    }

    /** An instant in the reader's zone, as the engine writes it ("Di., 12. Jan. 2027, 13:00 MEZ"). */
    String at(Instant instant) {
        return texts.at(instant, locale, zone);
    }

    /** A code's label in the reader's language, capitalised: the portal's own where the engine has none. */
    String label(Enum<?> code) {
        String type = code.getDeclaringClass().getName();
        String key = "enum." + type.substring(type.lastIndexOf('.') + 1) + "." + code.name();
        String s = bundle.containsKey(key) ? bundle.getString(key) : texts.label(code, locale);
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The value of a {@code datetime-local} field for an instant, in the reader's zone. */
    String input(Instant instant) {
        return INPUT.format(instant.atZone(zone));
    }

    /**
     * A {@code datetime-local} value read in the reader's zone, or null when blank. A local time the zone skips (02:30
     * on the night the clocks go forward) is refused rather than moved to a time the reader did not enter; a local
     * time that occurs twice (the night the clocks go back) is the first one.
     */
    Instant parseInput(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(value.trim());
        } catch (DateTimeException e) {
            throw new FormException(field, t("form.dateTime"));
        }
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw new FormException(field, t("form.dateTimeSkipped"));
        }
        return local.atZone(zone).toInstant();
    }
}
